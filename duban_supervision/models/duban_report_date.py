from odoo import fields, models


class DubanReportDate(models.Model):
    """A date by which an item on the 'given dates' schedule must be reported on."""

    _name = "duban.report.date"
    _description = "Supervision reporting date"
    _order = "date"

    item_id = fields.Many2one("duban.item", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)

    _item_date_unique = models.Constraint(
        "UNIQUE(item_id, date)", "A reporting date is listed once per item."
    )
