import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class DubanWorkday(models.Model):
    """An exception to the ordinary week of the official calendar.

    A weekday that is a statutory holiday, or a weekend day that is a make-up workday (调休上班).
    Every other day follows the week: Monday to Friday work, Saturday and Sunday rest.
    """

    _name = "duban.workday"
    _description = "Official calendar day"
    _inherit = ["duban.write.guard"]
    _write_table = {"*": {"manager": ("date", "day_type", "name")}}
    _order = "date"
    _rec_name = "date"

    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(
        [("holiday", "Holiday"), ("workday", "Make-up workday")],
        required=True,
        default="holiday",
        help="Holiday: a day off although it is a weekday. "
        "Make-up workday: a working day although it falls on a weekend.",
    )
    name = fields.Char(string="Occasion", help="The holiday the day belongs to, e.g. 春节.")

    _date_unique = models.Constraint(
        "UNIQUE(date)", "A date can be listed only once in the calendar."
    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()  # duban.calendar keeps the exceptions by year
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    def _import_official_calendar(self):
        """Add the holidays and make-up workdays the ``chinesecalendar`` library knows.

        Dates already listed are left as they are, so an administrator's corrections survive a
        new import. Returns the number of dates added.
        """
        try:
            from chinese_calendar import constants  # noqa: PLC0415 (optional at import time)
        except ImportError:
            _logger.warning("chinesecalendar is not installed: the official calendar stays empty")
            return 0
        official = [(day, "holiday", name) for day, name in constants.holidays.items()]
        official += [(day, "workday", name) for day, name in constants.workdays.items()]
        known = set(self.sudo().search([]).mapped("date"))
        vals_list = [
            {"date": day, "day_type": day_type, "name": name}
            for day, day_type, name in official
            if day not in known
        ]
        self.sudo().create(vals_list)
        return len(vals_list)

    def action_import_official_calendar(self):
        if not self.env.su and not self.env.user.has_group("duban_supervision.group_duban_manager"):
            raise AccessError(
                self.env._("Only supervision administrators import the official calendar.")
            )
        count = self._import_official_calendar()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s dates added to the official calendar.", count=count
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
