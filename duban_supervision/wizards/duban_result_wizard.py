from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.duban_text_guard import TEXT_MAX


class DubanResultWizard(models.TransientModel):
    """The 意见 of the office head reviewing a result, or of the leader reading it."""

    _name = "duban.result.wizard"
    _description = "Report the result to the leaders"
    _inherit = ["duban.text.guard"]
    _text_limits = {"opinion": TEXT_MAX}

    report_id = fields.Many2one("duban.report", required=True, readonly=True, ondelete="cascade")
    opinion = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.report_id.check_access("read")
        return wizards

    def action_confirm(self):
        self.ensure_one()
        opinion = (self.opinion or "").strip()
        if not opinion:
            raise UserError(self.env._("Please give your opinion."))
        self.report_id._action_result_step(opinion)
        return {"type": "ir.actions.act_window_close"}
