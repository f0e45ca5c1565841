from odoo import api, fields, models
from odoo.tools import email_normalize

NUMBER_SEQUENCE_CODE = "duban.item.number"


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

    @api.model
    def _duban_claim_shared_number_sequence(self):
        """Numbers used to come from one sequence for all companies: it becomes the main
        company's own, so that its numbering goes on without a jump; the others start their own."""
        shared = self.env.ref("duban_supervision.seq_duban_item_number", raise_if_not_found=False)
        if shared and not shared.company_id:
            main = self.env.ref("base.main_company", raise_if_not_found=False)
            shared.company_id = main or self.search([], limit=1)

    def _duban_number_sequence(self):
        """This company's yearly no-gap sequence of notice numbers, made on its first issue."""
        self.ensure_one()
        # sudo: issuing numbers an item, whoever may not read or create sequences
        sequences = self.env["ir.sequence"].sudo()
        sequence = sequences.search(
            [("code", "=", NUMBER_SEQUENCE_CODE), ("company_id", "=", self.id)], limit=1
        )
        return sequence or sequences.create(
            {
                "name": self.env._("Supervision notice number (%(company)s)", company=self.name),
                "code": NUMBER_SEQUENCE_CODE,
                "implementation": "no_gap",
                "use_date_range": True,
                "padding": 1,
                "company_id": self.id,
            }
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
