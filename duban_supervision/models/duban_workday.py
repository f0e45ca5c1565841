from odoo import fields, models


class DubanWorkday(models.Model):
    """An exception to the ordinary week of the official calendar.

    A weekday that is a statutory holiday, or a weekend day that is a make-up workday (调休上班).
    Every other day follows the week: Monday to Friday work, Saturday and Sunday rest.
    """

    _name = "duban.workday"
    _description = "Official calendar day"
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

    _date_unique = models.Constraint("UNIQUE(date)", "A date can be listed only once in the calendar.")
