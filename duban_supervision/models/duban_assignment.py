import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date, split_every

from .duban_notice import ESCALATION_LEVELS, RED_LEVELS
from .selections import LIVE_ITEM_STATES

ACTIVE_STATES = ("to_sign", "in_progress", "reported")
# the reminder ladder, in order: who hears of a deadline, and when
REMINDER_LEVELS = [
    ("none", "None"),
    ("before", "Before the deadline (liaison)"),
    ("due", "On the day (liaison)"),
    ("head", "Overdue (unit head)"),
    ("leader", "Overdue (leader in charge)"),
    ("principal", "Overdue (principal leader)"),
]
REMINDER_RANK = {level: rank for rank, (level, _label) in enumerate(REMINDER_LEVELS)}
_logger = logging.getLogger(__name__)


class DubanAssignment(models.Model):
    """One unit's share of an issued item: it signs for it, handles it and reports on it."""

    _name = "duban.assignment"
    _description = "Supervision assignment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "duban.workflow.mixin",
        "duban.traffic.light.mixin",
        "duban.form.read",
        "duban.rules.in.sql",
    ]
    _order = "item_id desc, role desc, id"
    _check_company_auto = True
    _mail_post_access = "read"
    _deadline_closed_states = ("returned", "reported", "done", "cancelled")
    # born from issuing and re-assigning, moved on by its buttons: nobody writes it directly
    # (its unit, liaison and head are fixed, so nobody signs for a unit in its place)
    _write_table = {}

    item_id = fields.Many2one("duban.item", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    role = fields.Selection(
        [("lead", "Lead unit"), ("co", "Co-unit")],
        required=True,
        default="lead",
        help="Lead unit (主办): handles the item and reports for it. Co-unit (协办): contributes "
        "its part to the lead unit.",
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, check_company=True
    )
    head_id = fields.Many2one(
        "res.users",
        string="Unit head",
        compute="_compute_people",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        help="Signs the unit's reports. Taken from the unit's manager; can be changed.",
    )
    liaison_id = fields.Many2one(
        "res.users",
        compute="_compute_people",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        help="Signs for the notice and writes the reports. Taken from the unit; can be changed.",
    )
    state = fields.Selection(
        [
            ("to_sign", "To sign for"),
            ("returned", "Objected"),
            ("in_progress", "In progress"),
            ("reported", "Reported"),
            ("done", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="to_sign",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
        index=True,
        help="To sign for: issued, waiting for the unit to sign for it or object. Objected: the "
        "unit returned it with a reason (已退回); the office re-assigns it, and it stays objected "
        "with the unit it went to. In progress: signed for and being handled. Reported: the "
        "unit's completion report is submitted. Closed: the item was closed. Cancelled: the "
        "item was terminated, or closed before anyone re-assigned the objection.",
    )
    date_notified = fields.Date(
        string="Notified on",
        default=fields.Date.context_today,
        readonly=True,
        copy=False,
        help="When this unit was given its share: at the issue, or later for a unit added by an "
        "instruction or a re-assignment. Its objection window counts from here.",
    )
    date_signed = fields.Date(string="Signed for on", readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", string="Signed for by", readonly=True, copy=False)
    date_objection_limit = fields.Date(
        string="Objection limit",
        compute="_compute_date_objection_limit",
        store=True,
        help="The unit may object until the end of this day, as its company's rules say; "
        "empty when the rules give no objection.",
    )
    objection_reason = fields.Text(readonly=True, copy=False)
    date_objected = fields.Date(string="Objected on", readonly=True, copy=False)
    reassigned_id = fields.Many2one(
        "duban.assignment", string="Re-assigned to", readonly=True, copy=False
    )
    report_ids = fields.One2many("duban.report", "assignment_id", string="Reports")
    # related for lists, search and record rules
    item_state = fields.Selection(related="item_id.state", string="Item status")
    date_deadline = fields.Date(related="item_id.date_deadline", store=True, index=True)
    reminder_level = fields.Selection(
        REMINDER_LEVELS,
        string="Last reminder",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        help="The last step of the reminder ladder this unit was sent; each step is sent once.",
    )
    urge_ids = fields.One2many("duban.urge", "assignment_id", string="Urges")
    urge_count = fields.Integer(compute="_compute_urge_count")
    security_rank = fields.Integer(related="item_id.security_rank", store=True, index=True)
    # what the unit needs to see of its item without leaving the assignment
    item_number = fields.Char(related="item_id.number", string="Notice number")
    item_content = fields.Html(related="item_id.content", string="Matter and requirements")
    item_measures = fields.Text(related="item_id.measures", string="Measures")
    item_expected_result = fields.Text(related="item_id.expected_result", string="Expected result")
    item_instruction_ids = fields.One2many(
        related="item_id.instruction_ids", string="Leaders' instructions"
    )
    item_attachment_ids = fields.Many2many(
        "ir.attachment",
        compute="_compute_item_attachment_ids",
        string="Item attachments",
        help="The documents attached to the item by the office.",
    )
    is_my_unit = fields.Boolean(
        string="My unit",
        compute="_compute_can_act",
        search="_search_is_my_unit",
        help="The current user is the liaison, the head or one of the staff of this unit.",
    )
    # what the current user may press on this assignment
    can_act = fields.Boolean(
        compute="_compute_can_act",
        help="The current user is the liaison, the head or one of the staff of this unit.",
    )
    can_office = fields.Boolean(
        compute="_compute_can_act",
        help="The current user works in the office that supervises this item.",
    )
    can_object = fields.Boolean(compute="_compute_can_act")

    _item_department_unique = models.Constraint(
        "UNIQUE(item_id, department_id)", "A unit can be assigned an item only once."
    )

    # ---- Computes ----

    @api.depends("department_id")
    def _compute_people(self):
        for assignment in self:
            department = assignment.department_id
            assignment.head_id = department.duban_head_user_id.filtered("active")
            assignment.liaison_id = (
                department.duban_liaison_id.filtered("active") or assignment.head_id
            )

    # the window is set when the unit is notified: later changes to the rules do not move it
    @api.depends("date_notified", "item_id.date_issued")
    def _compute_date_objection_limit(self):
        for assignment in self:
            policy = assignment.company_id._duban_policy()
            notified = assignment.date_notified or assignment.item_id.date_issued
            assignment.date_objection_limit = policy._objection_limit(notified)

    def _compute_item_attachment_ids(self):
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "duban.item"), ("res_id", "in", self.item_id.ids)]
        )
        for assignment in self:
            assignment.item_attachment_ids = attachments.filtered(
                lambda a, item=assignment.item_id: a.res_id == item.id
            )

    @api.depends_context("uid")
    @api.depends("state", "department_id", "liaison_id", "head_id")
    def _compute_can_act(self):
        mine = self.search([("id", "in", self._origin.ids), *self._domain_of_my_units()])
        office_items = self._origin.item_id._filtered_office()
        today = fields.Date.context_today(self)
        for assignment in self:
            assignment.can_act = assignment.is_my_unit = assignment._origin in mine
            assignment.can_office = assignment.item_id._origin in office_items
            assignment.can_object = (
                assignment.can_act
                and assignment.state == "to_sign"
                and (
                    not assignment.date_objection_limit or today <= assignment.date_objection_limit
                )
            )

    def _compute_urge_count(self):
        counts = dict(
            self.env["duban.urge"]._read_group(
                [("assignment_id", "in", self.ids)], ["assignment_id"], ["__count"]
            )
        )
        for assignment in self:
            assignment.urge_count = counts.get(assignment, 0)

    @api.depends("item_id", "department_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = f"{assignment.item_id._get_safe_label()} · " + (
                assignment.department_id.name or ""
            )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        # a share's chatter opens with the work told to its unit: its birth is on the item's
        # (issued, re-assigned, a unit added), not logged once more here
        quiet = self.with_context(mail_create_nolog=True)
        assignments = super(DubanAssignment, quiet).create(vals_list).with_env(self.env)
        # the objection window is fixed the day the unit is notified, under the rules of that
        # day: computed now, not when first read after the rules may have changed
        assignments.flush_recordset(["date_objection_limit"])
        return assignments

    def _get_write_assignment(self):
        return self

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "date_notified",
            "date_signed",
            "signed_by_id",
            "objection_reason",
            "date_objected",
            "reassigned_id",
            "reminder_level",
            "item_id",
            "role",
            "department_id",
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Assignments are never deleted; they keep the item's history."))

    # ---- Actions ----

    def action_sign(self):
        """The unit signs for the notice (签收)."""
        self._check_state("to_sign", self.env._("sign for"))
        self._check_unit_rights()
        self._write_transition(
            {
                "state": "in_progress",
                "date_signed": fields.Date.context_today(self),
                "signed_by_id": self.env.user.id,
            }
        )
        self.item_id._sync_state_from_assignments()
        self._activity_sync()
        return True

    def action_object(self):
        """Ask for the reason of the objection (异议/退回)."""
        self._check_can_object()
        return self._open_reason_wizard("object", self.env._("Object"))

    def _action_object(self, reason):
        self._check_can_object()
        self._write_transition(
            {
                "state": "returned",
                "objection_reason": reason,
                "date_objected": fields.Date.context_today(self),
            }
        )
        for assignment in self:
            # sudo: a unit may not edit the item, but its objection belongs to the item's history
            assignment.item_id.sudo().message_post(
                body=self.env._(
                    "%(unit)s objected to the assignment: %(reason)s",
                    unit=assignment.department_id.name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._activity_sync()

    def action_reassign(self):
        """Open the wizard that gives an objected share to another unit."""
        self._check_can_reassign()
        self.item_id._check_office_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Re-assign"),
            "res_model": "duban.reassign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    def _action_reassign(self, department):
        """Give the objected share to ``department``; the objected record stays as history."""
        self.ensure_one()
        self._check_can_reassign()
        item = self.item_id
        item._check_state(LIVE_ITEM_STATES, self.env._("re-assign"))
        if department in item.assignment_ids._current().department_id:
            raise UserError(
                self.env._(
                    "%(unit)s is already assigned “%(item)s”.",
                    unit=department.name,
                    item=item.display_name,
                )
            )
        # sudo: assignments are only born from the office's issuing and re-assigning
        new = (
            self.sudo()
            .create({"item_id": item.id, "role": self.role, "department_id": department.id})
            .sudo(self.env.su)
        )
        # the objected share stays 已退回, pointing at the unit it went to
        self._write_transition({"reassigned_id": new.id})
        unit_field = "lead_department_id" if self.role == "lead" else None
        item_vals = (
            {unit_field: department.id}
            if unit_field
            else {"co_department_ids": [(3, self.department_id.id), (4, department.id)]}
        )
        # sudo: the office may re-route an issued item without re-opening it for editing
        item.sudo().write(item_vals)
        item.message_post(
            body=self.env._(
                "Re-assigned from %(old)s to %(new)s.",
                old=self.department_id.name,
                new=department.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        (self | new)._activity_sync()
        new._notify_new_work()
        return new

    def action_urge(self):
        """Open a new urge to this unit."""
        self.ensure_one()
        self.item_id._check_office_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Urge"),
            "res_model": "duban.urge",
            "view_mode": "form",
            "target": "current",
            "context": {"default_assignment_id": self.id},
        }

    def action_request_change(self):
        """Open a request to extend, adjust or terminate the item."""
        self.ensure_one()
        self._check_unit_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a change"),
            "res_model": "duban.extension",
            "view_mode": "form",
            "target": "current",
            "context": {"default_item_id": self.item_id.id, "default_assignment_id": self.id},
        }

    def action_raise_risk(self):
        """Open a new difficulty raised by this unit."""
        self.ensure_one()
        self._check_unit_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Raise a difficulty"),
            "res_model": "duban.risk",
            "view_mode": "form",
            "target": "current",
            "context": {"default_assignment_id": self.id},
        }

    def action_view_urges(self):
        return self.item_id._open_related("duban.urge", self.urge_ids, self.env._("Urges"))

    def action_view_reports(self):
        return self.item_id._open_related("duban.report", self.report_ids, self.env._("Reports"))

    def action_new_report(self):
        """Open a new report of this unit."""
        self.ensure_one()
        self._check_state("in_progress", self.env._("report on"))
        self._check_unit_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New report"),
            "res_model": "duban.report",
            "view_mode": "form",
            "target": "current",
            "context": {"default_assignment_id": self.id},
        }

    # ---- Business methods ----

    def _is_unit_member(self, user):
        """Whether ``user`` acts for this unit: its liaison, its head, or one of its staff."""
        self.ensure_one()
        return user in (self.liaison_id | self.head_id) or self.department_id in user.duban_unit_ids

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “My unit” with yes or no only."))
        domain = self._domain_of_my_units()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _domain_of_my_units(self):
        """Assignments the current user acts for, as ``_is_unit_member`` decides, in a domain."""
        user = self.env.user
        domain = ["|", ("liaison_id", "=", user.id), ("head_id", "=", user.id)]
        if user.duban_unit_ids:
            domain = ["|", *domain, ("department_id", "in", user.duban_unit_ids.ids)]
        return domain

    def _check_unit_rights(self):
        if self.env.su:
            return
        for assignment in self:
            if not assignment._is_unit_member(self.env.user):
                raise AccessError(
                    self.env._(
                        "Only the liaison, the head or the staff of %(unit)s may act on its "
                        "assignment.",
                        unit=assignment.department_id.name,
                    )
                )

    def _check_can_object(self):
        self._check_state("to_sign", self.env._("object to"))
        self._check_unit_rights()
        barred = self.filtered(lambda a: not a.date_objection_limit)
        if barred:
            raise UserError(
                self.env._(
                    "The rules of %(company)s (%(policy)s) provide no objection to a notice: sign "
                    "for “%(assignment)s” and report the difficulty instead.",
                    company=barred[0].company_id.name,
                    policy=barred[0].company_id._duban_policy().name,
                    assignment=barred[0].display_name,
                )
            )
        today = fields.Date.context_today(self)
        late = self.filtered(lambda a: today > a.date_objection_limit)
        if late:
            raise UserError(
                self.env._(
                    "The time to object to “%(assignment)s” ended on %(limit)s; sign for it and "
                    "report the difficulty instead.",
                    assignment=late[0].display_name,
                    limit=late[0].date_objection_limit,
                )
            )

    def _notify_new_work(self):
        """Each unit's liaison finds the new assignment in their Odoo inbox the day it comes.

        Returns the liaisons' to-dos on these assignments: this one message tells them what
        the to-do's own notification would (the item, its time limit and the time to object), so
        the caller does not send that one too, and a liaison is told of new work once.
        """
        told = self.env["mail.activity"]
        for assignment in self.filtered("liaison_id"):
            liaison = assignment.liaison_id
            body = assignment.with_context(lang=liaison.lang)._get_new_work_body()
            # sudo: the office posts on the unit's assignment, which only the unit may write
            assignment.sudo().message_post(
                body=body,
                partner_ids=liaison.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            told |= assignment.activity_ids.filtered(lambda a, u=liaison: a.user_id == u)
        return told

    def _get_new_work_body(self):
        self.ensure_one()
        return self.env._(
            "New supervision work for %(unit)s: %(item)s, time limit %(deadline)s. Sign for it or "
            "return it with a reason by %(limit)s.",
            unit=self.department_id.name,
            item=self.item_id._get_safe_label(),
            deadline=format_date(self.env, self.date_deadline) or "-",
            limit=format_date(self.env, self.date_objection_limit) or "-",
        )

    def _current(self):
        """The shares units hold now: not cancelled, and not objected and handed on."""
        return self.filtered(lambda a: a.state != "cancelled" and not a.reassigned_id)

    def _check_can_reassign(self):
        self._check_state("returned", self.env._("re-assign"))
        self.item_id._check_office_rights()
        handed_on = self.filtered("reassigned_id")
        if handed_on:
            raise UserError(
                self.env._(
                    "“%(assignment)s” was already re-assigned to %(unit)s.",
                    assignment=handed_on[0].display_name,
                    unit=handed_on[0].reassigned_id.department_id.name,
                )
            )

    def _cancel_with_item(self):
        active = self.filtered(
            lambda a: a.state in ACTIVE_STATES or (a.state == "returned" and not a.reassigned_id)
        )
        active._write_transition({"state": "cancelled"})
        active._activity_sync()

    def _close_with_item(self, explanations=None):
        """The item is closed: shares that took part are done, the others end unfinished.

        A unit that never signed for its share is not marked done: its share is cancelled, with
        the office's explanation in its history, as is an objection nobody re-assigned.
        """
        explanations = explanations or {}
        done = self.filtered(lambda a: a.state in ("in_progress", "reported"))
        done._write_transition({"state": "done"})
        # an objection re-assigned to another unit stays 已退回: the other unit carries it on
        unfinished = self.filtered(
            lambda a: a.state == "to_sign" or (a.state == "returned" and not a.reassigned_id)
        )
        unfinished._write_transition({"state": "cancelled"})
        for assignment in (done | unfinished).filtered(lambda a: explanations.get(a.id)):
            assignment.message_post(
                body=self.env._(
                    "The item was closed: %(explanation)s", explanation=explanations[assignment.id]
                ),
                subtype_xmlid="mail.mt_note",
            )
        (done | unfinished)._activity_sync()

    def _get_activity_type_xmlids(self):
        return [
            "duban_supervision.mail_act_duban_receive",
            "duban_supervision.mail_act_duban_reassign",
        ]

    def _get_activity_plan(self):
        self.ensure_one()
        label = self.item_id._get_safe_label()
        if self.state == "to_sign":
            return [
                {
                    "type": "duban_supervision.mail_act_duban_receive",
                    "user": self.liaison_id,
                    # due today: new work shows in the systray counter the day it arrives
                    "date_deadline": fields.Date.context_today(self),
                    "summary": self.env._(
                        "Sign for %(item)s (time limit %(deadline)s)",
                        item=label,
                        deadline=format_date(self.env, self.date_deadline),
                    ),
                }
            ]
        if self.state == "returned" and not self.reassigned_id:
            return [
                {
                    "type": "duban_supervision.mail_act_duban_reassign",
                    "user": self.item_id.user_id,
                    "summary": self.env._(
                        "%(unit)s objected to %(item)s: re-assign it",
                        unit=self.department_id.name,
                        item=label,
                    ),
                }
            ]
        return []

    # ---- Reminders ----

    @api.model
    def _cron_remind(self):
        """Daily: move the traffic lights on and send the reminders deadlines have reached."""
        self.env["duban.item"]._refresh_traffic_lights()
        self._refresh_traffic_lights()
        in_cron = bool(self.env.context.get("cron_id"))
        for batch, ladder in self._iter_reminder_batches():
            batch._remind_batch(ladder)
            # each batch stands on its own: a later failure or time-out keeps what was sent
            if in_cron and self.env["ir.cron"]._commit_progress(len(batch)) <= 0:
                break

    @api.model
    def _iter_reminder_batches(self, batch_size=500):
        """Open assignments whose deadline is near or past, by batches, company after company
        (each with its rules' ladder) and unit after unit.

        Keeping a unit's assignments together keeps the people reminded in a batch few: Odoo
        subscribes each of them to the records once per batch, in a few queries per person.
        """
        # sudo: the ladder of every company is read, whoever runs the cron
        for company in self.env["res.company"].sudo().search([]):
            ladder = self._get_reminder_ladder(company)
            domain = [
                ("company_id", "=", company.id),
                ("state", "in", ("to_sign", "in_progress")),
                ("item_id.state", "in", ("issued", "in_progress")),
                ("date_deadline", "!=", False),
                ("date_deadline", "<=", ladder["before"]),
                ("reminder_level", "!=", "principal"),
            ]
            ids = self.search(domain, order="department_id, id").ids
            for batch_ids in split_every(batch_size, ids):
                yield self.browse(batch_ids), ladder

    @api.model
    def _get_reminder_ladder(self, company):
        """The date each step of ``company``'s ladder starts, as of today."""
        return company._duban_policy()._reminder_ladder(fields.Date.context_today(self))

    def _reminder_target_level(self, ladder):
        self.ensure_one()
        deadline = self.date_deadline
        for level in ("principal", "leader", "head"):
            if deadline <= ladder[level] and deadline < ladder["today"]:
                return level
        if deadline == ladder["today"]:
            return "due"
        if deadline < ladder["today"]:
            return "head"
        return "before"

    def _remind_batch(self, ladder):
        """One batch: claim each step once in SQL, then schedule the claimed reminders."""
        by_level = {}
        for assignment in self:
            level = assignment._reminder_target_level(ladder)
            if REMINDER_RANK[level] > REMINDER_RANK[assignment.reminder_level]:
                by_level.setdefault(level, []).append(assignment.id)
        common = {
            "activity_type_id": self.env.ref("duban_supervision.mail_act_duban_deadline").id,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "automated": True,
        }
        vals_list, levels = [], []
        for level, ids in by_level.items():
            claimed = self.browse(self._claim_reminder_level(level, ids))
            for assignment in claimed:
                # a broken record (say, a unit without anyone to remind) never stops the others
                try:
                    vals = assignment._prepare_reminder_activity_vals(level)
                except Exception:
                    _logger.exception("Reminder for assignment %s failed", assignment.id)
                    continue
                if vals:
                    vals_list.append(common | vals)
                    levels.append(level)
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
        self._add_reminder_notices(activities, levels)

    def _add_reminder_notices(self, activities, levels):
        """Tell the people reminded on their channels too: red when overdue, yellow before; the
        same step of the same assignment never twice."""
        Notice = self.env["duban.notice"]
        vals_list = [
            Notice._notice_vals_for_activity(
                self.browse(activity.res_id),
                activity,
                category="red" if level in RED_LEVELS else "yellow",
                event_key=f"duban.assignment,{activity.res_id}:{level}",
                is_escalation=level in ESCALATION_LEVELS,
            )
            for activity, level in zip(activities, levels, strict=True)
        ]
        Notice._add_notices(vals_list)

    def _claim_reminder_level(self, level, ids):
        """Raise the reminder level of ``ids`` to ``level`` where it is lower, atomically.

        Returns the ids actually raised: a concurrent run that got there first raises none, so
        no reminder is ever scheduled twice.
        """
        lower = [name for name, rank in REMINDER_RANK.items() if rank < REMINDER_RANK[level]]
        self.flush_model(["reminder_level"])
        self.env.cr.execute(
            SQL(
                "UPDATE duban_assignment SET reminder_level = %s WHERE id = ANY(%s) "
                "AND reminder_level = ANY(%s) RETURNING id",
                level,
                ids,
                lower,
            )
        )
        claimed = [row[0] for row in self.env.cr.fetchall()]
        self.browse(claimed).invalidate_recordset(["reminder_level"])
        return claimed

    def _get_reminder_recipient(self, level):
        self.ensure_one()
        if level in ("before", "due"):
            return self.liaison_id or self.head_id
        if level == "head":
            return self.head_id or self.liaison_id
        if level == "leader":
            return self.department_id.duban_leader_id or self.item_id.approver_id
        return self.company_id.duban_principal_id

    def _prepare_reminder_activity_vals(self, level):
        self.ensure_one()
        user = self._get_reminder_recipient(level)
        if not user:
            return {}
        return {
            "res_id": self.id,
            "user_id": user.id,
            # in the language of the person reminded, whoever runs the cron
            "summary": self.with_context(lang=user.lang)._get_reminder_summary(level),
            "date_deadline": max(self.date_deadline, fields.Date.context_today(self)),
        }

    def _get_reminder_summary(self, level):
        label = self.item_id._get_safe_label()
        summaries = {
            "before": self.env._(
                "%(item)s is due on %(deadline)s",
                item=label,
                deadline=format_date(self.env, self.date_deadline),
            ),
            "due": self.env._("%(item)s is due today", item=label),
            "head": self.env._(
                "%(item)s is overdue (%(unit)s)", item=label, unit=self.department_id.name
            ),
            "leader": self.env._(
                "%(item)s is overdue: %(unit)s needs your attention",
                item=label,
                unit=self.department_id.name,
            ),
            "principal": self.env._(
                "%(item)s is seriously overdue (%(unit)s)", item=label, unit=self.department_id.name
            ),
        }
        return summaries[level]
