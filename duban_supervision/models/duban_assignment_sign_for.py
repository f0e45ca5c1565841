from odoo import api, fields, models
from odoo.exceptions import AccessError


class DubanAssignment(models.Model):
    """Who signs for a notice: anyone acting for the unit, or — where the rules say so (UN 三(二):
    一般应由各单位主要负责人签收) — the unit's head or the delegate the head names."""

    _inherit = "duban.assignment"

    sign_delegate_id = fields.Many2one(
        "res.users",
        string="Signs for notices on the head's behalf",
        compute="_compute_sign_delegate_id",
        help="Named by the unit's head, where the rules have the head sign for notices.",
    )
    head_signs_for = fields.Boolean(
        string="The head signs for notices", compute="_compute_sign_delegate_id"
    )
    can_name_delegate = fields.Boolean(compute="_compute_can_name_delegate")

    @api.depends("department_id.duban_sign_delegate_id", "company_id")
    def _compute_sign_delegate_id(self):
        for assignment in self:
            # sudo: who signs for the unit is shown to its people, who may not read the unit
            assignment.sign_delegate_id = assignment.department_id.sudo().duban_sign_delegate_id
            assignment.head_signs_for = assignment.company_id._duban_policy().sign_for_by == "head"

    @api.depends_context("uid")
    @api.depends("head_id", "head_signs_for")
    def _compute_can_name_delegate(self):
        for assignment in self:
            assignment.can_name_delegate = (
                assignment.head_signs_for and assignment.head_id == self.env.user
            )

    # ---- Actions ----

    def action_name_sign_delegate(self):
        """Open the dialog in which the unit's head names who signs for its notices."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Name who signs for notices"),
            "res_model": "duban.delegate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_department_id": self.department_id.id},
        }

    def action_sign(self):
        self._check_may_sign_for()
        return super().action_sign()

    # ---- Business methods ----

    def _get_sign_for_user(self):
        """The one person the notice waits on to be signed for."""
        self.ensure_one()
        if self.head_signs_for:
            return (self.sign_delegate_id | self.head_id).filtered("active")[:1]
        return self.liaison_id

    def _may_sign_for(self, user):
        self.ensure_one()
        if not self.head_signs_for:
            return self._is_unit_member(user)
        return user in (self.head_id | self.sign_delegate_id)

    def _check_may_sign_for(self):
        if self.env.su:
            return
        for assignment in self.filtered("head_signs_for"):
            if not assignment._may_sign_for(self.env.user):
                raise AccessError(
                    self.env._(
                        "Under the rules of %(company)s, a notice is signed for by the head of "
                        "%(unit)s (%(head)s) or by the delegate the head names.",
                        company=assignment.company_id.name,
                        unit=assignment.department_id.name,
                        head=assignment.head_id.name or "-",
                    )
                )

    def _get_activity_plan(self):
        plan = super()._get_activity_plan()
        if self.state == "to_sign" and self.head_signs_for:
            for step in plan:
                if step["type"] == "duban_supervision.mail_act_duban_receive":
                    step["user"] = self._get_sign_for_user()
        return plan
