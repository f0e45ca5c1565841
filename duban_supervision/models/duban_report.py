from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import html2plaintext, is_html_empty

from .duban_text_guard import CONTENT_MAX, TEXT_MAX, TITLE_MAX
from .selections import CONFIDENTIAL_RANK

REPORT_TEXT_FIELDS = ("name", "report_type", "content", "delay_reason")


class DubanReport(models.Model):
    """A unit's written report on its assignment (办理情况报告), signed off by the unit head.

    Co-units submit theirs to the lead unit; the lead unit's reports go to the supervising office,
    and its completion report puts the item up for review.
    """

    _name = "duban.report"
    _description = "Supervision report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "duban.workflow.mixin",
        "duban.form.read",
        "duban.rules.in.sql",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    # the unit writes until its head has signed; the assignment is chosen once, at creation
    _write_table = {
        "create": {"liaison": ("assignment_id", *REPORT_TEXT_FIELDS)},
        **{state: {"liaison": REPORT_TEXT_FIELDS} for state in ("draft", "to_sign", "returned")},
    }
    _text_limits = {"name": TITLE_MAX, "content": CONTENT_MAX, "delay_reason": TEXT_MAX}

    name = fields.Char(string="Title", required=True, tracking=True)
    assignment_id = fields.Many2one(
        "duban.assignment", required=True, ondelete="restrict", index=True
    )
    item_id = fields.Many2one(related="assignment_id.item_id", store=True, index=True)
    department_id = fields.Many2one(related="assignment_id.department_id", store=True, index=True)
    role = fields.Selection(related="assignment_id.role", store=True)
    company_id = fields.Many2one(related="assignment_id.company_id", store=True, index=True)
    security_rank = fields.Integer(related="assignment_id.security_rank", store=True, index=True)
    report_type = fields.Selection(
        [("progress", "Progress report"), ("completion", "Completion report")],
        required=True,
        default="progress",
        tracking=True,
        help="Progress (阶段性): how far the work has come; also the report of a unit that cannot "
        "finish in time, with its reasons. Completion (办结): the work is done; from the lead "
        "unit it puts the item up for review.",
    )
    content = fields.Html(string="Handling", sanitize_style=True)
    delay_reason = fields.Text(
        string="Reasons for delay", help="Why the work is not finished, and what happens next."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_sign", "To sign"),
            ("signed", "Signed"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("returned", "Returned"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
        index=True,
        help="Draft: being written. To sign: waits for the unit head. Signed: the head signed "
        "it. Submitted: sent to the lead unit (co-units) or to the office (lead unit). Accepted: "
        "the office accepted it. Returned: the office returned it with reasons.",
    )
    signed_by_id = fields.Many2one("res.users", string="Signed by", readonly=True, copy=False)
    date_signed = fields.Date(string="Signed on", readonly=True, copy=False)
    date_submitted = fields.Date(string="Submitted on", readonly=True, copy=False)
    review_note = fields.Text(string="Review opinion", readonly=True, copy=False)
    date_reviewed = fields.Date(string="Reviewed on", readonly=True, copy=False)
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

    # what the current user may press on this report
    can_unit = fields.Boolean(
        compute="_compute_can_buttons", help="The current user acts for the reporting unit."
    )
    can_sign = fields.Boolean(
        compute="_compute_can_buttons",
        search="_search_can_sign",
        help="The current user is the one the company's rules have sign this report: the unit's "
        "leader in charge, or its head.",
    )
    can_review = fields.Boolean(compute="_compute_can_buttons")

    # ---- Computes ----

    @api.depends("name", "item_id", "security_rank")
    def _compute_display_name(self):
        for report in self:
            if report.security_rank >= CONFIDENTIAL_RANK:
                report.display_name = report.item_id._get_safe_label()
            else:
                report.display_name = report.name or ""

    @api.depends_context("uid")
    @api.depends("state", "assignment_id", "role")
    def _compute_can_buttons(self):
        user = self.env.user
        mine = self._origin.assignment_id.filtered(lambda a: a._is_unit_member(user))
        office_items = self._origin.item_id._filtered_office()
        for report in self:
            assignment = report.assignment_id._origin
            report.can_unit = assignment in mine
            report.can_sign = bool(assignment) and report._get_signer() == user
            report.can_review = (
                report.state == "submitted"
                and report.role == "lead"
                and report.item_id._origin in office_items
            )

    # ---- CRUD ----

    def _get_write_assignment(self):
        return self.assignment_id

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "signed_by_id",
            "date_signed",
            "date_submitted",
            "review_note",
            "date_reviewed",
        }

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports.assignment_id._check_state("in_progress", self.env._("report on"))
        reports.assignment_id._check_unit_rights()
        return reports

    def _check_attachments_editable(self):
        signed = self.filtered(lambda r: r.state not in ("draft", "to_sign", "returned"))
        if signed:
            raise UserError(
                self.env._(
                    "The report “%(report)s” is signed: its files can no longer change.",
                    report=signed[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("Only draft reports can be deleted."))

    # ---- Actions ----

    def action_request_sign(self):
        """Hand the written report to the unit head for signature."""
        self._check_state(("draft", "returned"), self.env._("send for signature"))
        self.assignment_id._check_unit_rights()
        self._check_has_content()
        for report in self:
            if not report._get_signer():
                raise UserError(
                    self.env._(
                        "Nobody can sign the report of %(unit)s: the rules of %(company)s have "
                        "%(signer)s sign it, and the unit has none with a user account.",
                        unit=report.department_id.name,
                        company=report.company_id.name,
                        signer=report._get_signer_label(),
                    )
                )
        self._write_transition({"state": "to_sign"})
        self._activity_sync()
        return True

    def action_sign(self):
        """The report's signer signs it off: the unit head, or the unit's leader in charge."""
        self._check_state(("draft", "to_sign", "returned"), self.env._("sign"))
        self._check_signer_rights()
        self._check_has_content()
        self._write_transition(
            {
                "state": "signed",
                "signed_by_id": self.env.user.id,
                "date_signed": fields.Date.context_today(self),
            }
        )
        self._activity_sync()
        return True

    def action_submit(self):
        """Send signed reports on: co-units' to the lead unit, the lead unit's to the office.
        Where the rules leave the report to the unit itself, it goes without a signature."""
        unsigned_ok = self.filtered(lambda r: r._get_signer_rule() == "unit")
        unsigned_ok._check_state(("draft", "signed", "returned"), self.env._("submit"))
        (self - unsigned_ok)._check_state("signed", self.env._("submit"))
        unsigned_ok._check_has_content()
        self.assignment_id._check_unit_rights()
        self.assignment_id._check_state("in_progress", self.env._("report on"))
        self._write_transition(
            {"state": "submitted", "date_submitted": fields.Date.context_today(self)}
        )
        for report in self.filtered(lambda r: r.role == "lead"):
            open_requests = report.item_id.report_request_ids.filtered(lambda r: r.state == "open")
            open_requests.sorted("date_deadline")[:1]._fulfil(report)
        completions = self.filtered(lambda r: r.role == "lead" and r.report_type == "completion")
        completions.assignment_id._write_transition({"state": "reported"})
        items = completions.item_id.filtered(lambda i: i.state == "in_progress")
        items._write_transition({"state": "to_review"})
        self._activity_sync()
        return True

    def action_accept(self):
        """The office accepts the report; a completion report puts the item up for closing."""
        self._action_accept(False)
        return True

    def action_accept_opinion(self):
        """Ask for the office's review opinion (审查意见) before accepting."""
        self._check_reviewable()
        return self._open_reason_wizard("accept", self.env._("Accept with an opinion"))

    def _action_accept(self, opinion):
        self._check_reviewable()
        self.filtered(lambda r: r.report_type == "completion").item_id._check_can_close()
        self._write_transition(
            {
                "state": "accepted",
                "date_reviewed": fields.Date.context_today(self),
                "review_note": opinion or False,
            }
        )
        if opinion:
            for report in self:
                report.message_post(
                    body=self.env._("Accepted with the opinion: %(opinion)s", opinion=opinion),
                    subtype_xmlid="mail.mt_note",
                )
        for report in self.filtered(lambda r: r.report_type == "completion"):
            report.item_id._set_to_close(report._get_result_summary())
        self._activity_sync()

    def action_return(self):
        """Ask for the reasons before the report goes back to its unit."""
        self._check_reviewable()
        return self._open_reason_wizard("return", self.env._("Return the report"))

    def _action_return(self, reason):
        self._check_reviewable()
        self._write_transition(
            {
                "state": "returned",
                "review_note": reason,
                "date_reviewed": fields.Date.context_today(self),
            }
        )
        completions = self.filtered(lambda r: r.report_type == "completion")
        completions.assignment_id.filtered(lambda a: a.state == "reported")._write_transition(
            {"state": "in_progress"}
        )
        completions.item_id.filtered(lambda i: i.state == "to_review")._write_transition(
            {"state": "in_progress"}
        )
        for report in self:
            report.message_post(
                body=self.env._("Returned: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_comment",
                partner_ids=report.assignment_id.liaison_id.partner_id.ids,
            )
        self._activity_sync()

    # ---- Business methods ----

    def _check_has_content(self):
        empty = self.filtered(lambda r: is_html_empty(r.content))
        if empty:
            raise UserError(
                self.env._("The report “%(report)s” has no text yet.", report=empty[0].display_name)
            )

    def _get_signer_rule(self):
        self.ensure_one()
        return self.company_id._duban_policy().report_signer

    def _get_signer(self):
        """Who signs this report, as the company's rules say: the unit's leader in charge (EC),
        or its head (RI, and UN when the unit chooses to sign)."""
        self.ensure_one()
        if self._get_signer_rule() == "leader_in_charge":
            return self.department_id.duban_leader_id.filtered("active")
        return self.assignment_id.head_id

    def _search_can_sign(self, operator, value):
        """The reports the current user signs, by the rules of each report's company (as
        ``_get_signer``): those of the units they are leader in charge of where the leader
        signs, those of the shares they head elsewhere."""
        if operator not in ("in", "not in"):
            return NotImplemented
        wanted = set(value) if operator == "in" else {True, False} - set(value)
        if len(wanted) != 1:
            return Domain.TRUE if wanted else Domain.FALSE
        by_leader = self._domain_signed_by_leader_in_charge()
        uid = self.env.uid
        mine = Domain.OR(
            [
                by_leader & Domain("department_id.duban_leader_id", "=", uid),
                ~by_leader & Domain("assignment_id.head_id", "=", uid),
            ]
        )
        return mine if True in wanted else ~mine

    def _domain_signed_by_leader_in_charge(self):
        """The reports whose company's rules (``res.company._duban_policy``, its own or the
        default) have the unit's leader in charge sign them, as one domain."""
        rule = Domain("company_id.duban_policy_id.report_signer", "=", "leader_in_charge")
        default = self.env["res.company"]._default_duban_policy_id()
        if default and default.sudo().report_signer == "leader_in_charge":
            rule |= Domain("company_id.duban_policy_id", "=", False)
        return rule

    def _get_signer_label(self):
        self.ensure_one()
        if self._get_signer_rule() == "leader_in_charge":
            return self.env._("its leader in charge")
        return self.env._("its head")

    def _check_signer_rights(self):
        if self.env.su:
            return
        for report in self:
            if self.env.user != report._get_signer():
                raise AccessError(
                    self.env._(
                        "Only %(signer)s may sign the reports of %(unit)s (%(who)s).",
                        signer=report._get_signer_label(),
                        unit=report.department_id.name,
                        who=report._get_signer().name or "-",
                    )
                )

    def _check_reviewable(self):
        self._check_state("submitted", self.env._("review"))
        if any(report.role != "lead" for report in self):
            raise UserError(
                self.env._(
                    "Co-units report to the lead unit; the office reviews the lead unit's reports."
                )
            )
        self.item_id._check_office_rights()

    def _get_result_summary(self):
        """The 督办结果 the ledger shows: the accepted completion report in plain text."""
        self.ensure_one()
        return html2plaintext(self.content or "").strip()

    def _get_activity_type_xmlids(self):
        return [
            "duban_supervision.mail_act_duban_report_sign",
            "duban_supervision.mail_act_duban_review",
        ]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.item_id.state in ("done", "cancelled"):
            return []
        label = self.item_id._get_safe_label()
        if self.state == "to_sign":
            return [
                {
                    "type": "duban_supervision.mail_act_duban_report_sign",
                    "user": self._get_signer(),
                    "summary": self.env._("Sign the report on %(item)s", item=label),
                }
            ]
        if self.state == "submitted":
            reviewer = (
                self.item_id.user_id
                if self.role == "lead"
                else self.item_id.assignment_ids._current()
                .filtered(lambda a: a.role == "lead")[:1]
                .liaison_id
            )
            return [
                {
                    "type": "duban_supervision.mail_act_duban_review",
                    "user": reviewer,
                    "summary": self.env._(
                        "Read %(unit)s's report on %(item)s",
                        unit=self.department_id.name,
                        item=label,
                    ),
                }
            ]
        return []
