from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestPolicyResearchInstitute(DubanCase):
    """RI, 督办工作实施办法: a company on its preset runs the procedure end to end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.ri = cls._company_org("植保所", "policy_institute")

    def _extension(self, item, assignment, user, request_type="extend", **vals):
        request = (
            self.env["duban.extension"]
            .with_user(user)
            .create(
                {
                    "item_id": item.id,
                    "assignment_id": assignment.id,
                    "request_type": request_type,
                    "reason": "情况复杂",
                    **vals,
                }
            )
        )
        request.action_submit()
        return request

    def test_procedure_end_to_end(self):
        """五(一) 10日内 in calendar days; 四(二)2 所领导审批, no review first; no objection;
        四(二)5 主要负责同志审签 the report; 五(一) the 所办公室 extends."""
        org = self.ri
        with freeze_time("2026-03-06"):  # a Friday
            item = self._org_item(
                org, date_deadline=None, date_received="2026-03-02", date_registered="2026-03-06"
            )
            self.assertEqual((item.deadline_mode, item.deadline_days), ("calendar_days", 10))
            self.assertEqual(item.date_deadline, date(2026, 3, 16), "10 calendar days")
            self.assertFalse(item.date_registration_limit, "RI sets no registration window")
            item.action_submit()
            self.assertFalse(item.pre_sign_pending)
            self.assertEqual(item.activity_ids.user_id, org.leader)
            # 四(二)3: two units, so the 所领导 who signs names the 牵头部门 as they sign
            self.assertTrue(item.with_user(org.leader).can_name_lead)
            item.with_user(org.leader).action_approve()
            self.assertEqual(item.lead_named_by_id, org.leader)
            item.with_user(org.officer).action_issue()
        self.assertEqual(item.number, "〔2026〕1号")
        lead = self._lead(item)
        self.assertFalse(lead.date_objection_limit)
        # 四(二)3 and 六: anyone of the unit signs for the notice; 书面, 电话和邮件 only
        self.assertFalse(lead.head_signs_for)
        self.assertEqual(
            set(org.company._duban_policy().urge_method_ids.mapped("code")),
            {"letter", "phone", "email", "push"},
        )
        with freeze_time("2026-03-06"), self.assertRaisesRegex(UserError, "no objection"):
            lead.with_user(org.liaison).action_object()

        with freeze_time("2026-03-09"):
            lead.with_user(org.liaison).action_sign()
            request = self._extension(item, lead, org.liaison, date_deadline_new="2026-03-31")
            self.assertEqual(request.activity_ids.user_id, org.officer, "所办公室 decides")
            request.with_user(org.officer).action_approve()
            self.assertEqual(item.date_deadline, date(2026, 3, 31))
            report = self._report(lead, org.liaison)
            report.with_user(org.liaison).action_request_sign()
            self.assertEqual(report.activity_ids.user_id, org.head, "主要负责同志审签")
            with self.assertRaises(AccessError):
                report.with_user(org.leader).action_sign()
            report.with_user(org.head).action_sign()
            report.with_user(org.liaison).action_submit()
            report.with_user(org.officer).action_accept()
            self.assertEqual(item.state, "to_close", "accepted, the office closes it (待办结)")
            # 四(二)5: 由所办公室呈报所领导 — the leader who signed reads it, with an opinion
            self.assertEqual(
                (report.result_state, report.result_leader_id), ("to_read", org.leader)
            )
            report.with_user(org.leader)._action_result_step("已阅。")
            self.assertEqual(report.result_state, "read")
            self._close_item(item, org.officer)
        self.assertEqual(item.state, "done")

    def test_termination_stays_with_the_principal(self):
        """The office's authority is the extension only: terminating waits for the principal."""
        org = self.ri
        with freeze_time("2026-03-06"):
            item = self._org_issued_item(org, co_department_ids=[])
            lead = self._lead(item)
            lead.with_user(org.liaison).action_sign()
            request = self._extension(item, lead, org.liaison, request_type="terminate")
            self.assertEqual(request.activity_ids.user_id, org.principal)
            with self.assertRaisesRegex(AccessError, "principal leader"):
                request.with_user(org.officer).action_approve()
            request.with_user(org.principal).action_approve()
        self.assertEqual(item.state, "cancelled")

    def test_any_institute_leader_the_office_chooses_signs(self):
        """四(二)2 报所领导审批: a major item may go to the leader the office names."""
        org = self.ri
        item = self._org_item(org, importance="major")
        item.approver_id = org.leader
        item.action_submit()
        item.with_user(org.leader).action_approve()
        self.assertEqual(item.signed_by_id, org.leader)

    def test_summary_cadence(self):
        """四(二)6: a 专报 on the instructions each quarter; 五(二): annual decisions report every
        half year and before the year ends, and their progress goes to the 所领导."""
        policy = self.ri.company._duban_policy()
        self.assertEqual(
            policy._summaries_due(date(2026, 4, 1)),
            [
                ("instructions", date(2026, 1, 1), date(2026, 3, 31)),
                ("progress", date(2025, 7, 1), date(2025, 12, 31)),
            ],
        )
        self.assertEqual(
            policy._summaries_due(date(2026, 7, 1)),
            [
                ("instructions", date(2026, 4, 1), date(2026, 6, 30)),
                ("progress", date(2026, 1, 1), date(2026, 6, 30)),
            ],
        )
        self.assertFalse(policy._closing_report_needed("major"), "no report after closing")
        with freeze_time("2026-03-06"):
            decision = self._org_item(self.ri, kind="decision")
            special = self._org_item(self.ri, kind="special")
        self.assertEqual(decision.report_rhythm, "half_year", "每半年, 年底前")
        self.assertEqual(special.report_rhythm, "none")

    def test_an_administrator_sets_the_summaries_of_a_copy(self):
        """The summaries are rules like the others: set on a copy by an administrator, never on
        the preset, and checked."""
        manager = new_test_user(
            self.env, "t_policy_manager", "duban_supervision.group_duban_manager"
        )
        preset = self.env.ref("duban_supervision.policy_institute")
        copy = preset.copy({"name": "植保所督办制度（修订）"})
        copy.with_user(manager).write(
            {"summary_instructions_cadence": "half_year", "closing_report_importance": "major"}
        )
        self.assertEqual(
            copy._summaries_due(date(2026, 7, 1))[0],
            ("instructions", date(2026, 1, 1), date(2026, 6, 30)),
        )
        self.assertTrue(copy._closing_report_needed("major"))
        with self.assertRaisesRegex(UserError, "duplicate it"):
            preset.with_user(manager).write({"summary_instructions_cadence": "none"})
        with self.assertRaises(ValidationError):
            copy.with_user(manager).write({"closing_report_days": 0})
        with self.assertRaises(AccessError):
            copy.with_user(self.ri.officer).write({"summary_progress_cadence": "none"})
        self.assertEqual(copy.summary_progress_cadence, "half_year")
