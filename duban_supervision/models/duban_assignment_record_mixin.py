from odoo import api, fields, models


class DubanAssignmentRecordMixin(models.AbstractModel):
    """A record kept on one unit's assignment: an urge it receives, a difficulty it raises.

    It carries the item, unit, company and clearance of its assignment, stored for the record
    rules; outside the office, only the unit of the assignment may write it.
    """

    _name = "duban.assignment.record.mixin"
    _description = "Record on a supervision assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _check_company_auto = True
    _mail_post_access = "read"

    assignment_id = fields.Many2one(
        "duban.assignment",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('state', 'in', ('to_sign', 'in_progress'))]",
    )
    item_id = fields.Many2one(related="assignment_id.item_id", store=True, index=True)
    department_id = fields.Many2one(related="assignment_id.department_id", store=True, index=True)
    company_id = fields.Many2one(related="assignment_id.company_id", store=True, index=True)
    security_rank = fields.Integer(related="assignment_id.security_rank", store=True, index=True)
    is_my_unit = fields.Boolean(
        string="My unit",
        compute="_compute_is_my_unit",
        search="_search_is_my_unit",
        help="The record belongs to the current user's unit.",
    )

    @api.depends_context("uid")
    def _compute_is_my_unit(self):
        for record in self:
            record.is_my_unit = record.assignment_id.is_my_unit

    def _search_is_my_unit(self, operator, value):
        return [("assignment_id", "any", [("is_my_unit", operator, value)])]

    # what the current user may press: the unit's buttons, the office's buttons
    can_unit = fields.Boolean(compute="_compute_can_unit_office")
    can_office = fields.Boolean(compute="_compute_can_unit_office")

    @api.depends_context("uid")
    @api.depends("assignment_id")
    def _compute_can_unit_office(self):
        assignments = self._origin.assignment_id
        mine = assignments.search(
            [("id", "in", assignments.ids), *assignments._domain_of_my_units()]
        )
        office_items = self._origin.item_id._filtered_office()
        for record in self:
            record.can_unit = record.assignment_id._origin in mine
            record.can_office = record.item_id._origin in office_items

    def _get_write_assignment(self):
        return self.assignment_id
