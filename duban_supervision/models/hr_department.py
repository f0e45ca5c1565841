from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .duban_policy_route import OFFICE_ROLES


class HrDepartment(models.Model):
    """A department as a supervision unit: who signs for items and which leader is in charge."""

    _name = "hr.department"
    _inherit = ["hr.department", "duban.unit.guard"]

    duban_liaison_id = fields.Many2one(
        "res.users",
        string="Supervision liaison",
        help="联络人: receives the unit's supervision notices and writes its reports.",
    )
    duban_leader_id = fields.Many2one(
        "res.users",
        string="Leader in charge",
        index=True,
        help="分管领导: signs the unit's ordinary items and sees its supervision work.",
    )
    duban_head_user_id = fields.Many2one(
        "res.users",
        string="Head (user)",
        compute="_compute_duban_head_user_id",
        help="The user of the department's manager: signs the unit's reports.",
    )
    duban_is_office = fields.Boolean(
        string="Supervising office",
        help="督办科室: this department registers and supervises items.",
    )
    duban_office_role = fields.Selection(
        OFFICE_ROLES,
        string="Office's part in routing",
        help="Which office of the supervision rules' routes this one is (EC 三: 办公室, 秘书科, "
        "督导室, 组织科), so that items from each source reach it.",
    )

    duban_sign_delegate_id = fields.Many2one(
        "res.users",
        string="Signs for notices on the head's behalf",
        help="Where the rules have the unit's head sign for notices (UN 三(二): 一般应由各单位主要"
        "负责人签收), the member of the unit the head names to sign for them. Named by the head.",
    )

    @api.depends("manager_id.user_id")
    def _compute_duban_head_user_id(self):
        for department in self:
            department.duban_head_user_id = department.manager_id.user_id

    def _get_unit_boundary_fields(self):
        return super()._get_unit_boundary_fields() | {
            "parent_id",
            "manager_id",
            "company_id",
            "active",
            "duban_liaison_id",
            "duban_leader_id",
            "duban_is_office",
            "duban_office_role",
            "duban_sign_delegate_id",
        }

    def _duban_name_sign_delegate(self, user):
        """The unit's head names ``user``, one of the unit's people, to sign for its notices."""
        self.ensure_one()
        if not self.env.su and self.env.user != self.duban_head_user_id:
            raise AccessError(
                self.env._(
                    "Only the head of %(unit)s names who signs for its notices.", unit=self.name
                )
            )
        if user and not self._duban_has_member(user):
            raise UserError(
                self.env._(
                    "%(user)s does not work in %(unit)s and cannot sign for its notices.",
                    user=user.name,
                    unit=self.name,
                )
            )
        # sudo: unit data is the administrators', but this one field is the head's to set
        self.sudo().duban_sign_delegate_id = user
        self.sudo().message_post(
            body=self.env._(
                "%(head)s named %(user)s to sign for the unit's notices.",
                head=self.env.user.name,
                user=user.name or self.env._("nobody"),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _duban_with_sub_units(self):
        """These units and every unit under them, archived ones included (as ``child_of``),
        whoever asks."""
        # sudo: which units lie under which is the organisation's to know
        Department = self.sudo().with_context(active_test=False)
        return Department.search([("id", "child_of", self.ids)]) if self else Department

    def _duban_has_member(self, user):
        """Whether ``user`` is the unit's liaison or works in it or in one of its sub-units."""
        self.ensure_one()
        if user == self.duban_liaison_id:
            return True
        # sudo: a head reads where the people they name work, not the rest of their records
        departments = user.sudo().employee_ids.department_id
        return bool(
            departments
            and self.search_count(
                [("id", "in", departments.ids), ("id", "child_of", self.id)],
                limit=1,
            )
        )
