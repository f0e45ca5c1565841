from odoo import fields, models


class DubanReassignWizard(models.TransientModel):
    """Gives an objected assignment to another unit."""

    _name = "duban.reassign.wizard"
    _description = "Re-assign a supervision item"

    assignment_id = fields.Many2one("duban.assignment", required=True, readonly=True)
    objection_reason = fields.Text(related="assignment_id.objection_reason")
    department_id = fields.Many2one("hr.department", string="New unit", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.assignment_id._action_reassign(self.department_id)
        return {"type": "ir.actions.act_window_close"}
