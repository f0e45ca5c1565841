from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .duban_item import get_report_lang

SUMMARY_KINDS = [
    ("instructions", "Report on leaders' instructions"),
    ("analysis", "Supervision analysis report"),
    ("progress", "Progress of annual decisions"),
    ("closing", "Supervision report after closing"),
]
# the periodic kinds, drafted by the cron when a period of the rules' cadence ends
PERIODIC_KINDS = ("instructions", "analysis", "progress")


class DubanSummary(models.Model):
    """A summary for the leaders, drafted by the rules and reviewed by the office.

    Periodic summaries (RI 四(二)6 专报 each quarter, EC 四(四) 分析报告 each semester, RI 五(二)
    progress of annual decisions each half year) are drafted by a daily cron when their period
    ends, over every item open during the period; the office reviews the draft and its approval
    gives each leader an activity with the PDF. EC's analysis is drafted per supervising office
    and once more for the whole organization, which the office approves once every office's is.

    A report after closing (EC 四(四) 督办报告) is drafted when an important item closes, is due
    within the rules' working days, and is signed by the leader who signed the notice with an
    opinion (签发).
    """

    _name = "duban.summary"
    _description = "Supervision summary for the leaders"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _order = "date_to desc, kind, office_id, id desc"
    _check_company_auto = True
    # drafted by the rules; the office writes its text, the signing leader their opinion
    _write_table = {
        "draft": {"officer": ("name", "body")},
        "to_sign": {"leader": ("sign_opinion",)},
    }

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(SUMMARY_KINDS, required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    date_from = fields.Date(string="Period from", required=True, readonly=True)
    date_to = fields.Date(string="Period to", required=True, readonly=True)
    office_id = fields.Many2one(
        "hr.department",
        string="Supervising office",
        readonly=True,
        check_company=True,
        help="Empty: the whole organization.",
    )
    parent_id = fields.Many2one(
        "duban.summary",
        string="Merged into",
        readonly=True,
        index="btree_not_null",
        help="The organization's analysis report that merges this office's.",
    )
    child_ids = fields.One2many("duban.summary", "parent_id", string="Offices' reports")
    item_id = fields.Many2one(
        "duban.item", readonly=True, index="btree_not_null", check_company=True
    )
    date_limit = fields.Date(string="Due by", readonly=True)
    body = fields.Html(string="Text", sanitize_style=True)
    state = fields.Selection(
        [("draft", "To review"), ("to_sign", "To sign"), ("done", "Sent to the leaders")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="To review: drafted by the rules, the office checks and completes it. To sign: a "
        "report after closing waits for its leader's signature and opinion. Sent to the leaders: "
        "the leaders have it, with its PDF.",
    )
    signer_id = fields.Many2one("res.users", string="Signing leader", readonly=True)
    sign_opinion = fields.Text(string="Leader's opinion")
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed by", readonly=True)
    date_reviewed = fields.Date(string="Reviewed on", readonly=True)
    date_signed = fields.Date(string="Signed on", readonly=True)
    leader_ids = fields.Many2many("res.users", string="Sent to", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True)
    overdue = fields.Boolean(compute="_compute_overdue")
    can_approve = fields.Boolean(compute="_compute_can_buttons")
    can_submit = fields.Boolean(compute="_compute_can_buttons")
    can_sign = fields.Boolean(compute="_compute_can_buttons")

    _period_unique = models.UniqueIndex(
        "(company_id, kind, date_from, date_to, COALESCE(office_id, 0)) WHERE item_id IS NULL",
        "There is one summary of each kind per period and office.",
    )
    _item_unique = models.UniqueIndex(
        "(item_id) WHERE item_id IS NOT NULL", "An item has one report after closing."
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for summary in self:
            if summary.date_from > summary.date_to:
                raise ValidationError(
                    self.env._("The period of a summary must end after it starts.")
                )

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "signer_id",
            "reviewed_by_id",
            "date_reviewed",
            "date_signed",
            "leader_ids",
            "attachment_id",
        }

    @api.depends("state", "date_limit")
    def _compute_overdue(self):
        for summary in self:
            summary.overdue = summary._is_overdue()

    def _is_overdue(self):
        """Still a draft after its due date (read afresh: the date moves, not the record)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return bool(self.state == "draft" and self.date_limit and self.date_limit < today)

    @api.depends("state", "kind", "signer_id")
    @api.depends_context("uid")
    def _compute_can_buttons(self):
        office = self.env.user.has_group("duban_supervision.group_duban_officer")
        for summary in self:
            writable = office and summary.state == "draft" and summary.has_access("write")
            summary.can_approve = writable and summary.kind != "closing"
            summary.can_submit = (
                writable
                and summary.kind == "closing"
                and summary._get_office_head() in (self.env.user, self.env["res.users"])
            )
            summary.can_sign = summary.state == "to_sign" and summary.signer_id == self.env.user

    # ---- Drafting ----

    @api.model
    def _cron_draft_summaries(self):
        """Daily: draft each summary whose period just ended under its company's rules, once per
        period and office, and remind the office of reports after closing that are overdue."""
        today = fields.Date.context_today(self)
        # sudo: the rules draft for every company and office, whoever runs the cron
        summaries = self.sudo()._draft_periodic_summaries(today)
        self.sudo().search([("state", "=", "draft"), ("date_limit", "<", today)])._activity_sync()
        return summaries

    @api.model
    def _draft_periodic_summaries(self, today):
        wanted = []  # (company, kind, start, end, office or False)
        for company in self.env["res.company"].search([]):
            policy = company._duban_policy()
            for kind, start, end in policy._summaries_due(today):
                wanted.append((company, kind, start, end, False))
                if kind == "analysis" and policy.summary_analysis_by_office:
                    wanted += [
                        (company, kind, start, end, office)
                        for office in self._offices_with_items(company, start, end)
                    ]
        if not wanted:
            return self.browse()
        existing = {
            (company.id, kind, start, end, office.id)
            for company, kind, start, end, office in self._read_group(
                [
                    ("item_id", "=", False),
                    ("date_to", "in", list({end for *_rest, end, _office in wanted})),
                ],
                ["company_id", "kind", "date_from:day", "date_to:day", "office_id"],
            )
        }
        vals_list = [
            self._periodic_vals(company, kind, start, end, office)
            for company, kind, start, end, office in wanted
            if (company.id, kind, start, end, office.id if office else False) not in existing
        ]
        summaries = self.create(vals_list)
        summaries._link_offices_to_merged()
        summaries._activity_sync()
        return summaries

    @api.model
    def _offices_with_items(self, company, start, end):
        """The supervising offices of ``company`` with items open from ``start`` to ``end``."""
        domain = self.env["duban.statistics"]._open_during_domain(
            start, end, extra=[("company_id", "=", company.id), ("office_id", "!=", False)]
        )
        return [office for (office,) in self.env["duban.item"]._read_group(domain, ["office_id"])]

    @api.model
    def _periodic_vals(self, company, kind, start, end, office):
        return {
            "name": self._periodic_title(kind, start, end, office),
            "kind": kind,
            "company_id": company.id,
            "date_from": start,
            "date_to": end,
            "office_id": office.id if office else False,
        }

    @api.model
    def _periodic_title(self, kind, start, end, office):
        self = self.with_context(lang=get_report_lang(self.env))
        forms = self.env["duban.form"]
        label = dict(self._fields["kind"]._description_selection(self.env))[kind]
        period = forms._cn_period(start, end)
        if office:
            return self.env._(
                "%(summary)s %(period)s (%(office)s)",
                summary=label,
                period=period,
                office=office.name,
            )
        return self.env._("%(summary)s %(period)s", summary=label, period=period)

    def _link_offices_to_merged(self):
        """Each office's analysis goes to the organization's one for the same period."""
        merged = self.search(
            [
                ("kind", "=", "analysis"),
                ("office_id", "=", False),
                ("item_id", "=", False),
                ("date_to", "in", list(set(self.mapped("date_to")))),
            ]
        )
        by_period = {(m.company_id, m.date_from, m.date_to): m for m in merged}
        for summary in self.filtered(lambda s: s.kind == "analysis" and s.office_id):
            parent = by_period.get((summary.company_id, summary.date_from, summary.date_to))
            if parent:
                summary.parent_id = parent

    @api.model
    def _draft_closing_reports(self, items):
        """The report after closing of each of ``items`` its company's rules call for."""
        vals_list = []
        for item in items:
            policy = item.company_id._duban_policy()
            if not item.date_done or not policy._closing_report_needed(item.importance):
                continue
            vals_list.append(
                {
                    "name": self.with_context(lang=get_report_lang(self.env)).env._(
                        "Supervision report on %(item)s", item=item._get_safe_label()
                    ),
                    "kind": "closing",
                    "company_id": item.company_id.id,
                    "item_id": item.id,
                    "office_id": item.office_id.id,
                    "date_from": item.date_issued or item.date_registered,
                    "date_to": item.date_done,
                    "date_limit": policy._closing_report_limit(item.date_done),
                    "body": Markup("<p>%s</p>") % (item.result or ""),
                }
            )
        # sudo: the rules draft the report, whoever closed the item
        summaries = self.sudo().create(vals_list)
        summaries._activity_sync()
        return summaries

    # ---- Actions ----

    def action_approve(self):
        """The office reviewed the periodic summary: each leader gets it, with its PDF."""
        self._check_state("draft", self.env._("approve"))
        self._check_office_rights()
        if self.filtered(lambda s: s.kind == "closing"):
            raise UserError(
                self.env._("A report after closing is signed by a leader: submit it for signing.")
            )
        for summary in self:
            waiting = summary.child_ids.filtered(lambda c: c.state != "done")
            if waiting:
                raise UserError(
                    self.env._(
                        "Approve the offices' reports first: %(offices)s.",
                        offices=self.env._(", ").join(waiting.office_id.mapped("name")),
                    )
                )
        for summary in self:
            vals = {
                "state": "done",
                "reviewed_by_id": self.env.user.id,
                "date_reviewed": fields.Date.context_today(self),
            }
            if not summary.parent_id:
                vals["leader_ids"] = [fields.Command.set(summary._get_leaders().ids)]
            summary._write_transition(vals)
            summary._attach_pdf()
        self._activity_sync()
        return True

    def action_submit(self):
        """The office sends the report after closing to its leader for signing."""
        self._check_state("draft", self.env._("submit"))
        self._check_office_rights()
        for summary in self:
            if summary.kind != "closing":
                raise UserError(self.env._("Only a report after closing is signed by a leader."))
            summary._check_office_head_submits()
            signer = summary._get_closing_signer()
            if not signer:
                raise UserError(
                    self.env._(
                        "No leader signs “%(summary)s”: set the leader in charge of %(office)s, "
                        "or the company's principal leader.",
                        summary=summary.name,
                        office=summary.office_id.name or summary.company_id.name,
                    )
                )
            summary._write_transition(
                {
                    "state": "to_sign",
                    "signer_id": signer.id,
                    "reviewed_by_id": self.env.user.id,
                    "date_reviewed": fields.Date.context_today(self),
                }
            )
        self._activity_sync()
        return True

    def action_sign(self):
        """The leader signs (签发) the report after closing, with their opinion."""
        self._check_state("to_sign", self.env._("sign"))
        for summary in self:
            if not self.env.su and summary.signer_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(leader)s signs “%(summary)s”.",
                        leader=summary.signer_id.name,
                        summary=summary.name,
                    )
                )
            if not (summary.sign_opinion or "").strip():
                raise UserError(
                    self.env._("Write your opinion on “%(summary)s” first.", summary=summary.name)
                )
            summary._write_transition(
                {
                    "state": "done",
                    "date_signed": fields.Date.context_today(self),
                    "leader_ids": [fields.Command.set(summary.signer_id.ids)],
                }
            )
            summary._attach_pdf()
        self._activity_sync()
        return True

    # ---- Business methods ----

    def _check_office_rights(self):
        """Office staff review the summaries their rules let them write."""
        if self.env.su:
            return
        if not self.env.user.has_group("duban_supervision.group_duban_officer"):
            raise AccessError(self.env._("Only supervision office staff may do this."))
        self.check_access("write")

    def _get_office_head(self):
        """The head of the supervising office (负责督办科室负责人), if it has one."""
        self.ensure_one()
        # sudo: who heads the office decides who reviews, whatever the reader sees of employees
        return self.office_id.sudo().manager_id.user_id

    def _check_office_head_submits(self):
        """EC 四(四): 督办报告须经负责督办科室负责人审核, 送分管领导签发."""
        head = self._get_office_head()
        if head and head != self.env.user and not self.env.su:
            raise UserError(
                self.env._(
                    "“%(summary)s” is reviewed and submitted for signing by %(head)s, the head of "
                    "%(office)s.",
                    summary=self.name,
                    head=head.name,
                    office=self.office_id.name,
                )
            )

    def _get_leaders(self):
        """The company's leaders, who read its periodic summaries (RI: 所领导)."""
        self.ensure_one()
        leader_group = self.env.ref("duban_supervision.group_duban_leader")
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("all_group_ids", "in", leader_group.ids),
                    ("company_ids", "in", self.company_id.ids),
                    ("share", "=", False),
                ]
            )
        )

    def _get_closing_signer(self):
        """EC 四(四): 送分管领导签发; 重大事项需呈主要领导签发."""
        self.ensure_one()
        if self.item_id.importance == "major":
            return self.company_id.duban_principal_id
        return self.office_id.duban_leader_id or self.company_id.duban_principal_id

    def _get_reviewers(self):
        """Who reviews a draft: the item's officer and the office's head for a report after
        closing; the office's head (or else its officers) for an office's summary; for the
        organization's, the officers who see every item (or, without any, the company's)."""
        self.ensure_one()
        if self.kind == "closing":
            return self.item_id.user_id | self._get_office_head()
        if self._get_office_head():
            return self._get_office_head()
        Users = self.env["res.users"].sudo()
        company = [("company_ids", "in", self.company_id.ids), ("share", "=", False)]
        if self.office_id:
            officer = self.env.ref("duban_supervision.group_duban_officer")
            staff = Users.search(
                [
                    ("all_group_ids", "in", officer.ids),
                    ("employee_ids.department_id", "=", self.office_id.id),
                    *company,
                ]
            )
            if staff:
                return staff
        for group in ("group_duban_officer_all", "group_duban_officer"):
            group = self.env.ref(f"duban_supervision.{group}")
            reviewers = Users.search([("all_group_ids", "in", group.ids), *company])
            if reviewers:
                return reviewers
        return Users

    def _get_summary_values(self):
        """What the printed summary shows: the period's figures under the summary's scope."""
        self.ensure_one()
        # sudo: the summary's scope (company, office, period) is its own, not its reader's;
        # titles still print only within the reader's clearance
        wizard = (
            self.env["duban.summary.wizard"]
            .sudo()
            .with_company(self.company_id)
            .new(
                {
                    "summary_type": self.kind,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "office_id": self.office_id.id,
                    "company_id": self.company_id.id,
                }
            )
        )
        return wizard._get_summary_values()

    def _get_report_lang(self):
        return get_report_lang(self.env)

    def _attach_pdf(self):
        self.ensure_one()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            "duban_reports.action_report_duban_periodic_summary", self.ids
        )
        # sudo: the PDF belongs to the summary, which its readers may read
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.pdf",
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        self._write_transition({"attachment_id": attachment.id})
        self.message_post(
            body=self.env._(
                "Sent to %(leaders)s.", leaders=", ".join(self.leader_ids.mapped("name"))
            )
            if self.leader_ids
            else self.env._("Approved."),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _get_activity_type_xmlids(self):
        return [
            "duban_reports.mail_act_duban_summary_review",
            "duban_reports.mail_act_duban_summary_sign",
            "duban_reports.mail_act_duban_summary_read",
            "duban_reports.mail_act_duban_summary_overdue",
        ]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state == "draft":
            return self._get_review_plan()
        if self.state == "to_sign":
            return [
                {
                    "type": "duban_reports.mail_act_duban_summary_sign",
                    "user": self.signer_id,
                    "summary": self.env._("Sign the report %(name)s", name=self.name),
                }
            ]
        return [
            {
                "type": "duban_reports.mail_act_duban_summary_read",
                "user": leader,
                "summary": self.env._("Read %(name)s", name=self.name),
            }
            for leader in self.leader_ids
            if self.kind != "closing"
        ]

    def _get_review_plan(self):
        if self.kind != "closing":
            return [
                {
                    "type": "duban_reports.mail_act_duban_summary_review",
                    "user": user,
                    "summary": self.env._("Review %(name)s", name=self.name),
                }
                for user in self._get_reviewers()
            ]
        writer, head = self.item_id.user_id, self._get_office_head()
        plan = [
            {
                "type": "duban_reports.mail_act_duban_summary_review",
                "user": writer,
                "date_deadline": self.date_limit,
                "summary": self.env._(
                    "Write %(name)s by %(date)s", name=self.name, date=self.date_limit
                ),
            }
        ]
        if head and head != writer:
            plan.append(
                {
                    "type": "duban_reports.mail_act_duban_summary_review",
                    "user": head,
                    "date_deadline": self.date_limit,
                    "summary": self.env._(
                        "Review %(name)s and submit it for signing by %(date)s",
                        name=self.name,
                        date=self.date_limit,
                    ),
                }
            )
        if self._is_overdue():
            plan.append(
                {
                    "type": "duban_reports.mail_act_duban_summary_overdue",
                    "user": head or writer,
                    "summary": self.env._(
                        "Overdue since %(date)s: %(name)s", date=self.date_limit, name=self.name
                    ),
                }
            )
        return plan

    def _activity_sync(self):
        scheduled = super()._activity_sync()
        # the leaders' activity carries the PDF they read
        for activity in scheduled:
            summary = self.browse(activity.res_id)
            if summary.attachment_id:
                activity.sudo().attachment_ids = [fields.Command.link(summary.attachment_id.id)]
        return scheduled
