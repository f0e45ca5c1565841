from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .duban_text_guard import TEXT_MAX
from .selections import CONFIDENTIAL_RANK, LIVE_ITEM_STATES

INSTRUCTION_ACTIONS = [
    ("none", "No new action"),
    ("deadline", "New time limit"),
    ("unit", "An extra unit"),
    ("report", "A report by a date"),
]


class DubanInstruction(models.Model):
    """A leader's instruction (领导批示) on a live item, kept in order and never edited.

    It reaches the units concerned through their inbox and may ask for a new action: a new time
    limit, an extra unit (a new assignment) or a report by a date (a report request).
    """

    _name = "duban.instruction"
    _description = "Leader's instruction"
    _inherit = ["duban.write.guard"]
    _order = "date, id"
    _check_company_auto = True
    # given once and never edited; what it created (assignment, request) is set by applying it
    _write_table = {
        "create": {
            "leader": (
                "item_id",
                "leader_id",
                "date",
                "text",
                "action",
                "date_deadline",
                "department_id",
                "date_report",
            )
        },
    }
    _text_limits = {"text": TEXT_MAX}

    item_id = fields.Many2one("duban.item", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    security_rank = fields.Integer(related="item_id.security_rank", store=True, index=True)
    leader_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    date = fields.Date(required=True, default=fields.Date.context_today)
    text = fields.Text(string="Instruction", required=True)
    action = fields.Selection(INSTRUCTION_ACTIONS, string="Asks for", required=True, default="none")
    date_deadline = fields.Date(string="New time limit")
    department_id = fields.Many2one("hr.department", string="Extra unit", check_company=True)
    date_report = fields.Date(string="Report by")
    assignment_id = fields.Many2one(
        "duban.assignment", string="Assignment created", readonly=True, copy=False
    )
    request_id = fields.Many2one(
        "duban.report.request", string="Report request created", readonly=True, copy=False
    )

    @api.constrains("action", "date_deadline", "department_id", "date_report")
    def _check_action(self):
        for instruction in self:
            needs = {
                "deadline": instruction.date_deadline,
                "unit": instruction.department_id,
                "report": instruction.date_report,
            }
            if instruction.action in needs and not needs[instruction.action]:
                raise ValidationError(
                    self.env._("Say what the instruction asks for: the date or the unit.")
                )

    @api.depends("item_id", "leader_id", "date")
    def _compute_display_name(self):
        for instruction in self:
            instruction.display_name = (
                f"{instruction.leader_id.name or ''} {instruction.date or ''}".strip()
            )

    @api.model_create_multi
    def create(self, vals_list):
        instructions = super().create(vals_list)
        for instruction in instructions:
            instruction._check_can_instruct()
        # sudo: an instruction acts on the item and its units on the leader's authority
        instructions.sudo()._apply()
        instructions._notify_units()
        return instructions

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Instructions are kept in the item's history."))

    def _check_can_instruct(self):
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("duban_supervision.group_duban_leader"):
            raise AccessError(self.env._("Only leaders give instructions on items."))
        if self.leader_id != user:
            raise AccessError(self.env._("A leader gives instructions in their own name."))
        if self.item_id.state in ("done", "cancelled"):
            raise UserError(
                self.env._(
                    "“%(item)s” is closed: instructions are given before closing.",
                    item=self.item_id.display_name,
                )
            )
        if self.action == "deadline" and self.item_id.state not in LIVE_ITEM_STATES:
            raise UserError(
                self.env._(
                    "“%(item)s” is not issued yet: its time limit is set by the office before "
                    "it is signed, not by an instruction.",
                    item=self.item_id.display_name,
                )
            )
        self.item_id.check_access("read")

    def _apply(self):
        for instruction in self:
            item = instruction.item_id
            if instruction.action == "deadline":
                item._change_deadline(
                    instruction.date_deadline,
                    self.env._("Leader's instruction: %(text)s", text=instruction.text),
                )
            elif instruction.action == "unit":
                instruction.assignment_id = item._add_unit(instruction.department_id)
            elif instruction.action == "report":
                instruction.request_id = self.env["duban.report.request"]._open_request(
                    item, instruction.date_report, f"instruction-{instruction.id}"
                )

    def _notify_units(self):
        """The units working on the item find the instruction in their inbox."""
        for instruction in self:
            item = instruction.item_id
            assignments = item.assignment_ids.filtered(
                lambda a: a.state in ("to_sign", "in_progress", "reported")
            )
            people = assignments.liaison_id | assignments.head_id | item.user_id
            # sudo: the leader may only read the item, but its history records the instruction
            item.sudo().message_post(
                body=self.env._(
                    "Instruction of %(leader)s: %(text)s",
                    leader=instruction.leader_id.name,
                    text=instruction.text
                    if item.security_rank < CONFIDENTIAL_RANK
                    else self.env._("(see the item)"),
                ),
                partner_ids=people.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                author_id=instruction.leader_id.partner_id.id,
            )
