from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .duban_text_guard import TEXT_MAX
from .selections import LIVE_ITEM_STATES

REQUEST_TYPES = [
    ("extend", "Extend the time limit"),
    ("adjust", "Adjust the target"),
    ("terminate", "Terminate"),
]


# what a request says, written by its unit (or the office) until it is submitted; after that,
# what the principal leader decides on is exactly what was submitted
EXTENSION_DRAFT_FIELDS = (
    "item_id",
    "assignment_id",
    "request_type",
    "reason_category",
    "reason",
    "date_deadline_new",
    "new_expected_result",
)


class DubanExtension(models.Model):
    """A unit's request to extend, adjust or terminate an item, approved by the principal leader."""

    _name = "duban.extension"
    _description = "Supervision extension request"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    _write_table = {
        "draft": {"liaison": EXTENSION_DRAFT_FIELDS, "officer": EXTENSION_DRAFT_FIELDS},
    }
    _text_limits = {"reason": TEXT_MAX, "new_expected_result": TEXT_MAX}

    item_id = fields.Many2one(
        "duban.item",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('state', 'in', ('issued', 'in_progress', 'to_review'))]",
    )
    assignment_id = fields.Many2one(
        "duban.assignment",
        string="Requesting unit",
        ondelete="restrict",
        index=True,
        domain="[('item_id', '=', item_id), ('state', 'in', ('to_sign', 'in_progress'))]",
    )
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    security_rank = fields.Integer(related="item_id.security_rank", store=True, index=True)
    request_type = fields.Selection(REQUEST_TYPES, required=True, default="extend", tracking=True)
    reason_category = fields.Selection(
        [
            ("policy", "Change of higher-level policy"),
            ("objective", "Objective constraints"),
            ("other", "Other"),
        ],
        string="Grounds",
        required=True,
        default="objective",
    )
    reason = fields.Text(required=True)
    date_deadline_old = fields.Date(
        string="Current time limit", compute="_compute_date_deadline_old", store=True
    )
    date_deadline_new = fields.Date(string="Requested time limit", tracking=True)
    new_expected_result = fields.Text(string="Adjusted target")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("lapsed", "Lapsed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Draft: being written. To approve: waits for the principal leader. Approved: "
        "applied to the item. Refused: the item stays as it was. Lapsed: the item was closed "
        "or terminated before a decision.",
    )
    approver_id = fields.Many2one("res.users", string="Decided by", readonly=True, copy=False)
    date_decided = fields.Date(string="Decided on", readonly=True, copy=False)
    refuse_reason = fields.Text(string="Reason for refusal", readonly=True, copy=False)
    decision_opinion = fields.Text(
        string="Decision opinion",
        readonly=True,
        copy=False,
        help="审批意见: what the leader wrote when approving the request.",
    )
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

    # what the current user may press on this request
    can_submit = fields.Boolean(compute="_compute_can_buttons")
    can_decide = fields.Boolean(compute="_compute_can_buttons")

    @api.depends_context("uid")
    @api.depends("state", "assignment_id", "create_uid")
    def _compute_can_buttons(self):
        user = self.env.user
        is_officer = user.has_group("duban_supervision.group_duban_officer")
        is_principal = user.has_group("duban_supervision.group_duban_principal")
        assignments = self._origin.assignment_id
        mine = assignments.search(
            [("id", "in", assignments.ids), *assignments._domain_of_my_units()]
        )
        for request in self:
            live = request.item_id.state in LIVE_ITEM_STATES
            request.can_submit = (
                request.state == "draft"
                and live
                and (is_officer or request.assignment_id._origin in mine)
            )
            request.can_decide = (
                request.state == "to_approve"
                and live
                and is_principal
                and request.create_uid != user
            )

    @api.depends("item_id")
    def _compute_date_deadline_old(self):
        for request in self:
            request.date_deadline_old = request.item_id.date_deadline

    @api.depends("item_id", "request_type")
    @api.depends_context("lang")
    def _compute_display_name(self):
        types = dict(self._fields["request_type"]._description_selection(self.env))
        for request in self:
            request.display_name = f"{request.item_id._get_safe_label()} · " + (
                types.get(request.request_type) or ""
            )

    @api.constrains("request_type", "date_deadline_new", "new_expected_result")
    def _check_request(self):
        for request in self:
            if request.request_type == "extend":
                if not request.date_deadline_new:
                    raise ValidationError(self.env._("Give the requested time limit."))
                if (
                    request.date_deadline_old
                    and request.date_deadline_new <= request.date_deadline_old
                ):
                    raise ValidationError(
                        self.env._(
                            "The requested time limit (%(new)s) must be later than the current "
                            "one (%(old)s).",
                            new=request.date_deadline_new,
                            old=request.date_deadline_old,
                        )
                    )
            if request.request_type == "adjust" and not (request.new_expected_result or "").strip():
                raise ValidationError(self.env._("Describe the adjusted target."))

    @api.constrains("item_id", "assignment_id")
    def _check_assignment_of_item(self):
        for request in self:
            if request.assignment_id and request.assignment_id.item_id != request.item_id:
                raise ValidationError(
                    self.env._(
                        "The requesting unit's assignment belongs to another item than “%(item)s”.",
                        item=request.item_id.display_name,
                    )
                )

    def _get_write_assignment(self):
        return self.assignment_id

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "approver_id",
            "date_decided",
            "refuse_reason",
            "decision_opinion",
        }

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._check_requester_rights()
        return requests

    def write(self, vals):
        result = super().write(vals)
        if {"item_id", "assignment_id"} & set(vals):
            self._check_requester_rights()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(request.state != "draft" for request in self):
            raise UserError(self.env._("A submitted request stays on record."))

    # ---- Actions ----

    def action_submit(self):
        self._check_state("draft", self.env._("submit"))
        self._check_requester_rights()
        self._check_items_open()
        self._write_transition({"state": "to_approve"})
        self._activity_sync()
        return True

    def action_approve(self):
        """The principal leader approves; the request is applied to the item at once."""
        self._action_approve(False)
        return True

    def action_approve_opinion(self):
        """Ask for the leader's opinion (审批意见) before approving."""
        self._check_state("to_approve", self.env._("approve"))
        self._check_approver_rights()
        return self._open_reason_wizard("approve_extension", self.env._("Approve with an opinion"))

    def _action_approve(self, opinion):
        self._check_state("to_approve", self.env._("approve"))
        self._check_approver_rights()
        self._check_items_open()
        self._write_transition(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "date_decided": fields.Date.context_today(self),
                "decision_opinion": opinion or False,
            }
        )
        for request in self:
            request._apply()
        self._activity_sync()
        self._notify_decision()

    def action_refuse(self):
        self._check_state("to_approve", self.env._("refuse"))
        self._check_approver_rights()
        return self._open_reason_wizard("refuse_extension", self.env._("Refuse the request"))

    def _action_refuse(self, reason):
        self._check_state("to_approve", self.env._("refuse"))
        self._check_approver_rights()
        self._write_transition(
            {
                "state": "refused",
                "refuse_reason": reason,
                "approver_id": self.env.user.id,
                "date_decided": fields.Date.context_today(self),
            }
        )
        self._activity_sync()
        self._notify_decision()

    # ---- Business methods ----

    def _notify_decision(self):
        """Whoever asked, and the unit's liaison, find the decision in their Odoo inbox."""
        for request in self:
            people = request.create_uid | request.assignment_id.liaison_id
            people = people.filtered(lambda u: u.active and not u._is_superuser())
            if not people:
                continue
            body = request.with_context(lang=people[0].lang)._get_decision_body()
            request.message_post(
                body=body, partner_ids=people.partner_id.ids, subtype_xmlid="mail.mt_note"
            )

    def _get_decision_body(self):
        self.ensure_one()
        if self.state == "approved" and self.decision_opinion:
            return self.env._(
                "Request approved: %(request)s. Opinion: %(opinion)s",
                request=self.display_name,
                opinion=self.decision_opinion,
            )
        if self.state == "approved":
            return self.env._("Request approved: %(request)s", request=self.display_name)
        return self.env._(
            "Request not approved: %(request)s. Reason: %(reason)s",
            request=self.display_name,
            reason=self.refuse_reason or "-",
        )

    def _check_items_open(self):
        if any(request.item_id.state not in LIVE_ITEM_STATES for request in self):
            raise UserError(self.env._("Only issued items that are not closed can be changed."))

    def _lapse_with_item(self):
        """Requests nobody decided before their item was closed or terminated lapse."""
        pending = self.filtered(lambda r: r.state in ("draft", "to_approve"))
        pending._write_transition({"state": "lapsed"})
        pending._activity_sync()

    def _apply(self):
        self.ensure_one()
        item = self.item_id
        if self.request_type == "extend":
            item._change_deadline(self.date_deadline_new, self.reason, extension=self)
        elif self.request_type == "adjust":
            # sudo: the approved adjustment rewrites the target of an issued item
            item.sudo().write({"expected_result": self.new_expected_result})
            item.message_post(
                body=self.env._("Target adjusted: %(target)s", target=self.new_expected_result),
                subtype_xmlid="mail.mt_note",
            )
        else:
            item._action_cancel(self.reason)

    def _check_requester_rights(self):
        if self.env.su:
            return
        # a request is only about an item its requester may read
        self.item_id.check_access("read")
        is_officer = self.env.user.has_group("duban_supervision.group_duban_officer")
        for request in self:
            if request.assignment_id:
                if not is_officer:
                    request.assignment_id._check_unit_rights()
            elif not is_officer:
                raise AccessError(self.env._("Name the unit that asks for the change."))

    def _office_decides(self):
        """Whether the supervising office, not the principal leader, grants this request:
        extensions where the rules say so (RI 五(一): 与所办公室沟通联系, 可适当延长)."""
        self.ensure_one()
        policy = self.company_id._duban_policy()
        return self.request_type == "extend" and policy.extension_approver == "office"

    def _check_approver_rights(self):
        if self.env.su:
            return
        for request in self:
            if request._office_decides():
                request.item_id._check_office_rights()
            elif not self.env.user.has_group("duban_supervision.group_duban_principal"):
                raise AccessError(
                    self.env._("Only the principal leader decides on these requests.")
                )
        if any(request.create_uid == self.env.user for request in self):
            raise AccessError(self.env._("Nobody may decide on their own request."))

    def _get_activity_type_xmlids(self):
        return ["duban_supervision.mail_act_duban_extension"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "to_approve":
            return []
        return [
            {
                "type": "duban_supervision.mail_act_duban_extension",
                "user": (
                    self.item_id.user_id
                    if self._office_decides()
                    else self.company_id.duban_principal_id
                ),
                "summary": self.env._("Decide on: %(request)s", request=self.display_name),
            }
        ]
