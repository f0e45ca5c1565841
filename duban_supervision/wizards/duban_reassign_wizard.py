from odoo import api, fields, models


class DubanReassignWizard(models.TransientModel):
    """Gives an objected assignment to another unit."""

    _name = "duban.reassign.wizard"
    _description = "Re-assign a supervision item"

    assignment_id = fields.Many2one("duban.assignment", required=True, readonly=True)
    # read as the user: the wizard never shows an objection its user may not read
    objection_reason = fields.Text(related="assignment_id.objection_reason", compute_sudo=False)
    department_id = fields.Many2one("hr.department", string="New unit", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._check_assignment_rights()
        return wizards

    def _check_assignment_rights(self):
        """Only the office that may re-assign the share opens the dialog on it."""
        for wizard in self:
            wizard.assignment_id.check_access("read")
            wizard.assignment_id.item_id._check_office_rights()

    def action_confirm(self):
        self.ensure_one()
        self._check_assignment_rights()
        self.assignment_id._action_reassign(self.department_id)
        return {"type": "ir.actions.act_window_close"}
