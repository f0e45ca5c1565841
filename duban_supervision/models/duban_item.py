import logging
import re
import time
from datetime import date

from markupsafe import Markup
from psycopg2.errors import UniqueViolation

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.mail.tools.alias_error import AliasError

from .duban_report_request import RHYTHMS, period_of
from .duban_text_guard import CONTENT_MAX, TITLE_MAX
from .duban_workflow_mixin import UNIT_DESK_ACTION
from .selections import (
    CONFIDENTIAL_RANK,
    IMPORTANCES,
    LIVE_ITEM_STATES,
    SECURITY_LEVELS,
    SECURITY_RANKS,
    SOURCE_BODIES,
    SOURCES,
    URGENCIES,
)

_logger = logging.getLogger(__name__)

CLOSED_STATES = ("done", "cancelled")
# the running number at the end of a notice number: 〔2026〕7号 → 7
NUMBER_SEQ_RE = re.compile(r"(\d+)\D*$")
# what people type to find a number: 7, 7号, 第7号
NUMBER_QUERY_RE = re.compile(r"第?\s*(\d+)\s*号?")
DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2099, 12, 31)
# where a to-do on each supervision model points to its item
TODO_MODELS = {
    "duban.item": "",
    "duban.assignment": "item_id",
    "duban.report": "item_id",
    "duban.urge": "item_id",
    "duban.extension": "item_id",
    "duban.accountability": "item_ids",
}


# what the office types while registering; once submitted, the leader signs exactly this
ITEM_DRAFT_FIELDS = (
    "name",
    "kind",
    "content",
    "measures",
    "expected_result",
    "feedback_method",
    "source",
    "source_body",
    "instructing_leader_id",
    "meeting_type_id",
    "meeting_date",
    "document_number",
    "urgency",
    "security_level",
    "importance",
    "office_id",
    "user_id",
    "approver_id",
    "lead_department_id",
    "co_department_ids",
    "parent_id",
    "company_id",
    "date_registered",
    "date_received",
    "deadline_mode",
    "deadline_days",
    "deadline_start",
    "date_deadline",
    "report_rhythm",
    "report_date_ids",
    "active",
)
# a submitted notice keeps its text, units, time limit and 密级: those move only through a change
# request, a re-assignment or an instruction; the office still follows it up and files it
ITEM_LIVE_FIELDS = ("user_id", "measures", "report_rhythm", "report_date_ids", "active")


class DubanItem(models.Model):
    """A supervision item (督办事项): one piece of assigned work followed until it is done."""

    _name = "duban.item"
    _description = "Supervision item"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "duban.workflow.mixin",
        "duban.deadline.mixin",
        "duban.form.read",
        "duban.rules.in.sql",
    ]
    _order = "date_registered desc, id desc"
    # the lists' default order: the first page without sorting every visible item
    _list_order_idx = models.Index("(date_registered DESC, id DESC)")
    _check_company_auto = True
    _mail_post_access = "read"
    _parent_store = True
    _write_table = {
        "draft": {"officer": ITEM_DRAFT_FIELDS},
        **{
            state: {"officer": ITEM_LIVE_FIELDS}
            for state in ("to_approve", "approved", *LIVE_ITEM_STATES, "to_close")
        },
        **{state: {"officer": ("active",)} for state in CLOSED_STATES},
    }

    # ---- Fields ----

    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Char(
        string="Notice number",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Assigned from the yearly sequence when the item is issued; never reused.",
    )
    # the number's year and place in its company's yearly series; unique, so that two
    # transactions issuing at once wait on each other's number instead of taking the same one
    number_year = fields.Integer(string="Year of the number", readonly=True, copy=False)
    number_seq = fields.Integer(string="Place in the yearly series", readonly=True, copy=False)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [
            ("draft", "Registered"),
            ("to_approve", "To sign"),
            ("approved", "Signed"),
            ("issued", "Issued"),
            ("in_progress", "In progress"),
            ("to_review", "To review"),
            ("to_close", "To close"),
            ("done", "Closed"),
            ("cancelled", "Terminated"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
        index=True,
        help="Registered: being prepared by the office. To sign: waits for the leader's signature. "
        "Signed: the leader signed the notice, the office may issue it. Issued: numbered and sent "
        "to the units, waiting for the lead unit to sign for it. In progress: the lead unit "
        "signed for it and handles it. To review: the lead unit reported completion and the "
        "office reviews the report. To close: the office accepted the completion report and "
        "closes the item once it has looked at every unit's share. Closed: struck off. "
        "Terminated: stopped with the principal leader's approval.",
    )
    kind = fields.Selection(
        [("special", "Special supervision"), ("decision", "Decision supervision")],
        required=True,
        default="special",
        tracking=True,
        help="Special (专项督办): leaders' instructions and assigned matters. Decision (决策督办): "
        "decisions and work plans from documents and meetings.",
    )
    content = fields.Html(string="Matter and requirements", sanitize_style=True)
    measures = fields.Text()
    expected_result = fields.Text(string="Expected result")
    feedback_method = fields.Selection(
        [("written", "Written"), ("electronic", "Electronic"), ("in_person", "In person")],
        default="written",
        required=True,
    )
    # origin
    source = fields.Selection(SOURCES, required=True, default="leader", tracking=True)
    source_body = fields.Selection(SOURCE_BODIES, string="Referring body", tracking=True)
    instructing_leader_id = fields.Many2one(
        "res.users", string="Instructing leader", tracking=True, index="btree_not_null"
    )
    meeting_type_id = fields.Many2one("duban.meeting.type", string="Meeting type")
    meeting_date = fields.Date()
    document_number = fields.Char(string="Incoming document number", tracking=True)
    # classification
    urgency = fields.Selection(URGENCIES, required=True, default="normal", tracking=True)
    security_level = fields.Selection(
        SECURITY_LEVELS,
        string="Confidentiality",
        required=True,
        default="internal",
        tracking=True,
        help="密级. Secret and confidential items are visible only to users with that clearance, "
        "and their title and content never go into e-mails or activities.",
    )
    security_rank = fields.Integer(compute="_compute_security_rank", store=True, index=True)
    importance = fields.Selection(
        IMPORTANCES,
        required=True,
        default="normal",
        tracking=True,
        help="Major items are signed by the principal leader, ordinary ones by the leader in "
        "charge of the supervising office.",
    )
    # people and units
    office_id = fields.Many2one(
        "hr.department",
        string="Supervising office",
        compute="_compute_office_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        check_company=True,
        help="督办科室. Proposed by the routing rules from the source; always editable.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Clerk",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        help="The office clerk who registered the item and follows it up.",
    )
    approver_id = fields.Many2one(
        "res.users",
        string="Signing leader",
        compute="_compute_approver_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
        help="Proposed from the importance: the principal leader for major items, the leader in "
        "charge of the supervising office otherwise.",
    )
    pre_sign_opinion = fields.Text(
        string="Office head's opinion",
        readonly=True,
        copy=False,
        help="The review (EC 审核) or proposed handling (UN 拟办意见) the supervising office's "
        "head gave before the leader signed, as the company's rules require.",
    )
    pre_sign_user_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False, tracking=True
    )
    pre_sign_date = fields.Date(string="Reviewed on", readonly=True, copy=False)
    pre_sign_pending = fields.Boolean(
        string="Waits for the office head",
        compute="_compute_pre_sign_pending",
        help="Submitted for signing, the notice first waits for the supervising office's head.",
    )
    signed_by_id = fields.Many2one("res.users", string="Signed by", readonly=True, copy=False)
    date_signed = fields.Date(string="Signed on", readonly=True, copy=False)
    refuse_reason = fields.Text(string="Reason for refusal", readonly=True, copy=False)
    sign_opinion = fields.Text(
        string="Signing opinion",
        readonly=True,
        copy=False,
        help="签发意见: what the leader wrote when signing the notice.",
    )
    lead_department_id = fields.Many2one(
        "hr.department",
        string="Lead unit",
        tracking=True,
        index=True,
        check_company=True,
        help="主办单位: the unit that handles the item and reports for it.",
    )
    co_department_ids = fields.Many2many(
        "hr.department",
        "duban_item_co_department_rel",
        "item_id",
        "department_id",
        string="Co-units",
        check_company=True,
        help="协办单位: units that contribute to the lead unit's work.",
    )
    assignment_ids = fields.One2many("duban.assignment", "item_id", string="Assignments")
    report_ids = fields.One2many("duban.report", "item_id", string="Reports")
    urge_ids = fields.One2many("duban.urge", "item_id", string="Urges")
    extension_ids = fields.One2many("duban.extension", "item_id", string="Change requests")
    deadline_history_ids = fields.One2many(
        "duban.deadline.history", "item_id", string="Time limit history"
    )
    urge_count = fields.Integer(compute="_compute_urge_count", store=True)
    extension_count = fields.Integer(compute="_compute_counts")
    extended = fields.Boolean(
        compute="_compute_extended",
        store=True,
        help="An extension of the time limit was approved.",
    )
    closed_on_time = fields.Boolean(
        compute="_compute_closed_on_time",
        store=True,
        help="Closed no later than its time limit.",
    )
    assignment_count = fields.Integer(compute="_compute_counts")
    report_count = fields.Integer(compute="_compute_counts")
    # dates
    date_registered = fields.Date(
        string="Registered on", required=True, default=fields.Date.context_today, tracking=True
    )
    date_issued = fields.Date(string="Issued on", readonly=True, copy=False, tracking=True)
    date_received = fields.Date(
        string="Instruction received on",
        help="When the instruction, document or decision reached the office: the item should be "
        "registered within the configured number of working days.",
    )
    date_registration_limit = fields.Date(
        string="Register by", compute="_compute_date_registration_limit", store=True
    )
    registered_late = fields.Boolean(compute="_compute_date_registration_limit", store=True)
    date_done = fields.Date(string="Closed on", readonly=True, copy=False, tracking=True)
    result = fields.Text(
        string="Supervision result",
        readonly=True,
        copy=False,
        help="督办结果: what the office recorded when it struck the item off.",
    )
    cancel_reason = fields.Text(string="Reason for termination", readonly=True, copy=False)
    close_opinion = fields.Text(
        string="Closing opinion",
        readonly=True,
        copy=False,
        help="办结意见: what the office said when it closed the item.",
    )
    report_rhythm = fields.Selection(
        RHYTHMS,
        string="Reporting schedule",
        default="none",
        required=True,
        help="When the lead unit reports its progress: a report request opens for each period "
        "and is overdue if no report comes by its date.",
    )
    report_date_ids = fields.One2many(
        "duban.report.date", "item_id", string="Reporting dates", copy=True
    )
    report_request_ids = fields.One2many(
        "duban.report.request", "item_id", string="Report requests"
    )
    instruction_ids = fields.One2many(
        "duban.instruction", "item_id", string="Leaders' instructions"
    )
    risk_ids = fields.One2many("duban.risk", "item_id", string="Difficulties raised")
    risk_count = fields.Integer(compute="_compute_risk_count", store=True)
    next_report_date = fields.Date(compute="_compute_next_report_date")
    # decomposition
    parent_id = fields.Many2one(
        "duban.item",
        string="Parent item",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("duban.item", "parent_id", string="Sub-items")
    child_count = fields.Integer(compute="_compute_child_progress")
    child_closed_count = fields.Integer(compute="_compute_child_progress")
    child_progress = fields.Float(string="Sub-item progress", compute="_compute_child_progress")

    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="Created from",
        readonly=True,
        copy=False,
        help="The document, minute or task the item was registered from.",
    )
    my_todo = fields.Boolean(
        string="Waiting for me",
        compute="_compute_my_todo",
        search="_search_my_todo",
        help="Something on the item (its notice, a unit's share, a report, an urge or a request) "
        "waits for the current user: to sign, sign for, report, answer, review or approve.",
    )
    number_seq = fields.Integer(
        string="Number in the year",
        compute="_compute_number_seq",
        store=True,
        index="btree_not_null",
        help="The running number of the notice number, so that “7号” or “7” finds 〔2026〕7号.",
    )
    number_query = fields.Char(
        string="Notice number search",
        compute="_compute_number_query",
        search="_search_number_query",
    )
    is_my_unit = fields.Boolean(
        string="My unit",
        compute="_compute_is_my_unit",
        search="_search_is_my_unit",
        help="The current user's unit takes part in the item.",
    )
    # what the current user may press on this item: the form shows only those buttons
    can_submit = fields.Boolean(compute="_compute_can_buttons")
    can_pre_sign = fields.Boolean(compute="_compute_can_buttons")
    can_approve = fields.Boolean(compute="_compute_can_buttons")
    can_issue = fields.Boolean(compute="_compute_can_buttons")
    can_split = fields.Boolean(compute="_compute_can_buttons")
    can_instruct = fields.Boolean(compute="_compute_can_buttons")
    can_cancel = fields.Boolean(compute="_compute_can_buttons")
    can_close = fields.Boolean(compute="_compute_can_buttons")
    can_sign_for = fields.Boolean(
        compute="_compute_my_unit_work",
        help="The current user's unit has a share of this item waiting to be signed for.",
    )
    can_object = fields.Boolean(compute="_compute_my_unit_work")
    can_report = fields.Boolean(
        compute="_compute_my_unit_work",
        help="The current user acts for a unit whose share of this item is in progress.",
    )
    my_report_id = fields.Many2one(
        "duban.report",
        string="Report waiting for me",
        compute="_compute_my_unit_work",
        help="A report on this item that waits for the current user: to sign, as the unit's head "
        "or leader in charge the company's rules name, or to send on, fix or submit for the "
        "unit.",
    )

    _number_company_unique = models.Constraint(
        "UNIQUE(company_id, number)", "A notice number can be given only once."
    )
    _number_seq_unique = models.Constraint(
        "UNIQUE(company_id, number_year, number_seq)", "A notice number can be given only once."
    )

    # ---- Computes ----

    @api.depends("security_level")
    def _compute_security_rank(self):
        for item in self:
            item.security_rank = SECURITY_RANKS[item.security_level]

    @api.depends("source", "source_body", "instructing_leader_id", "company_id")
    def _compute_office_id(self):
        rules = self.env["duban.routing.rule"]
        for item in self:
            leader = item.instructing_leader_id
            rule = rules._find_rule(item.company_id, item.source, item.source_body, leader)
            item.office_id = rule._target_office(leader) or item.office_id

    @api.depends("date_received", "date_registered")
    def _compute_date_registration_limit(self):
        for item in self:
            limit = item.company_id._duban_policy()._registration_limit(item.date_received)
            item.date_registration_limit = limit
            item.registered_late = bool(limit and item.date_registered > limit)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "deadline_mode" in fields_list and not values.get("date_deadline"):
            values.update(self._get_default_deadline_vals(values))
        return values

    @api.model
    def _get_default_deadline_vals(self, vals):
        """The time limit the rules propose for an item with ``vals``, unless a date is given:
        the routing rule's days, or else the kind's, counted as the company's rules count."""
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        leader = self.env["res.users"].browse(vals.get("instructing_leader_id"))
        days = self._get_default_deadline_days(
            company,
            vals.get("kind") or self._fields["kind"].default(self),
            vals.get("source") or self._fields["source"].default(self),
            vals.get("source_body"),
            leader,
        )
        if not days:
            return {}
        return {"deadline_mode": company._duban_policy().day_counting, "deadline_days": days}

    @api.onchange("kind", "source", "source_body", "instructing_leader_id")
    def _onchange_deadline_policy(self):
        """Propose the time limit the routing rule, or else the kind, gives by default."""
        if self.state != "draft":
            return
        days = self._get_default_deadline_days(
            self.company_id, self.kind, self.source, self.source_body, self.instructing_leader_id
        )
        if days:
            self.deadline_mode = self.company_id._duban_policy().day_counting
            self.deadline_days = days

    @api.onchange("date_registered")
    def _onchange_date_registered(self):
        """The time limit is counted from the registration (计时起点) unless set otherwise."""
        if self.state == "draft" and self.date_registered:
            self.deadline_start = self.date_registered

    @api.model
    def _get_default_deadline_days(self, company, kind, source, source_body, leader):
        rule = self.env["duban.routing.rule"]._find_rule(company, source, source_body, leader)
        return rule.deadline_days or company._duban_policy()._default_deadline_days(kind)

    @api.depends("importance", "office_id", "company_id")
    def _compute_approver_id(self):
        for item in self:
            if item.importance == "major":
                item.approver_id = item.company_id.duban_principal_id
            else:
                item.approver_id = item.office_id.duban_leader_id

    @api.depends("state", "importance", "pre_sign_date", "company_id")
    def _compute_pre_sign_pending(self):
        for item in self:
            item.pre_sign_pending = bool(
                item.state == "to_approve"
                and not item.pre_sign_date
                and item.company_id._duban_policy()._pre_sign_needed(item.importance)
            )

    @api.depends("assignment_ids", "report_ids", "extension_ids")
    def _compute_counts(self):
        for item in self:
            item.assignment_count = len(item.assignment_ids)
            item.report_count = len(item.report_ids)
            item.extension_count = len(item.extension_ids)

    @api.depends("urge_ids.state")
    def _compute_urge_count(self):
        counts = dict(
            self.env["duban.urge"]._read_group(
                [("item_id", "in", self.ids), ("state", "!=", "draft")], ["item_id"], ["__count"]
            )
        )
        for item in self:
            item.urge_count = counts.get(item, 0)

    @api.depends("extension_ids.state", "extension_ids.request_type")
    def _compute_extended(self):
        for item in self:
            item.extended = any(
                e.state == "approved" and e.request_type == "extend" for e in item.extension_ids
            )

    @api.depends("state", "date_done", "date_deadline")
    def _compute_closed_on_time(self):
        for item in self:
            item.closed_on_time = bool(
                item.state == "done"
                and item.date_done
                and (not item.date_deadline or item.date_done <= item.date_deadline)
            )

    @api.depends("report_rhythm", "report_date_ids.date", "state")
    def _compute_next_report_date(self):
        today = fields.Date.context_today(self)
        for item in self:
            period = item._current_report_period(today)
            item.next_report_date = period[1] if period else False

    def _current_report_period(self, day):
        """(key, report-by date) of the reporting period containing ``day``, if any."""
        self.ensure_one()
        if self.state in CLOSED_STATES:
            return None
        return period_of(self.report_rhythm, day, self.report_date_ids.mapped("date"))

    @api.depends("risk_ids")
    def _compute_risk_count(self):
        counts = dict(
            self.env["duban.risk"]._read_group(
                [("item_id", "in", self.ids)], ["item_id"], ["__count"]
            )
        )
        for item in self:
            item.risk_count = counts.get(item, 0)

    @api.depends("child_ids.state")
    def _compute_child_progress(self):
        groups = self.env["duban.item"]._read_group(
            [("parent_id", "in", self.ids)], ["parent_id", "state"], ["__count"]
        )
        totals, closed = {}, {}
        for parent, state, count in groups:
            totals[parent.id] = totals.get(parent.id, 0) + count
            if state in CLOSED_STATES:
                closed[parent.id] = closed.get(parent.id, 0) + count
        for item in self:
            item.child_count = totals.get(item.id, 0)
            item.child_closed_count = closed.get(item.id, 0)
            item.child_progress = (
                100.0 * item.child_closed_count / item.child_count if item.child_count else 0.0
            )

    @api.depends("date_deadline", "state", "date_done")
    def _compute_days_left(self):
        """A closed item shows its result instead: 已办结（按期） or 已办结（逾期 N 个工作日）."""
        result = super()._compute_days_left()
        calendar = self.env["duban.calendar"]
        for item in self.filtered(lambda i: i.state == "done" and i.date_done):
            late = item.date_deadline and calendar.count_workdays(
                item.date_deadline, item.date_done
            )
            item.days_left = 0
            item.days_left_label = (
                self.env._("Closed (%(days)s working days late)", days=late)
                if late and late > 0
                else self.env._("Closed (on time)")
            )
        return result

    @api.depends("number")
    def _compute_number_seq(self):
        for item in self:
            match = NUMBER_SEQ_RE.search(item.number or "")
            item.number_seq = int(match.group(1)) if match else 0

    def _compute_number_query(self):
        for item in self:
            item.number_query = item.number

    def _search_number_query(self, operator, value):
        """“7号” and “7” find notice number 7 of any year; anything else searches the text."""
        if operator not in ("ilike", "=", "like") or not isinstance(value, str):
            return [("number", operator, value)]
        match = NUMBER_QUERY_RE.fullmatch(value.strip())
        if match:
            return [("number_seq", "=", int(match.group(1)))]
        return [("number", "ilike", value.strip())]

    @api.depends_context("uid")
    def _compute_is_my_unit(self):
        mine = set(self._origin.filtered_domain(self._search_is_my_unit("=", True)).ids)
        for item in self:
            item.is_my_unit = item._origin.id in mine

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “My unit” with yes or no only."))
        units = self.env.user.duban_unit_ids
        domain = [("assignment_ids", "any", self.env["duban.assignment"]._domain_of_my_units())]
        if units:
            domain = [
                "|",
                "|",
                *domain,
                ("lead_department_id", "in", units.ids),
                ("co_department_ids", "in", units.ids),
            ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends_context("uid")
    @api.depends("state", "approver_id", "importance", "kind", "pre_sign_date", "office_id")
    def _compute_can_buttons(self):
        user = self.env.user
        is_leader = user.has_group("duban_supervision.group_duban_leader")
        is_principal = user.has_group("duban_supervision.group_duban_principal")
        writable = self._origin._filtered_office()
        for item in self:
            office = item._origin in writable
            item.can_submit = office and item.state == "draft"
            item.can_pre_sign = item.pre_sign_pending and item._get_pre_sign_reviewer() == user
            item.can_approve = (
                item.state == "to_approve"
                and not item.pre_sign_pending
                and item._may_sign(user, is_principal)
            )
            item.can_issue = office and item.state == "approved"
            item.can_split = office and item.kind == "decision" and item.state not in CLOSED_STATES
            item.can_instruct = is_leader and item.state in LIVE_ITEM_STATES
            item.can_cancel = is_principal and item.state not in CLOSED_STATES
            item.can_close = office and item.state == "to_close"

    @api.depends_context("uid")
    @api.depends("assignment_ids.state", "report_ids.state")
    def _compute_my_unit_work(self):
        """What waits on the current user's unit here: to sign for or return, to report on, a
        report to handle; the unit's shares read once for all four."""
        shares = self._my_unit_shares()
        pending = self._my_pending_assignments(shares)
        reporting = shares.filtered(lambda a: a.state == "in_progress")
        if reporting or self._may_sign_reports():
            reports = self._my_waiting_reports(reporting)
        else:
            reports = self.env["duban.report"]
        today = fields.Date.context_today(self)
        for item in self:
            mine = pending.filtered(lambda a, i=item: a.item_id == i._origin)
            item.can_sign_for = bool(mine)
            item.can_object = any(
                not a.date_objection_limit or today <= a.date_objection_limit for a in mine
            )
            item.can_report = item._origin in reporting.item_id
            item.my_report_id = reports.filtered(lambda r, i=item: r.item_id == i._origin)[:1]

    def _my_unit_shares(self):
        """The shares of these items to sign for or in progress, of a unit the current user acts
        for: picked from the items' shares, which their forms and cards read anyway."""
        user = self.env.user
        return self._origin.assignment_ids.filtered(
            lambda a: a.state in ("to_sign", "in_progress") and a._is_unit_member(user)
        )

    def _my_assignments_in_progress(self):
        """The shares of these items in progress for a unit the current user acts for."""
        return self._my_unit_shares().filtered(lambda a: a.state == "in_progress")

    def _may_sign_reports(self):
        """Whether the current user heads, or is the leader in charge of, a unit of these items:
        only then may a report on them wait for their signature (read from the units already
        loaded, so that the others' forms search no report)."""
        units = self._origin.assignment_ids
        return self.env.user in units.head_id | units.department_id.duban_leader_id

    def _my_waiting_reports(self, reporting=None):
        """Reports on these items waiting for the current user: to sign off as the one the
        company's rules name (the unit's head or its leader in charge), or, for the unit, to send
        on, fix or submit while its share is in progress (``reporting``: those shares, when the
        caller has them already)."""
        if reporting is None:
            reporting = self._my_assignments_in_progress()
        user = self.env.user
        # to sign: those of a share the user heads or a unit they are leader in charge of, then
        # the company's rule (the one or the other signs) applied record by record, cheaper than
        # as a domain
        maybe_to_sign = Domain("state", "=", "to_sign") & (
            Domain("assignment_id.head_id", "=", user.id)
            | Domain("department_id.duban_leader_id", "=", user.id)
        )
        # a report waits on the unit only while its share is in progress
        for_the_unit = Domain("state", "in", ("draft", "returned", "signed")) & Domain(
            "assignment_id", "in", reporting.ids
        )
        reports = self.env["duban.report"].search(
            Domain("item_id", "in", self._origin.ids) & (maybe_to_sign | for_the_unit),
            order="id desc",
        )
        return reports.filtered(lambda r: r.state != "to_sign" or r._get_signer() == user)

    def _filtered_office(self):
        """The items whose office work the current user may do: as ``_check_office_rights``."""
        if not self.env.user.has_group("duban_supervision.group_duban_officer"):
            return self.browse()
        return self._filtered_access("write")

    def _my_pending_assignments(self, shares=None):
        """The shares of these items that the current user's unit has still to sign for, among
        ``shares`` (``_my_unit_shares``) when the caller has them already."""
        if shares is None:
            shares = self._my_unit_shares()
        return shares.filtered(lambda a: a.state == "to_sign")

    @api.model
    def _selection_source_ref(self):
        models_with_chatter = self.env["ir.model"].sudo().search([("is_mail_thread", "=", True)])
        return [(model.model, model.name) for model in models_with_chatter]

    def _compute_my_todo(self):
        mine = set(self._search_my_todo_ids())
        for item in self:
            item.my_todo = item.id in mine

    def _search_my_todo(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “Waiting for me” with yes or no only."))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._search_my_todo_ids())]

    @api.model
    def _search_my_todo_ids(self):
        """Items on which one of the current user's supervision activities is open."""
        # sudo: the user's own activities, whatever the documents they sit on; only which
        # documents, grouped (a head may have thousands of reports waiting to be signed)
        documents = (
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [("user_id", "=", self.env.uid), ("res_model", "in", list(TODO_MODELS))],
                groupby=["res_model"],
                aggregates=["res_id:array_agg"],
            )
        )
        item_ids = set()
        for model, res_ids in documents:
            path = TODO_MODELS[model]
            if not path:
                item_ids.update(res_ids)
                continue
            # the documents' items, grouped in the database rather than read document by document
            groups = self.env[model].sudo()._read_group([("id", "in", res_ids)], groupby=[path])
            item_ids.update(item.id for (item,) in groups if item)
        # a share in progress waits on its liaison for reports, with or without a to-do
        # sudo: the user's own shares, whatever the items' rules (the list applies them)
        reporting = (
            self.env["duban.assignment"]
            .sudo()
            .search([("liaison_id", "=", self.env.uid), ("state", "=", "in_progress")])
        )
        item_ids.update(reporting.item_id.ids)
        return list(item_ids)

    @api.depends("name", "number", "security_rank")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # a many2one shows its display name as superuser: an item the user may not read is
        # named by its number only, wherever it is shown (parent items, messages, proposals)
        hidden = self._get_unreadable_by_user()
        for item in self:
            item.display_name = (
                item._get_hidden_label() if item in hidden else item._get_safe_label()
            )

    def _get_unreadable_by_user(self):
        """The items of ``self`` the current user (not the superuser mode) may not read."""
        stored = self.filtered(lambda item: isinstance(item.id, int))
        if not stored or self.env.uid == SUPERUSER_ID:
            return self.browse()
        return stored - stored.sudo(False)._filtered_access("read")

    def _get_hidden_label(self):
        self.ensure_one()
        return self.number or self.env._("Supervision item #%(id)s", id=self.id)

    def _get_safe_label(self):
        """The item's label where its title may not go: the number only for confidential items."""
        self.ensure_one()
        if self.security_rank >= CONFIDENTIAL_RANK:
            return self.number or self.env._("Confidential item #%(id)s", id=self.id or 0)
        if self.number:
            return f"{self.number} {self.name or ''}".strip()
        return self.name or ""

    # ---- Constraints ----

    @api.constrains("date_registered", "date_deadline")
    def _check_dates(self):
        for item in self:
            if item.date_deadline and item.date_deadline < item.date_registered:
                raise ValidationError(
                    self.env._(
                        "The time limit (%(deadline)s) of “%(item)s” cannot be earlier than its "
                        "registration date (%(registered)s).",
                        deadline=item.date_deadline,
                        item=item.display_name,
                        registered=item.date_registered,
                    )
                )

    @api.constrains("name", "content", "date_registered", "date_deadline", "date_received")
    def _check_sizes_and_dates(self):
        """Refuse what no office means: novels as titles, dates outside this century."""
        for item in self:
            if len(item.name or "") > TITLE_MAX:
                raise ValidationError(
                    self.env._(
                        "A title has at most %(max)s characters; put the rest in the matter and "
                        "requirements.",
                        max=TITLE_MAX,
                    )
                )
            if len(item.content or "") > CONTENT_MAX:
                raise ValidationError(
                    self.env._(
                        "The matter and requirements are too long (over %(max)s characters): "
                        "attach long documents instead.",
                        max=CONTENT_MAX,
                    )
                )
            for day in (item.date_registered, item.date_deadline, item.date_received):
                if day and not DATE_MIN <= day <= DATE_MAX:
                    raise ValidationError(
                        self.env._(
                            "%(date)s is not a plausible date for supervision work (%(min)s to "
                            "%(max)s).",
                            date=day,
                            min=DATE_MIN,
                            max=DATE_MAX,
                        )
                    )

    @api.constrains("lead_department_id", "co_department_ids")
    def _check_units(self):
        for item in self:
            if item.lead_department_id in item.co_department_ids:
                raise ValidationError(
                    self.env._(
                        "%(unit)s cannot be both the lead unit and a co-unit of “%(item)s”.",
                        unit=item.lead_department_id.name,
                        item=item.display_name,
                    )
                )

    @api.constrains("parent_id", "kind")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An item cannot be its own parent or ancestor."))
        for item in self.filtered("parent_id"):
            if item.parent_id.kind != "decision":
                raise ValidationError(
                    self.env._("Only decision items can be split into sub-items.")
                )

    # ---- CRUD ----

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "number",
            "number_year",
            "number_seq",
            "date_issued",
            "date_done",
            "signed_by_id",
            "date_signed",
            "result",
            "close_opinion",
            "sign_opinion",
            "refuse_reason",
            "cancel_reason",
            "pre_sign_opinion",
            "pre_sign_user_id",
            "pre_sign_date",
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # over the API too, the rules propose the time limit unless a date is given
            if "deadline_mode" not in vals and not vals.get("date_deadline"):
                vals.update(self._get_default_deadline_vals(vals))
            # counted from the registration date (计时起点), today unless given
            if "deadline_start" not in vals:
                vals["deadline_start"] = vals.get("date_registered") or fields.Date.context_today(
                    self
                )
        items = super().create(vals_list)
        if not self.env.su:
            items.filtered("parent_id").parent_id._check_can_take_sub_items()
        return items

    def write(self, vals):
        result = super().write(vals)
        if vals.get("parent_id") and not self.env.su:
            self.parent_id._check_can_take_sub_items()
        return result

    def _check_attachments_editable(self):
        closed = self.filtered(lambda i: i.state in CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "“%(item)s” is closed or terminated: its files can no longer change.",
                    item=closed[0].display_name,
                )
            )

    def _check_can_take_sub_items(self):
        """A sub-item hangs only on an open item the user's own office may edit."""
        self.check_access("write")
        closed = self.filtered(lambda i: i.state in CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "“%(item)s” is closed or terminated and takes no more sub-items.",
                    item=closed[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        issued = self.filtered(lambda i: i.state != "draft")
        if issued:
            raise UserError(
                self.env._(
                    "“%(item)s” has left registration and can no longer be deleted; archive it "
                    "instead.",
                    item=issued[0].display_name,
                )
            )

    # ---- Mail gateway ----

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the office's alias becomes a draft item for a clerk to complete."""
        values = dict(custom_values or {})
        # the mail itself keeps the whole subject: the title takes what a title may hold
        subject = (msg_dict.get("subject") or "").replace("\x00", "").strip()
        values.setdefault("name", subject[:TITLE_MAX] or self.env._("(no subject)"))
        values.setdefault("content", msg_dict.get("body"))
        values.setdefault("source", "other")
        values.setdefault("date_received", fields.Date.context_today(self))
        values.setdefault("user_id", False)
        return super().message_new(msg_dict, custom_values=values)

    def _alias_get_error(self, message, message_dict, alias):
        """Only the senders the organization lists may file items by mail."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or self:
            return error
        if not self.env.company._duban_intake_allows(message_dict.get("email_from")):
            return AliasError(
                "error_duban_sender",
                self.env._("this address only accepts supervision items from known senders"),
            )
        return False

    # ---- Actions ----

    def action_submit(self):
        """Send the registered items to their signing leader."""
        self._check_state("draft", self.env._("submit for signing"))
        self._check_office_rights()
        for item in self:
            item._check_ready_to_submit()
            item._check_units_reachable()
        self._write_transition(
            {
                "state": "to_approve",
                "refuse_reason": False,
                "pre_sign_opinion": False,
                "pre_sign_user_id": False,
                "pre_sign_date": False,
            }
        )
        self._activity_sync()
        return True

    def action_pre_sign(self):
        """Ask the supervising office's head for the review or proposed handling."""
        self._check_can_pre_sign()
        return self._open_reason_wizard("pre_sign", self.env._("Review before signing"))

    def _action_pre_sign(self, opinion):
        """The office head's review (EC 审核) or 拟办意见 (UN): then the leader may sign."""
        self._check_can_pre_sign()
        self._write_transition(
            {
                "pre_sign_opinion": opinion,
                "pre_sign_user_id": self.env.user.id,
                "pre_sign_date": fields.Date.context_today(self),
            }
        )
        for item in self:
            item.message_post(
                body=self.env._("Reviewed before signing: %(opinion)s", opinion=opinion),
                subtype_xmlid="mail.mt_note",
            )
        self._activity_sync()

    def action_approve(self):
        """The signing leader signs the notice (签发)."""
        self._action_approve(False)
        return True

    def action_approve_opinion(self):
        """Ask for the leader's opinion (签发意见) before signing."""
        self._check_state("to_approve", self.env._("sign"))
        self._check_signing_rights()
        return self._open_reason_wizard("approve", self.env._("Sign with an opinion"))

    def _action_approve(self, opinion):
        self._check_state("to_approve", self.env._("sign"))
        self._check_pre_signed()
        self._check_signing_rights()
        self._write_transition(
            {
                "state": "approved",
                "signed_by_id": self.env.user.id,
                "date_signed": fields.Date.context_today(self),
                "sign_opinion": opinion or False,
            }
        )
        if opinion:
            for item in self:
                item.message_post(
                    body=self.env._("Signed with the opinion: %(opinion)s", opinion=opinion),
                    subtype_xmlid="mail.mt_note",
                )
        self._activity_sync()

    def action_refuse(self):
        """Ask for the reason before the notice goes back to the office."""
        self._check_state("to_approve", self.env._("refuse"))
        self._check_pre_signed()
        self._check_signing_rights()
        return self._open_reason_wizard("refuse", self.env._("Refuse to sign"))

    def _action_refuse(self, reason):
        self._check_state("to_approve", self.env._("refuse"))
        self._check_signing_rights()
        self._write_transition({"state": "draft", "refuse_reason": reason})
        for item in self:
            item.message_post(
                body=self.env._("Signature refused: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self._activity_sync()

    def action_issue(self):
        """Number the signed notices and send them to their units (交办)."""
        self._check_state("approved", self.env._("issue"))
        self._check_office_rights()
        for item in self:
            item._check_units_reachable()
        today = fields.Date.context_today(self)
        self._write_transition({"state": "issued", "date_issued": today})
        # sudo: assignments are only born from the office's issuing and re-assigning
        assignments = (
            self.env["duban.assignment"]
            .sudo()
            .create([vals for item in self for vals in item._prepare_assignment_vals_list()])
        )
        self.env["duban.deadline.history"].sudo().create(
            [
                {
                    "item_id": item.id,
                    "date_deadline": item.date_deadline,
                    "reason": self.env._("Issued"),
                }
                for item in self
            ]
        )
        # the to-dos name the items by their numbers: their e-mails wait for them, and for the
        # commit (duban.issue.tell), so that the clerk's answer does not
        quiet = {"mail_activity_quick_update": True}
        scheduled = self.with_context(**quiet)._activity_sync()
        scheduled |= assignments.with_context(**quiet)._activity_sync()
        self.env["duban.issue.tell"]._queue(self, assignments, scheduled)
        # last of all, so that a number is held only from here to the commit
        self._take_numbers(today)
        self._refresh_activity_summaries(scheduled)
        assignments._refresh_activity_summaries(scheduled)
        return True

    def action_cancel(self):
        """Ask for the reason before the principal leader terminates the items."""
        self._check_cancel_rights()
        return self._open_reason_wizard("cancel", self.env._("Terminate"))

    def _action_cancel(self, reason):
        closed = self.filtered(lambda i: i.state in CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "“%(item)s” is already closed or terminated.", item=closed[0].display_name
                )
            )
        self._check_cancel_rights()
        self._write_transition({"state": "cancelled", "cancel_reason": reason})
        self.assignment_ids._cancel_with_item()
        self.report_request_ids._cancel_with_item()
        self.extension_ids._lapse_with_item()
        self.report_ids._activity_sync()
        self._activity_sync()

    def action_close(self):
        """Open the closing dialog: the result, each unit's share, and what needs explaining."""
        self.ensure_one()
        self._check_state("to_close", self.env._("close"))
        self._check_office_rights()
        self._check_can_close()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Close the item"),
            "res_model": "duban.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_item_id": self.id},
        }

    def action_sign_for(self):
        """The user's unit signs for its share of the items (签收), right from the item."""
        return self._get_my_pending_assignments_or_raise().action_sign()

    def action_object(self):
        """The user's unit returns its share of the items with a reason (退回)."""
        return self._get_my_pending_assignments_or_raise().action_object()

    def action_write_report(self):
        """A new report of the user's unit on this item, written from the item (lead unit first)."""
        self.ensure_one()
        assignments = self._my_assignments_in_progress()
        if not assignments:
            raise UserError(
                self.env._(
                    "No share of “%(item)s” is in progress for your unit: there is nothing to "
                    "report on.",
                    item=self.display_name,
                )
            )
        return assignments.sorted(lambda a: a.role != "lead")[0].action_new_report()

    def action_open_my_report(self):
        """Open the report on this item that waits for the current user."""
        self.ensure_one()
        report = self._my_waiting_reports()[:1]
        if not report:
            raise UserError(
                self.env._("No report on “%(item)s” waits for you.", item=self.display_name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": report.display_name,
            "res_model": "duban.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }

    def _get_my_pending_assignments_or_raise(self):
        assignments = self._my_pending_assignments()
        missing = self - assignments.item_id
        if missing:
            raise UserError(
                self.env._(
                    "Nothing of “%(item)s” waits for your unit to sign for.",
                    item=missing[0].display_name,
                )
            )
        return assignments

    def action_view_assignments(self):
        return self._open_related(
            "duban.assignment", self.assignment_ids, self.env._("Assignments")
        )

    def action_view_reports(self):
        return self._open_related("duban.report", self.report_ids, self.env._("Reports"))

    def action_view_children(self):
        action = self._open_related("duban.item", self.child_ids, self.env._("Sub-items"))
        action["context"] = {"default_parent_id": self.id, "default_kind": "decision"}
        return action

    def action_split(self):
        """Open a new sub-item of this decision item (分解立项)."""
        self.ensure_one()
        if self.kind != "decision":
            raise UserError(self.env._("Only decision items can be split into sub-items."))
        if self.state in CLOSED_STATES:
            raise UserError(self.env._("A closed or terminated item cannot be split."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New sub-item"),
            "res_model": "duban.item",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_parent_id": self.id,
                "default_kind": "decision",
                "default_source": self.source,
                "default_source_body": self.source_body,
                "default_office_id": self.office_id.id,
                "default_security_level": self.security_level,
                "default_date_deadline": self.date_deadline,
                "default_importance": self.importance,
            },
        }

    # ---- Business methods ----

    def _check_office_rights(self):
        if not self.env.su and not self.env.user.has_group("duban_supervision.group_duban_officer"):
            raise AccessError(self.env._("Only supervision office staff may do this."))
        self.check_access("write")

    def _get_pre_sign_reviewer(self):
        """The supervising office's head (科室长, 办公室负责人), who reviews before signing."""
        self.ensure_one()
        return self.office_id.duban_head_user_id.filtered("active")

    def _check_can_pre_sign(self):
        self._check_state("to_approve", self.env._("review"))
        not_pending = self.filtered(lambda i: not i.pre_sign_pending)
        if not_pending:
            raise UserError(
                self.env._(
                    "“%(item)s” waits for no review before signing.",
                    item=not_pending[0].display_name,
                )
            )
        if self.env.su:
            return
        for item in self:
            if item._get_pre_sign_reviewer() != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the head of %(office)s (%(head)s) reviews “%(item)s” before it is "
                        "signed.",
                        office=item.office_id.name,
                        head=item._get_pre_sign_reviewer().name or "-",
                        item=item.display_name,
                    )
                )

    def _check_pre_signed(self):
        pending = self.filtered("pre_sign_pending")
        if pending:
            raise UserError(
                self.env._(
                    "“%(item)s” first waits for the review of %(head)s, the head of %(office)s.",
                    item=pending[0].display_name,
                    head=pending[0]._get_pre_sign_reviewer().name or "-",
                    office=pending[0].office_id.name,
                )
            )

    def _may_sign(self, user, is_principal):
        """The signing leader, or a 主要领导 where the profile lets them sign this notice."""
        self.ensure_one()
        signer_rule = self.company_id._duban_policy().notice_signer
        return self.approver_id == user or (
            is_principal and (self.importance == "major" or signer_rule == "principal_or_leader")
        )

    def _check_signing_rights(self):
        if self.env.su:
            return
        user = self.env.user
        for item in self:
            is_principal = user.has_group("duban_supervision.group_duban_principal")
            if not item._may_sign(user, is_principal):
                raise AccessError(
                    self.env._(
                        "Only %(leader)s may sign or refuse “%(item)s”.",
                        leader=item.approver_id.name or self.env._("its signing leader"),
                        item=item.display_name,
                    )
                )

    def _check_cancel_rights(self):
        if not self.env.su and not self.env.user.has_group(
            "duban_supervision.group_duban_principal"
        ):
            raise AccessError(
                self.env._("Only the principal leader may approve the termination of an item.")
            )

    def _check_ready_to_submit(self):
        self.ensure_one()
        missing = [
            label
            for label, value in (
                (self.env._("a lead unit"), self.lead_department_id),
                (self.env._("a supervising office"), self.office_id),
                (self.env._("a time limit"), self.date_deadline),
                (self.env._("a signing leader"), self.approver_id),
            )
            if not value
        ]
        if missing:
            raise UserError(
                self.env._(
                    "“%(item)s” needs %(missing)s before it can be submitted for signing.",
                    item=self.display_name,
                    missing=self.env._(", ").join(missing),
                )
            )
        policy = self.company_id._duban_policy()
        if (
            policy.notice_signer == "by_importance"
            and self.importance == "major"
            and not self.approver_id.has_group("duban_supervision.group_duban_principal")
        ):
            raise UserError(
                self.env._(
                    "“%(item)s” is a major item: it must be signed by a principal leader, not by "
                    "%(leader)s.",
                    item=self.display_name,
                    leader=self.approver_id.name,
                )
            )
        if policy._pre_sign_needed(self.importance) and not self._get_pre_sign_reviewer():
            raise UserError(
                self.env._(
                    "The rules of %(company)s have the head of the supervising office review "
                    "“%(item)s” before signing, but %(office)s has no head with a user account.",
                    company=self.company_id.name,
                    item=self.display_name,
                    office=self.office_id.name,
                )
            )
        if not self.approver_id.has_group("duban_supervision.group_duban_leader"):
            raise UserError(
                self.env._(
                    "%(user)s is not a supervision leader and cannot sign “%(item)s”.",
                    user=self.approver_id.name,
                    item=self.display_name,
                )
            )

    def _check_units_reachable(self):
        """A notice must reach someone in every unit: its liaison or, failing that, its head."""
        self.ensure_one()
        # sudo: who can be reached in a unit is the organisation's to know, not only the clerk's
        # to read (and read without the record rules of employees and users, at every issue)
        with_archived = self.sudo().with_context(active_test=False)
        for department in with_archived.lead_department_id | with_archived.co_department_ids:
            if not department.active:
                raise UserError(
                    self.env._(
                        "%(unit)s is archived and cannot be given “%(item)s”.",
                        unit=department.name,
                        item=self.display_name,
                    )
                )
            people = (department.duban_liaison_id | department.duban_head_user_id).filtered(
                "active"
            )
            if not people:
                raise UserError(
                    self.env._(
                        "%(unit)s has neither a supervision liaison nor a head with a user "
                        "account, so nobody could sign for “%(item)s”. Set one on the department "
                        "first.",
                        unit=department.name,
                        item=self.display_name,
                    )
                )
            self._check_unit_clearance(department, people)

    def _check_unit_clearance(self, department, people):
        """Whoever signs for the unit or signs its reports must be cleared for the item, or
        the item would wait on someone who cannot even see it."""
        uncleared = people.filtered(lambda u: u.duban_clearance_rank < self.security_rank)
        if uncleared:
            level = dict(self._fields["security_level"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(unit)s cannot be given “%(item)s”: %(user)s, who acts for the unit, has "
                    "no clearance for %(level)s items. Raise their supervision clearance or "
                    "choose another unit.",
                    unit=department.name,
                    item=self.display_name,
                    user=uncleared[0].name,
                    level=level[self.security_level],
                )
            )

    def _take_numbers(self, day):
        """Give each item the next notice number of its company for the year of ``day``.

        Called last in the issuing transaction. A number is taken by writing it into the unique
        index ``(company_id, number_year, number_seq)``: a number another transaction holds and
        has not committed yet makes this one wait until it ends, then either take it (the other
        rolled back: no gap) or try the next one (it committed). Nothing is locked NOWAIT and no
        shared counter row is updated, so concurrent issues queue for microseconds instead of
        failing with serialization errors, and a transaction Odoo retries takes its numbers anew
        (a rolled back attempt leaves none behind).
        """
        self.flush_recordset()
        for item in self.sorted("id"):
            seq = item._claim_number_seq(day.year)
            item._write_transition(
                {
                    "number_year": day.year,
                    "number_seq": seq,
                    "number": item.company_id._duban_policy()._format_number(day.year, seq),
                }
            )

    def _claim_number_seq(self, year):
        """Write and return the first free place of the company's series for ``year``."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT COALESCE(MAX(number_seq), 0) FROM duban_item "
                "WHERE company_id = %s AND number_year = %s",
                self.company_id.id,
                year,
            )
        )
        seq = cr.fetchone()[0] + 1
        start = time.monotonic()
        while True:
            try:
                with cr.savepoint(flush=False):
                    cr.execute(
                        SQL(
                            "UPDATE duban_item SET number_year = %s, number_seq = %s WHERE id = %s",
                            year,
                            seq,
                            self.id,
                        ),
                        log_exceptions=False,  # a number just taken by another clerk: expected
                    )
                break
            except UniqueViolation:
                # taken by a transaction committed after this one's snapshot: the next one
                seq += 1
        # how long other clerks' numbers held this one: the time of their commits, if any
        _logger.info("Notice number %s/%s taken after %.3f s", year, seq, time.monotonic() - start)
        return seq

    def _notify_scheduled_activities(self, activities):
        """E-mail the people who got a new to-do from issuing, now that the items have numbers.

        The mails are queued and sent by Odoo's mail queue.
        """
        self.env.add_to_compute(activities._fields["res_name"], activities)
        # sudo: as Odoo notifies on creation, the assignee's partner may be unreadable to the office
        activities.sudo().filtered(lambda a: a.user_id != self.env.user).action_notify()

    def _prepare_assignment_vals_list(self):
        self.ensure_one()
        units = [("lead", self.lead_department_id)] + [
            ("co", department) for department in self.co_department_ids
        ]
        return [
            {"item_id": self.id, "role": role, "department_id": department.id}
            for role, department in units
        ]

    def _sync_state_from_assignments(self):
        """The item follows its units: in progress once the lead unit has signed for it."""
        started = self.filtered(
            lambda i: (
                i.state == "issued"
                and i.assignment_ids.filtered(
                    lambda a: a.role == "lead" and a.state == "in_progress"
                )
            )
        )
        if started:
            started._write_transition({"state": "in_progress"})

    def _get_push_action_xmlid(self, user):
        if self._works_from_unit_desk(user):
            return UNIT_DESK_ACTION
        return super()._get_push_action_xmlid(user)

    def _get_activity_type_xmlids(self):
        return [
            "duban_supervision.mail_act_duban_sign",
            "duban_supervision.mail_act_duban_issue",
            "duban_supervision.mail_act_duban_close",
        ]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state == "to_approve" and self.pre_sign_pending:
            return [
                {
                    "type": "duban_supervision.mail_act_duban_sign",
                    "user": self._get_pre_sign_reviewer(),
                    "summary": self.env._(
                        "Review %(item)s before it is signed", item=self._get_safe_label()
                    ),
                }
            ]
        if self.state == "to_approve":
            return [
                {
                    "type": "duban_supervision.mail_act_duban_sign",
                    "user": self.approver_id,
                    "summary": self.env._("Sign %(item)s", item=self._get_safe_label()),
                }
            ]
        if self.state == "approved":
            return [
                {
                    "type": "duban_supervision.mail_act_duban_issue",
                    "user": self.user_id,
                    "summary": self.env._("Issue %(item)s", item=self._get_safe_label()),
                }
            ]
        if self.state == "to_close":
            return [
                {
                    "type": "duban_supervision.mail_act_duban_close",
                    "user": self.user_id,
                    "summary": self.env._("Close %(item)s", item=self._get_safe_label()),
                }
            ]
        return []

    def _change_deadline(self, new_deadline, reason, extension=None):
        """Move the time limit of an issued item, keeping the history and restarting reminders."""
        self.ensure_one()
        previous = self.date_deadline
        # sudo: an approved request changes the time limit of an item nobody may edit any more
        self.sudo().write({"deadline_mode": "date", "date_deadline": new_deadline})
        self.env["duban.deadline.history"].sudo().create(
            {
                "item_id": self.id,
                "date_deadline": new_deadline,
                "date_previous": previous,
                "extension_id": extension and extension.id,
                "reason": reason,
            }
        )
        open_assignments = self.assignment_ids.filtered(
            lambda a: a.state in ("to_sign", "in_progress")
        )
        open_assignments._write_transition({"reminder_level": "none"})
        self.message_post(
            body=self.env._(
                "Time limit moved from %(old)s to %(new)s: %(reason)s",
                old=previous,
                new=new_deadline,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _add_unit(self, department):
        """Give an extra co-unit a share of the item; once issued, it gets its assignment."""
        self.ensure_one()
        taking_part = (
            self.assignment_ids._current().department_id
            | self.lead_department_id
            | self.co_department_ids
        )
        if department in taking_part:
            raise UserError(
                self.env._(
                    "%(unit)s already takes part in “%(item)s”.",
                    unit=department.name,
                    item=self.display_name,
                )
            )
        # sudo: a leader's instruction adds a unit to an item nobody may edit any more
        self.sudo().write({"co_department_ids": [Command.link(department.id)]})
        if self.state not in LIVE_ITEM_STATES:
            return self.env["duban.assignment"]
        self._check_units_reachable()
        assignment = (
            self.env["duban.assignment"]
            .sudo()
            .create({"item_id": self.id, "role": "co", "department_id": department.id})
        )
        assignment._activity_sync()
        assignment._notify_new_work()
        return assignment

    def action_instruct(self):
        """Open a new instruction of the current leader on this item."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Give an instruction"),
            "res_model": "duban.instruction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_item_id": self.id},
        }

    def action_view_urges(self):
        return self._open_related("duban.urge", self.urge_ids, self.env._("Urges"))

    def action_view_extensions(self):
        action = self._open_related(
            "duban.extension", self.extension_ids, self.env._("Change requests")
        )
        action["context"] = {"default_item_id": self.id}
        return action

    def _check_can_close(self):
        """A parent item closes only once every sub-item is closed or terminated."""
        open_children = self.child_ids.filtered(lambda c: c.state not in CLOSED_STATES)
        if open_children:
            raise UserError(
                self.env._(
                    "“%(item)s” still has open sub-items (%(children)s): close or terminate them "
                    "first.",
                    item=open_children[0].parent_id.display_name,
                    children=", ".join(open_children.mapped("display_name")),
                )
            )

    def _set_to_close(self, result):
        """The completion report is accepted: the item waits for the office to close it."""
        self._write_transition({"state": "to_close", "result": result})
        self._activity_sync()

    def _get_units_to_explain(self):
        """Shares that would end without their work done: never signed for, or never reported.

        Closing names them and asks why, so that no unit is marked done silently.
        """
        self.ensure_one()
        return self.assignment_ids.filtered(
            lambda a: (
                a.state in ("to_sign", "returned")
                or (
                    a.state == "in_progress"
                    and not a.report_ids.filtered(lambda r: r.state in ("submitted", "accepted"))
                )
            )
        )

    def _close(self, result, opinion=False, explanations=None):
        """Strike the item off (办结/销号): the office confirmed it in the closing dialog.

        ``explanations`` maps each share of ``_get_units_to_explain`` to why it ends that way.
        """
        self.ensure_one()
        self._check_state("to_close", self.env._("close"))
        self._check_office_rights()
        self._check_can_close()
        explanations = {key: (text or "").strip() for key, text in (explanations or {}).items()}
        unexplained = self._get_units_to_explain().filtered(lambda a: not explanations.get(a.id))
        if unexplained:
            raise UserError(
                self.env._(
                    "Explain first why %(units)s ended without signing for or reporting on "
                    "“%(item)s”.",
                    units=self.env._(", ").join(unexplained.department_id.mapped("name")),
                    item=self.display_name,
                )
            )
        if not (result or "").strip():
            raise UserError(
                self.env._("Write the result of “%(item)s” first.", item=self.display_name)
            )
        self._write_transition(
            {
                "state": "done",
                "date_done": fields.Date.context_today(self),
                "result": result.strip(),
                "close_opinion": (opinion or "").strip() or False,
            }
        )
        self.message_post(body=self._get_closing_body(explanations), subtype_xmlid="mail.mt_note")
        self.assignment_ids._close_with_item(explanations)
        self.report_request_ids._cancel_with_item()
        self.extension_ids._lapse_with_item()
        self.report_ids._activity_sync()
        self._activity_sync()

    def _get_closing_body(self, explanations):
        lines = [self.env._("Closed: %(result)s", result=self.result)]
        if self.close_opinion:
            lines.append(self.env._("Opinion: %(opinion)s", opinion=self.close_opinion))
        for assignment in self.assignment_ids.filtered(lambda a: explanations.get(a.id)):
            lines.append(
                self.env._(
                    "%(unit)s: %(explanation)s",
                    unit=assignment.department_id.name,
                    explanation=explanations[assignment.id],
                )
            )
        return Markup("<br/>").join(lines)

    def _open_related(self, model, records, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("id", "in", records.ids)],
            "context": {"create": False},
        }
