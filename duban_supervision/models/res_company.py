from odoo import api, fields, models
from odoo.tools import email_normalize


class ResCompany(models.Model):
    _inherit = "res.company"

    duban_principal_id = fields.Many2one(
        "res.users",
        string="Principal leader",
        help="主要领导: signs major items and approves terminations.",
    )
    duban_policy_id = fields.Many2one(
        "duban.policy",
        string="Supervision rules",
        default=lambda self: self._default_duban_policy_id(),
        ondelete="restrict",
        help="督办制度: the windows, signers, ladders, numbering and forms this company follows.",
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

    @api.model
    def _default_duban_policy_id(self):
        return self.env.ref("duban_supervision.policy_education", raise_if_not_found=False)

    @api.model
    def _duban_assign_default_policy(self):
        """Companies that had none follow the default rules (at install, for existing ones)."""
        policy = self._default_duban_policy_id()
        if policy:
            self.with_context(active_test=False).search([("duban_policy_id", "=", False)]).write(
                {"duban_policy_id": policy.id}
            )

    def _duban_policy(self):
        """The rules this company follows; the education commission's until one is chosen."""
        self.ensure_one()
        # sudo: an institution's rules apply whoever acts, inside the supervision groups or not
        return (self.duban_policy_id or self._default_duban_policy_id()).sudo()

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
