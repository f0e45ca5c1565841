from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize


class ResCompany(models.Model):
    _inherit = "res.company"

    duban_principal_id = fields.Many2one(
        "res.users",
        string="Principal leader",
        help="主要领导: signs major items and approves terminations.",
    )
    duban_number_pattern = fields.Char(
        string="Notice number pattern",
        default="〔%(year)s〕%(seq)s号",
        required=True,
        help="How issued items are numbered: %(year)s is the year of issue, %(seq)s the "
        "yearly sequence, e.g. 〔%(year)s〕%(seq)s号 or 通师督字[%(year)s]第%(seq)s号.",
    )

    duban_intake_senders = fields.Text(
        string="Senders allowed to file items by mail",
        help="E-mail addresses or domains (e.g. @gov.example.cn), one per line or separated by "
        "commas. Mails from anyone else are refused with a polite reply.",
    )

    duban_intake_model_ids = fields.Many2many(
        "ir.model",
        string="Documents items are registered from",
        domain=[("is_mail_thread", "=", True), ("transient", "=", False)],
        help="Records of these kinds (documents, minutes, tasks…) get an action that registers a "
        "supervision item from them, linked back to the record.",
    )

    def _duban_intake_allows(self, email_from):
        """Whether a mail from ``email_from`` may create a supervision item."""
        self.ensure_one()
        email = email_normalize(email_from or "")
        if not email:
            return False
        allowed = [
            entry.strip().lower()
            for entry in (self.duban_intake_senders or "").replace(",", "\n").splitlines()
            if entry.strip()
        ]
        return any(
            email == entry or (entry.startswith("@") and email.endswith(entry)) for entry in allowed
        )

    @api.constrains("duban_number_pattern")
    def _check_duban_number_pattern(self):
        for company in self:
            company._check_duban_number_pattern_value(company.duban_number_pattern)

    def _check_duban_number_pattern_value(self, pattern):
        """Refuse a pattern that cannot number notices, with the reason in the user's words."""
        try:
            (pattern or "") % {"year": 2026, "seq": 1}
        except (KeyError, ValueError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "The notice number pattern “%(pattern)s” is not valid (%(error)s). Use "
                    "%%(year)s for the year and %%(seq)s for the number, "
                    "e.g. 〔%%(year)s〕%%(seq)s号.",
                    pattern=pattern,
                    error=error,
                )
            ) from error
        if "%(seq)" not in (pattern or ""):
            raise ValidationError(
                self.env._(
                    "The notice number pattern “%(pattern)s” must contain %%(seq)s, or every "
                    "notice would get the same number.",
                    pattern=pattern,
                )
            )
