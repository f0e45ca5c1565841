from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ACTIVE_STATES = ("to_sign", "in_progress", "reported")


class DubanAssignment(models.Model):
    """One unit's share of an issued item: it signs for it, handles it and reports on it."""

    _name = "duban.assignment"
    _description = "Supervision assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _order = "item_id desc, role desc, id"
    _check_company_auto = True

    item_id = fields.Many2one(
        "duban.item", string="Item", required=True, ondelete="restrict", index=True
    )
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
        string="Liaison",
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
        "unit returned it with a reason; the office re-assigns it. In progress: signed for and "
        "being handled. Reported: the unit's completion report is submitted. Closed: the item "
        "was closed. Cancelled: the item was terminated or the share was re-assigned.",
    )
    date_signed = fields.Date(string="Signed for on", readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", string="Signed for by", readonly=True, copy=False)
    date_objection_limit = fields.Date(
        string="Objection limit",
        compute="_compute_date_objection_limit",
        store=True,
        help="The unit may object until the end of the first working day after the notice.",
    )
    objection_reason = fields.Text(readonly=True, copy=False)
    date_objected = fields.Date(string="Objected on", readonly=True, copy=False)
    reassigned_id = fields.Many2one(
        "duban.assignment", string="Re-assigned to", readonly=True, copy=False
    )
    report_ids = fields.One2many("duban.report", "assignment_id", string="Reports")
    # related for lists, search and record rules
    item_state = fields.Selection(related="item_id.state", string="Item status")
    date_deadline = fields.Date(related="item_id.date_deadline", store=True)
    security_rank = fields.Integer(related="item_id.security_rank", store=True, index=True)

    _item_department_unique = models.Constraint(
        "UNIQUE(item_id, department_id)", "A unit can be assigned an item only once."
    )

    # ---- Computes ----

    @api.depends("department_id")
    def _compute_people(self):
        for assignment in self:
            assignment.head_id = assignment.department_id.duban_head_user_id
            assignment.liaison_id = (
                assignment.department_id.duban_liaison_id or assignment.head_id
            )

    @api.depends("item_id.date_issued")
    def _compute_date_objection_limit(self):
        calendar = self.env["duban.calendar"]
        for assignment in self:
            issued = assignment.item_id.date_issued
            assignment.date_objection_limit = issued and calendar.add_workdays(issued, 1)

    @api.depends("item_id", "department_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = f"{assignment.item_id._get_safe_label()} · " + (
                assignment.department_id.name or ""
            )

    # ---- CRUD ----

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "date_signed",
            "signed_by_id",
            "objection_reason",
            "date_objected",
            "reassigned_id",
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
        self._check_state("returned", self.env._("re-assign"))
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
        self._check_state("returned", self.env._("re-assign"))
        self.item_id._check_office_rights()
        item = self.item_id
        if department in item.assignment_ids.filtered(lambda a: a.state != "cancelled").department_id:
            raise UserError(
                self.env._(
                    "%(unit)s is already assigned “%(item)s”.",
                    unit=department.name,
                    item=item.display_name,
                )
            )
        # sudo: assignments are only born from the office's issuing and re-assigning
        new = self.sudo().create(
            {"item_id": item.id, "role": self.role, "department_id": department.id}
        ).sudo(self.env.su)
        self._write_transition({"state": "cancelled", "reassigned_id": new.id})
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
        return new

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
        if user in (self.liaison_id | self.head_id):
            return True
        departments = user.employee_ids.department_id
        return bool(
            departments
            and self.env["hr.department"].search_count(
                [("id", "=", self.department_id.id), ("id", "child_of", departments.ids)], limit=1
            )
        )

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
        today = fields.Date.context_today(self)
        late = self.filtered(lambda a: a.date_objection_limit and today > a.date_objection_limit)
        if late:
            raise UserError(
                self.env._(
                    "The time to object to “%(assignment)s” ended on %(limit)s (one working day "
                    "after the notice); sign for it and report the difficulty instead.",
                    assignment=late[0].display_name,
                    limit=late[0].date_objection_limit,
                )
            )

    def _cancel_with_item(self):
        active = self.filtered(lambda a: a.state in (*ACTIVE_STATES, "returned"))
        active._write_transition({"state": "cancelled"})
        active._activity_sync()

    def _close_with_item(self):
        active = self.filtered(lambda a: a.state in ACTIVE_STATES)
        active._write_transition({"state": "done"})
        active._activity_sync()

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
                    "date_deadline": self.date_objection_limit,
                    "summary": self.env._(
                        "Sign for %(item)s (time limit %(deadline)s)",
                        item=label,
                        deadline=self.date_deadline or "",
                    ),
                }
            ]
        if self.state == "returned":
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
