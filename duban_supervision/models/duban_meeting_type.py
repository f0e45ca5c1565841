from odoo import fields, models


class DubanMeetingType(models.Model):
    """The meetings whose decisions become supervision items (所务会, 党委会, 办公会…)."""

    _name = "duban.meeting.type"
    _description = "Meeting type"
    _inherit = ["duban.write.guard"]
    _write_table = {"*": {"manager": ("name", "sequence", "active")}}
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
