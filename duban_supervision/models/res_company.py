from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("duban_number_pattern")
    def _check_duban_number_pattern(self):
        for company in self:
            company._check_duban_number_pattern_value(company.duban_number_pattern)

    def _check_duban_number_pattern_value(self, pattern):
        """Refuse a pattern that cannot number notices, with the reason in the user's words."""
        try:
            (pattern or "") % {"year": 2026, "seq": 1}  # noqa: B018 (only checks it formats)
        except (KeyError, ValueError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "The notice number pattern “%(pattern)s” is not valid (%(error)s). Use "
                    "%%(year)s for the year and %%(seq)s for the number, e.g. 〔%%(year)s〕%%(seq)s号.",
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
