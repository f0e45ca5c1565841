from odoo import api, fields, models


class DubanDelegateWizard(models.TransientModel):
    """The unit's head names one of the unit's people to sign for its notices (UN 三(二))."""

    _name = "duban.delegate.wizard"
    _description = "Name who signs for notices"

    department_id = fields.Many2one("hr.department", string="Unit", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Signs for notices on the head's behalf",
        compute="_compute_user_id",
        store=True,
        readonly=False,
    )

    @api.depends("department_id")
    def _compute_user_id(self):
        for wizard in self:
            # sudo: the head sees who signs for the unit, whose other data is the admins'
            wizard.user_id = wizard.department_id.sudo().duban_sign_delegate_id

    def action_confirm(self):
        self.ensure_one()
        self.department_id._duban_name_sign_delegate(self.user_id)
        return {"type": "ir.actions.act_window_close"}
