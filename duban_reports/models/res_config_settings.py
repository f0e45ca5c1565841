from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duban_office_room = fields.Char(related="company_id.duban_office_room", readonly=False)
    duban_weight_on_time = fields.Float(related="company_id.duban_weight_on_time", readonly=False)
    duban_weight_closed = fields.Float(related="company_id.duban_weight_closed", readonly=False)
    duban_weight_overdue = fields.Float(related="company_id.duban_weight_overdue", readonly=False)
    duban_weight_measure = fields.Float(related="company_id.duban_weight_measure", readonly=False)
