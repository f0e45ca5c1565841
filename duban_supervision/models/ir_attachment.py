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
        attachments._check_duban_records_open()
        return attachments

    def write(self, vals):
        self._check_duban_records_open()
        result = super().write(vals)
        if {"res_model", "res_id"} & set(vals):
            self._check_duban_records_open()
        return result

    def unlink(self):
        self._check_duban_records_open()
        return super().unlink()

    def _check_duban_records_open(self):
        """Signed reports and closed items keep the files they had: none added or removed."""
        if self.env.su:
            return
        # sudo: the attachment's own fields, to find the records it belongs to
        attached = self.sudo().filtered(lambda a: a.res_model in DUBAN_MODELS and a.res_id)
        for model in set(attached.mapped("res_model")):
            res_ids = attached.filtered(lambda a, m=model: a.res_model == m).mapped("res_id")
            self.env[model].browse(res_ids).exists()._check_attachments_editable()

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
