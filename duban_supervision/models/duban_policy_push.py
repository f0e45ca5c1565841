from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DubanPolicy(models.Model):
    """The reminder budget of an institution's rules: when and how often pushes may reach people.

    The 2023 guidelines on reducing burdens at the grassroots (整治形式主义为基层减负) call out
    “指尖上的形式主义”: messages at all hours and many a day. None of the three documents sets
    numbers, so the presets share these defaults.
    """

    _inherit = "duban.policy"

    def _get_write_table(self):
        table = super()._get_write_table()
        budget = ("push_hour_from", "push_hour_to", "push_daily_cap", "push_escalation_anytime")
        return dict(table, **{"*": dict(table["*"], manager=(*table["*"]["manager"], *budget))})

    push_hour_from = fields.Float(
        string="Pushes from",
        default=8.5,
        help="Reminders reach phones from this hour of working days (8.5 = 8:30).",
    )
    push_hour_to = fields.Float(
        string="Pushes until", default=18.0, help="…and until this hour (18.0 = 18:00)."
    )
    push_daily_cap = fields.Integer(
        string="Pushes per person per day",
        default=3,
        help="At most this many messages a day reach one person; the rest wait for the next "
        "day's digest.",
    )
    push_escalation_anytime = fields.Boolean(
        string="Escalations to leaders at any time",
        default=True,
        help="Red lights escalated to the leader in charge or the principal leader go out "
        "at once, outside working hours and beyond the daily cap.",
    )

    @api.constrains("push_hour_from", "push_hour_to", "push_daily_cap")
    def _check_push_budget(self):
        for policy in self:
            if not 0 <= policy.push_hour_from < policy.push_hour_to <= 24:
                raise ValidationError(
                    self.env._("Pushes start before they end, both between 0:00 and 24:00.")
                )
            if policy.push_daily_cap < 1:
                raise ValidationError(self.env._("Allow at least one push per person per day."))

    def _push_budget(self):
        """The reminder budget (the anti-formalism rule) of these rules."""
        self.ensure_one()
        return {
            "hour_from": self.push_hour_from,
            "hour_to": self.push_hour_to,
            "daily_cap": self.push_daily_cap,
            "escalation_anytime": self.push_escalation_anytime,
        }
