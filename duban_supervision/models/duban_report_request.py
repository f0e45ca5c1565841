from datetime import timedelta

from odoo import api, fields, models

RHYTHMS = [
    ("none", "None"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_year", "Every half year and at year end"),
    ("year_end", "At year end"),
    ("dates", "On given dates"),
]


class DubanReportRequest(models.Model):
    """A report the lead unit owes by a date: one per period of the item's rhythm, or asked by a
    leader's instruction. A progress or completion report submitted for the item fulfils the
    oldest open request; a request still open after its date is overdue."""

    _name = "duban.report.request"
    _description = "Supervision report request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "duban.workflow.mixin",
        "duban.traffic.light.mixin",
    ]
    _order = "date_deadline, id"
    _check_company_auto = True
    _deadline_closed_states = ("fulfilled", "cancelled")
    # opened by the rhythm's cron and by instructions, fulfilled by a report: nobody writes it
    _write_table = {}

    item_id = fields.Many2one("duban.item", required=True, ondelete="restrict", index=True)
    assignment_id = fields.Many2one("duban.assignment", string="Lead unit's assignment", index=True)
    department_id = fields.Many2one(related="assignment_id.department_id", store=True, index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    security_rank = fields.Integer(related="item_id.security_rank", store=True, index=True)
    period_key = fields.Char(
        string="Period", required=True, help="The period the report is for, e.g. 2026-Q3."
    )
    date_deadline = fields.Date(string="Report by", required=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("fulfilled", "Reported"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        help="Open: the unit owes the report (overdue once its date has passed). Reported: a "
        "report was submitted. Cancelled: the item was closed or terminated first.",
    )
    report_id = fields.Many2one("duban.report", readonly=True)

    _item_period_unique = models.Constraint(
        "UNIQUE(item_id, period_key)", "One report request per item and period."
    )

    @api.depends("item_id", "period_key")
    def _compute_display_name(self):
        for request in self:
            request.display_name = f"{request.item_id._get_safe_label()} · {request.period_key}"

    def _get_write_assignment(self):
        return self.assignment_id

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {"report_id"}

    @api.model
    def _open_request(self, item, date_deadline, period_key):
        """Open the request for ``period_key`` unless there is one already; return it."""
        existing = self.sudo().search([("item_id", "=", item.id), ("period_key", "=", period_key)])
        if existing:
            return existing
        lead = item.assignment_ids._current().filtered(lambda a: a.role == "lead")[:1]
        request = self.sudo().create(
            {
                "item_id": item.id,
                "assignment_id": lead.id,
                "period_key": period_key,
                "date_deadline": date_deadline,
            }
        )
        request._activity_sync()
        return request

    @api.model
    def _cron_open_requests(self):
        """Daily: open the period's request of every item that reports on a rhythm."""
        today = fields.Date.context_today(self)
        items = self.env["duban.item"].search(
            [("report_rhythm", "!=", "none"), ("state", "in", ("issued", "in_progress"))]
        )
        existing = {
            (item.id, key)
            for item, key in self._read_group(
                [("item_id", "in", items.ids)], ["item_id", "period_key"]
            )
        }
        vals_list = []
        for item in items:
            period = item._current_report_period(today)
            if period and (item.id, period[0]) not in existing:
                lead = item.assignment_ids._current().filtered(lambda a: a.role == "lead")[:1]
                vals_list.append(
                    {
                        "item_id": item.id,
                        "assignment_id": lead.id,
                        "period_key": period[0],
                        "date_deadline": period[1],
                    }
                )
        requests = self.sudo().create(vals_list)
        requests._activity_sync()
        self._refresh_traffic_lights()
        return requests

    def _fulfil(self, report):
        self._write_transition({"state": "fulfilled", "report_id": report.id})
        self._activity_sync()

    def _cancel_with_item(self):
        self.filtered(lambda r: r.state == "open")._write_transition({"state": "cancelled"})
        self._activity_sync()

    def _get_activity_type_xmlids(self):
        return ["duban_supervision.mail_act_duban_report_due"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "open":
            return []
        return [
            {
                "type": "duban_supervision.mail_act_duban_report_due",
                "user": self.assignment_id.liaison_id or self.assignment_id.head_id,
                "date_deadline": self.date_deadline,
                "summary": self.env._(
                    "Report on %(item)s for %(period)s",
                    item=self.item_id._get_safe_label(),
                    period=self.period_key,
                ),
            }
        ]


def period_of(rhythm, day, dates=()):
    """(key, report-by date) of the reporting period of ``rhythm`` that contains ``day``."""
    if rhythm == "weekly":
        year, week, _weekday = day.isocalendar()
        friday = day + timedelta(days=4 - day.weekday())
        return f"{year}-W{week:02d}", max(friday, day)
    if rhythm == "monthly":
        return f"{day:%Y-%m}", fields.Date.end_of(day, "month")
    if rhythm == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}", fields.Date.end_of(day, "quarter")
    if rhythm == "half_year":
        if day.month <= 6:
            return f"{day.year}-H1", day.replace(month=6, day=30)
        return f"{day.year}-H2", day.replace(month=12, day=31)
    if rhythm == "year_end":
        return f"{day.year}", day.replace(month=12, day=31)
    if rhythm == "dates":
        upcoming = sorted(d for d in dates if d >= day)
        return (f"{upcoming[0]}", upcoming[0]) if upcoming else None
    return None
