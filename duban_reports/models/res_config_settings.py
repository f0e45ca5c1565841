from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duban_notice_layout = fields.Selection(
        related="company_id.duban_notice_layout", readonly=False, string="Notice layout"
    )
