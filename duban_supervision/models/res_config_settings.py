from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duban_principal_id = fields.Many2one(
        related="company_id.duban_principal_id", readonly=False, string="Principal leader"
    )
    duban_number_pattern = fields.Char(
        related="company_id.duban_number_pattern", readonly=False, string="Notice number pattern"
    )

    @api.constrains("duban_number_pattern")
    def _check_duban_number_pattern(self):
        for settings in self:
            settings.company_id._check_duban_number_pattern_value(settings.duban_number_pattern)
