from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RESULT_STATES = [
    ("none", "Not reported up"),
    ("to_review", "To review by the office head"),
    ("to_read", "To read by the leader"),
    ("read", "Read by the leader"),
]


class DubanReport(models.Model):
    """Results go up to the leaders, as the company's rules say (``result_reporting``).

    RI 四(二)5: 报告应按要求报送所办公室, 由所办公室呈报所领导 — each accepted report goes to the
    institute leader who signed the notice. UN 三(五): 办理结果符合要求的, 学校办公室负责人审阅后,
    及时向分管校领导汇报, 同时向有关部门反馈 — the office head reviews the accepted completion
    report, the leader in charge of the lead unit reads it, and the units hear of it; a report
    saying why the work cannot be finished (确实难以办结) goes up the same way. EC: none.
    Each step is an activity, its 意见 and a line in the chatter.
    """

    _inherit = "duban.report"

    result_state = fields.Selection(
        RESULT_STATES,
        string="Reported to the leaders",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Where the accepted report is on its way up to the leaders, as the rules require.",
    )
    result_reviewer_id = fields.Many2one(
        "res.users", string="Reviewed for the leaders by", readonly=True, copy=False
    )
    result_review_opinion = fields.Text(
        string="Office head's opinion on the result", readonly=True, copy=False
    )
    result_leader_id = fields.Many2one("res.users", string="Reported to", readonly=True, copy=False)
    result_leader_opinion = fields.Text(string="Leader's opinion", readonly=True, copy=False)
    result_date_read = fields.Date(string="Read by the leader on", readonly=True, copy=False)
    can_result_step = fields.Boolean(compute="_compute_can_result_step")

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "result_state",
            "result_reviewer_id",
            "result_review_opinion",
            "result_leader_id",
            "result_leader_opinion",
            "result_date_read",
        }

    @api.depends_context("uid")
    @api.depends("result_state", "result_reviewer_id", "result_leader_id")
    def _compute_can_result_step(self):
        for report in self:
            report.can_result_step = report._get_result_step_user() == self.env.user

    # ---- Actions ----

    def _action_accept(self, opinion):
        result = super()._action_accept(opinion)
        self._start_result_reporting()
        return result

    def action_result_step(self):
        """Open the dialog for the office head's review or the leader's reading, with 意见."""
        self.ensure_one()
        self._check_result_step_rights()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report the result to the leaders"),
            "res_model": "duban.result.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }

    def _action_result_step(self, opinion):
        """The office head's review passes the result on to the leader; the leader's reading
        ends it, and the units concerned hear of it."""
        self.ensure_one()
        self._check_result_step_rights()
        if self.result_state == "to_review":
            self._write_transition(
                {
                    "result_state": "to_read",
                    "result_reviewer_id": self.env.user.id,
                    "result_review_opinion": opinion,
                }
            )
            body = self.env._(
                "%(user)s reviewed the result and reported it to %(leader)s: %(opinion)s",
                user=self.env.user.name,
                leader=self.result_leader_id.name,
                opinion=opinion,
            )
        else:
            self._write_transition(
                {
                    "result_state": "read",
                    "result_leader_opinion": opinion,
                    "result_date_read": fields.Date.context_today(self),
                }
            )
            body = self.env._(
                "%(leader)s read the result: %(opinion)s",
                leader=self.env.user.name,
                opinion=opinion,
            )
            if self.company_id._duban_policy().result_reporting == "office_head":
                self._feed_result_back(opinion)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._activity_sync()

    # ---- Business methods ----

    def _start_result_reporting(self):
        for report in self:
            mode = report.company_id._duban_policy().result_reporting
            item = report.item_id
            leader = item.signed_by_id or item.approver_id
            if mode == "office" and report.role == "lead":
                vals = {"result_state": "to_read", "result_leader_id": leader.id}
            # 确实难以办结的: the unit's written report of its progress and why it cannot finish
            # goes up the same way (由学校办公室负责人向校领导汇报)
            elif mode == "office_head" and (
                report.report_type == "completion" or report.delay_reason
            ):
                vals = {
                    "result_state": "to_review",
                    "result_reviewer_id": item._get_pre_sign_reviewer().id,
                    # 分管校领导: the leader in charge of the lead unit, or else the signer
                    "result_leader_id": (item.lead_department_id.duban_leader_id or leader).id,
                }
            else:
                continue
            report._write_transition(vals)
            report.message_post(
                body=self.env._(
                    "Accepted, the result goes up to the leaders (%(leader)s).",
                    leader=report.result_leader_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._activity_sync()

    def _get_result_step_user(self):
        self.ensure_one()
        if self.result_state == "to_review":
            return self.result_reviewer_id
        if self.result_state == "to_read":
            return self.result_leader_id
        return self.env["res.users"]

    def _check_result_step_rights(self):
        for report in self:
            user = report._get_result_step_user()
            if not user:
                raise UserError(
                    self.env._(
                        "The result of “%(item)s” waits for no step.",
                        item=report.item_id.display_name,
                    )
                )
            if not self.env.su and user != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(user)s takes the result of “%(item)s” further now.",
                        user=user.name,
                        item=report.item_id.display_name,
                    )
                )

    def _feed_result_back(self, opinion):
        """UN 三(五): 同时向有关部门反馈 — every unit of the item hears the leader's reading."""
        self.ensure_one()
        for assignment in self.item_id.assignment_ids._current():
            # sudo: the office tells each unit on its own assignment, which it may not edit
            assignment.sudo().message_post(
                body=self.env._(
                    "The result was reported to %(leader)s: %(opinion)s",
                    leader=self.result_leader_id.name,
                    opinion=opinion,
                ),
                partner_ids=(assignment.liaison_id | assignment.head_id).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _get_activity_type_xmlids(self):
        return [*super()._get_activity_type_xmlids(), "duban_supervision.mail_act_duban_result"]

    def _get_activity_plan(self):
        plan = super()._get_activity_plan()
        user = self._get_result_step_user()
        if user:
            label = self.item_id._get_safe_label()
            summary = (
                self.env._("Review the result of %(item)s for the leaders", item=label)
                if self.result_state == "to_review"
                else self.env._("Read the result of %(item)s", item=label)
            )
            plan.append(
                {
                    "type": "duban_supervision.mail_act_duban_result",
                    "user": user,
                    "summary": summary,
                }
            )
        return plan
