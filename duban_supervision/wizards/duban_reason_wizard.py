import ast

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# what each reason completes: (model, private method taking the reason)
REASON_ACTIONS = {
    "refuse": ("duban.item", "_action_refuse"),
    "pre_sign": ("duban.item", "_action_pre_sign"),
    "cancel": ("duban.item", "_action_cancel"),
    "object": ("duban.assignment", "_action_object"),
    "return": ("duban.report", "_action_return"),
    "refuse_extension": ("duban.extension", "_action_refuse"),
    "dismiss": ("duban.accountability", "_action_dismiss"),
    "resolve": ("duban.risk", "_action_resolve"),
    "approve": ("duban.item", "_action_approve"),
    "accept": ("duban.report", "_action_accept"),
    "approve_extension": ("duban.extension", "_action_approve"),
}
# decisions whose opinion (意见) may be left empty
OPTIONAL_OPINIONS = ("approve", "accept", "approve_extension")


class DubanReasonWizard(models.TransientModel):
    """Asks why before a refusal, termination, objection or return, and then does it."""

    _name = "duban.reason.wizard"
    _description = "Supervision reason"
    _inherit = ["duban.text.guard"]

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True)
    action = fields.Selection(
        [
            ("refuse", "Refuse to sign"),
            ("pre_sign", "Review before signing"),
            ("cancel", "Terminate"),
            ("object", "Object"),
            ("return", "Return the report"),
            ("refuse_extension", "Refuse the request"),
            ("dismiss", "Dismiss the proposal"),
            ("resolve", "Resolve the difficulty"),
            ("approve", "Sign with an opinion"),
            ("accept", "Accept with an opinion"),
            ("approve_extension", "Approve with an opinion"),
        ],
        required=True,
    )
    reason = fields.Text()
    reason_required = fields.Boolean(compute="_compute_reason_required")

    @api.depends("action")
    def _compute_reason_required(self):
        for wizard in self:
            wizard.reason_required = wizard.action not in OPTIONAL_OPINIONS

    @api.constrains("res_model", "action")
    def _check_action(self):
        for wizard in self:
            if REASON_ACTIONS[wizard.action][0] != wizard.res_model:
                raise ValidationError(self.env._("This reason does not belong to these records."))

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._get_records()
        return wizards

    def _get_records(self):
        """The records the reason is for, which the user must be able to read."""
        self.ensure_one()
        model = REASON_ACTIONS[self.action][0]
        try:
            ids = ast.literal_eval(self.res_ids)
        except (ValueError, SyntaxError):
            ids = None
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            raise ValidationError(self.env._("This reason does not belong to these records."))
        records = self.env[model].browse(ids).exists()
        records.check_access("read")
        return records

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason and self.reason_required:
            raise UserError(self.env._("Please give the reason."))
        method = REASON_ACTIONS[self.action][1]
        getattr(self._get_records(), method)(reason or False)
        return {"type": "ir.actions.act_window_close"}
