from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duban_principal_id = fields.Many2one(
        related="company_id.duban_principal_id", readonly=False, string="Principal leader"
    )
    duban_policy_id = fields.Many2one(
        related="company_id.duban_policy_id", readonly=False, string="Supervision rules"
    )

    duban_intake_senders = fields.Text(related="company_id.duban_intake_senders", readonly=False)
    duban_intake_alias_id = fields.Many2one(
        "mail.alias",
        string="Supervision mail alias",
        compute="_compute_duban_intake_alias_id",
    )
    duban_intake_model_ids = fields.Many2many(
        related="company_id.duban_intake_model_ids", readonly=False
    )

    def _compute_duban_intake_alias_id(self):
        alias = self.env.ref("duban_supervision.mail_alias_duban_intake", raise_if_not_found=False)
        for settings in self:
            settings.duban_intake_alias_id = alias

    def set_values(self):
        result = super().set_values()
        self.env["duban.item.intake"]._sync_bindings(self.company_id.duban_intake_model_ids)
        return result
