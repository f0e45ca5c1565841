from odoo import api, fields, models


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
        }
