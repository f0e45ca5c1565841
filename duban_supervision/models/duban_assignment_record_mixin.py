from odoo import fields, models


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

    def _get_write_assignment(self):
        return self.assignment_id
