from odoo import api, fields, models
from odoo.tools import format_date


class DubanReportDate(models.Model):
    """A date by which an item on the 'given dates' schedule must be reported on."""

    _name = "duban.report.date"
    _description = "Supervision reporting date"
    _inherit = ["duban.write.guard"]
    _order = "date"
    # no table of its own: see _get_writable_fields
    _write_table = {}

    item_id = fields.Many2one("duban.item", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)

    _item_date_unique = models.Constraint(
        "UNIQUE(item_id, date)", "A reporting date is listed once per item."
    )

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for report_date in self:
            report_date.display_name = format_date(self.env, report_date.date)

    @api.model_create_multi
    def create(self, vals_list):
        dates = super().create(vals_list)
        if not self.env.su:
            dates.item_id.check_access("write")
        return dates

    def write(self, vals):
        result = super().write(vals)
        if "item_id" in vals and not self.env.su:
            # the item it moves to must take reporting dates from this user too
            self.item_id.check_access("write")
            self._check_write_table(vals)
        return result

    def _get_writable_fields(self, creating=False):
        """A reporting date is written by whoever may write its item's reporting dates (the
        item's form links them to it again when it saves them)."""
        self.ensure_one()
        if "report_date_ids" not in self.item_id._get_writable_fields():
            return set()
        return {"item_id", "date"}
