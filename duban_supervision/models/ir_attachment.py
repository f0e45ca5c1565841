from odoo import api, models
from odoo.exceptions import UserError

DUBAN_MODELS = (
    "duban.item",
    "duban.assignment",
    "duban.report",
    "duban.urge",
    "duban.extension",
    "duban.risk",
    "duban.instruction",
)
DEFAULT_MAX_MB = 50


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments.filtered(lambda a: a.res_model in DUBAN_MODELS)._check_duban_size()
        return attachments

    def _check_duban_size(self):
        """Supervision files are documents and photos: refuse what would fill the filestore."""
        limit_mb = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("duban_supervision.attachment_max_mb", DEFAULT_MAX_MB)
        )
        for attachment in self:
            if attachment.file_size > limit_mb * 1024 * 1024:
                raise UserError(
                    self.env._(
                        "“%(name)s” is %(size).1f MB; supervision attachments are limited to "
                        "%(limit)s MB. Compress it or split it.",
                        name=attachment.name,
                        size=attachment.file_size / 1024 / 1024,
                        limit=limit_mb,
                    )
                )
