from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .duban_item import get_report_lang


class DubanCircular(models.Model):
    """A circular (通报) on a period's results, approved by a leader before it goes out."""

    _name = "duban.circular"
    _description = "Supervision circular"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # the office drafts; from submission on, the leader approves exactly what was submitted
    _write_table = {
        "draft": {
            "officer": (
                "name",
                "company_id",
                "date_from",
                "date_to",
                "office_id",
                "body",
                "department_ids",
                "approver_id",
            )
        },
    }

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Period from", required=True)
    date_to = fields.Date(string="Period to", required=True)
    office_id = fields.Many2one(
        "hr.department",
        string="Supervising office",
        check_company=True,
        help="Leave empty for the whole organization.",
    )
    body = fields.Html(string="Text", sanitize_style=True)
    department_ids = fields.Many2many("hr.department", string="Circulated to", check_company=True)
    approver_id = fields.Many2one(
        "res.users",
        string="Approving leader",
        tracking=True,
        domain=lambda self: [
            ("group_ids", "in", self.env.ref("duban_supervision.group_duban_leader").ids)
        ],
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To approve"),
            ("approved", "Approved"),
            ("sent", "Circulated"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Draft: generated from the period's results and edited by the office. To approve: "
        "waits for the leader. Approved: may be circulated. Circulated: sent to the units.",
    )
    submitted_by_id = fields.Many2one("res.users", string="Submitted by", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    date_approved = fields.Date(string="Approved on", readonly=True, copy=False)
    date_sent = fields.Date(string="Circulated on", readonly=True, copy=False)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for circular in self:
            if circular.date_from > circular.date_to:
                raise ValidationError(
                    self.env._("The period of a circular must end after it starts.")
                )

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "submitted_by_id",
            "approved_by_id",
            "date_approved",
            "date_sent",
        }

    def write(self, vals):
        locked = self.filtered(lambda c: c.state in ("approved", "sent"))
        if locked and not self.env.su:
            raise UserError(
                self.env._("An approved circular can no longer be changed; make a new one.")
            )
        return super().write(vals)

    # ---- Actions ----

    def action_generate_body(self):
        """Write the draft text from the period's figures."""
        self._check_state("draft", self.env._("regenerate"))
        self._check_office_rights()
        for circular in self:
            circular.body = circular._render_body()
        return True

    def action_submit(self):
        self._check_state("draft", self.env._("submit"))
        self._check_office_rights()
        if any(not circular.approver_id for circular in self):
            raise UserError(self.env._("Choose the leader who approves the circular."))
        if any(not circular.department_ids for circular in self):
            raise UserError(self.env._("Choose the units the circular goes to."))
        self._check_approver_independent(submitter=self.env.user)
        self._write_transition({"state": "to_approve", "submitted_by_id": self.env.user.id})
        self._activity_sync()
        return True

    def action_approve(self):
        self._check_state("to_approve", self.env._("approve"))
        self._check_approver()
        if not self.env.su:
            self._check_approver_independent()
        self._write_transition(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "date_approved": fields.Date.context_today(self),
            }
        )
        self._activity_sync()
        return True

    def action_reset_to_draft(self):
        self._check_state("to_approve", self.env._("return to draft"))
        self._check_office_rights()
        self._write_transition({"state": "draft"})
        self._activity_sync()
        return True

    def action_send(self):
        """Circulate the approved circular to the chosen units' people, with its PDF."""
        self._check_state("approved", self.env._("circulate"))
        self._check_office_rights()
        for circular in self:
            circular._send()
        self._write_transition({"state": "sent", "date_sent": fields.Date.context_today(self)})
        return True

    # ---- Business methods ----

    def _get_report_lang(self):
        return get_report_lang(self.env)

    def _check_office_rights(self):
        """The office that drafts circulars, on circulars its rules let it write, does this."""
        if self.env.su:
            return
        if not self.env.user.has_group("duban_supervision.group_duban_officer"):
            raise AccessError(self.env._("Only supervision office staff may do this."))
        self.check_access("write")

    def _check_approver_independent(self, submitter=None):
        """A circular is approved by a leader, other than whoever wrote or submitted it."""
        for circular in self:
            approver = circular.approver_id
            authors = circular.create_uid | circular.submitted_by_id
            if approver in authors or approver == submitter:
                raise UserError(
                    self.env._(
                        "%(leader)s wrote or submitted “%(name)s” and cannot also approve it; "
                        "choose another leader.",
                        leader=approver.name,
                        name=circular.name,
                    )
                )
            if not approver.has_group("duban_supervision.group_duban_leader"):
                raise UserError(
                    self.env._(
                        "%(user)s is not a leader and cannot approve a circular.",
                        user=approver.name,
                    )
                )

    def _check_approver(self):
        if self.env.su:
            return
        for circular in self:
            if circular.approver_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(leader)s may approve this circular.",
                        leader=circular.approver_id.name,
                    )
                )

    def _get_recipients(self):
        """Liaisons, heads and staff users of the units the circular goes to."""
        self.ensure_one()
        departments = self.department_ids
        employees = self.env["hr.employee"].search([("department_id", "child_of", departments.ids)])
        users = departments.duban_liaison_id | departments.duban_head_user_id | employees.user_id
        return users.partner_id

    def _send(self):
        self.ensure_one()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            "duban_reports.action_report_duban_circular", self.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.pdf",
                "datas": pdf,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.message_post(
            body=self.body,
            subject=self.name,
            partner_ids=self._get_recipients().ids,
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _render_body(self):
        self.ensure_one()
        stats = self.env["duban.statistics"]
        domain = stats._period_domain(self.date_from, self.date_to, self.office_id)
        by_unit = stats._figures_by(domain)
        return self.env["ir.qweb"]._render(
            "duban_reports.duban_circular_body",
            {
                "circular": self,
                "totals": stats._totals(domain),
                "by_unit": sorted(by_unit.items(), key=lambda kv: -kv[1]["rate"]),
                "overdue": stats._overdue_items(domain),
            },
        )

    def _get_activity_type_xmlids(self):
        return ["duban_reports.mail_act_duban_circular"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "to_approve":
            return []
        return [
            {
                "type": "duban_reports.mail_act_duban_circular",
                "user": self.approver_id,
                "summary": self.env._("Approve the circular %(name)s", name=self.name),
            }
        ]
