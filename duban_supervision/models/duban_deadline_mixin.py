from odoo import api, fields, models
from odoo.fields import Domain

TRAFFIC_LIGHTS = [
    ("green", "On time"),
    ("yellow", "Due soon"),
    ("red", "Overdue"),
    ("none", "No deadline"),
]


class DubanTrafficLightMixin(models.AbstractModel):
    """Days left and a traffic light for records with a ``date_deadline`` and a ``state``.

    The light is stored so that lists can group by it; a daily cron moves it on as days pass,
    with one grouped write per colour. Models say which of their states stop the clock.
    """

    _name = "duban.traffic.light.mixin"
    _description = "Supervision traffic light"
    _deadline_closed_states = ("done", "cancelled")

    days_left = fields.Integer(
        compute="_compute_days_left",
        help="Working days until the time limit; negative once overdue.",
    )
    days_left_label = fields.Char(
        string="Time left",
        compute="_compute_days_left",
        help="The working days left, or overdue, in words.",
    )
    traffic_light = fields.Selection(
        TRAFFIC_LIGHTS,
        compute="_compute_traffic_light",
        store=True,
        index=True,
        help="Green: on time. Yellow: due within the configured number of working days. "
        "Red: overdue. No deadline: none set, or the work is finished.",
    )

    traffic_light_color = fields.Integer(compute="_compute_traffic_light_color")

    @api.depends("traffic_light")
    def _compute_traffic_light_color(self):
        # colour indexes of Odoo's palette: red, yellow, green
        colors = {"red": 1, "yellow": 3, "green": 10}
        for record in self:
            record.traffic_light_color = colors.get(record.traffic_light, 0)

    @api.depends("date_deadline")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        with_deadline = self.filtered("date_deadline")
        left = self.env["duban.calendar"].count_workdays_to_many(
            today, with_deadline.mapped("date_deadline")
        )
        for record in self:
            record.days_left = left.get(record.date_deadline, 0) if record.date_deadline else 0
            record.days_left_label = (
                record._format_days_left(record.days_left) if record.date_deadline else ""
            )

    def _format_days_left(self, days):
        if days > 0:
            return self.env._("%(days)s working days left", days=days)
        if days == 0:
            return self.env._("Due today")
        return self.env._("%(days)s working days overdue", days=-days)

    @api.depends("date_deadline", "state")
    def _compute_traffic_light(self):
        domains = self._get_traffic_light_domains()
        for record in self:
            record.traffic_light = next(
                (light for light, domain in domains.items() if record.filtered_domain(domain)),
                "none",
            )

    @api.model
    def _get_traffic_light_domains(self):
        """The domain of each light as of today: one place for compute, refresh and search."""
        today = fields.Date.context_today(self)
        open_ = Domain("state", "not in", list(self._deadline_closed_states)) & Domain(
            "date_deadline", "!=", False
        )
        # each company's rules set its own yellow window: one branch per distinct window
        companies_by_soon = {}
        # sudo: every company's window is read, whoever looks at the lights
        for company in self.env["res.company"].sudo().with_context(active_test=False).search([]):
            soon = company._duban_policy()._yellow_limit(today)
            companies_by_soon.setdefault(soon, []).append(company.id)
        yellow = Domain.OR(
            Domain("company_id", "in", ids) & Domain("date_deadline", "<=", soon)
            for soon, ids in companies_by_soon.items()
        )
        green = Domain.OR(
            Domain("company_id", "in", ids) & Domain("date_deadline", ">", soon)
            for soon, ids in companies_by_soon.items()
        )
        return {
            "red": open_ & Domain("date_deadline", "<", today),
            "yellow": open_ & Domain("date_deadline", ">=", today) & yellow,
            "green": open_ & green,
        }

    @api.model
    def _refresh_traffic_lights(self):
        """Move every stale light on: one search and one grouped write per colour."""
        domains = self._get_traffic_light_domains()
        for light, domain in domains.items():
            self.search(Domain(domain) & Domain("traffic_light", "!=", light))._set_traffic_light(
                light
            )
        lit = Domain.OR(Domain(domain) for domain in domains.values())
        self.search(~lit & Domain("traffic_light", "!=", "none"))._set_traffic_light("none")

    def _set_traffic_light(self, light):
        if self:
            # sudo: the light follows the calendar, whoever's records they are, closed ones too
            self.sudo().write({"traffic_light": light})


class DubanDeadlineMixin(models.AbstractModel):
    """A deadline given as a date, as calendar days or as working days from a start date."""

    _name = "duban.deadline.mixin"
    _description = "Supervision deadline"
    _inherit = ["duban.traffic.light.mixin"]

    deadline_mode = fields.Selection(
        [
            ("date", "On a date"),
            ("calendar_days", "Calendar days"),
            ("working_days", "Working days"),
        ],
        string="Time limit given as",
        default="date",
        required=True,
        help="On a date: the time limit is the date entered. Calendar or working days: counted "
        "from the start date, working days on the official calendar.",
    )
    deadline_days = fields.Integer(string="Days allowed")
    deadline_start = fields.Date(
        string="Counted from", default=fields.Date.context_today, help="Day zero of the count."
    )
    date_deadline = fields.Date(
        string="Time limit",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
    )
    deadline_uncovered = fields.Boolean(
        string="Calendar not published",
        compute="_compute_deadline_uncovered",
        help="The deadline runs into a year whose official holidays are not in the calendar yet: "
        "it was counted on weekends only and must be checked once they are announced.",
    )

    @api.depends("deadline_mode", "deadline_days", "deadline_start")
    def _compute_date_deadline(self):
        calendar = self.env["duban.calendar"]
        for record in self:
            start = record.deadline_start
            if record.deadline_mode == "date" or not start or record.deadline_days <= 0:
                record.date_deadline = record.date_deadline
            elif record.deadline_mode == "calendar_days":
                record.date_deadline = fields.Date.add(start, days=record.deadline_days)
            else:
                record.date_deadline = calendar.add_workdays(start, record.deadline_days)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a time limit given as a date wins over the days the rules would propose
            if vals.get("date_deadline") and "deadline_mode" not in vals:
                vals.update(deadline_mode="date", deadline_days=0)
        return super().create(vals_list)

    @api.depends("deadline_mode", "deadline_start", "date_deadline")
    def _compute_deadline_uncovered(self):
        """Flag a time limit whose working days were counted without the official holidays:
        counted from its start in working days, or typed as a date (days left and reminders
        count working days up to it)."""
        calendar = self.env["duban.calendar"]
        covered = calendar._get_covered_years()
        for record in self:
            counted = record.deadline_mode == "working_days" and record.deadline_start
            years = {d.year for d in (counted, record.date_deadline) if d}
            record.deadline_uncovered = bool(
                record.date_deadline
                and record.deadline_mode in ("working_days", "date")
                and any(year not in covered for year in range(min(years), max(years) + 1))
            )
