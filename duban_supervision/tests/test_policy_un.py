from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestPolicyUniversity(DubanCase):
    """UN, 行政督查督办暂行办法: a company on its preset runs the procedure end to end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.un = cls._company_org("师范学院", "policy_university")

    def test_procedure_end_to_end(self):
        """三(一) 拟办意见 by the office head, then 校长或分管领导; 通师督字[2026]第1号; no objection;
        三(五) the unit reports in writing without a signature step; 四(二)... principal extends."""
        org = self.un
        with freeze_time("2026-03-06"):
            item = self._org_item(org, importance="major")
            self.assertEqual(item.approver_id, org.principal)
            item.action_submit()
            self.assertTrue(item.pre_sign_pending, "拟办意见 for every item, major ones too")
            with self.assertRaisesRegex(UserError, "first waits for the review"):
                item.with_user(org.principal).action_approve()
            item.with_user(org.office_head)._action_pre_sign("建议由科研处牵头办理。")
            self.assertEqual(item.pre_sign_opinion, "建议由科研处牵头办理。")
            self.assertEqual(item.pre_sign_user_id, org.office_head)
            item.with_user(org.principal).action_approve()
            item.with_user(org.officer).action_issue()
        self.assertEqual(item.number, "通师督字[2026]第1号")
        lead = self._lead(item)
        self.assertFalse(lead.date_objection_limit, "UN gives no objection")

        with freeze_time("2026-03-09"):
            # 三(二): 一般应由各单位主要负责人签收 — the head, or whom the head names
            self.assertEqual(lead.activity_ids.user_id, org.head)
            with self.assertRaisesRegex(AccessError, "signed for by the head"):
                lead.with_user(org.liaison).action_sign()
            self._name_delegate(org.head, lead, org.liaison)
            self.assertEqual(org.unit.duban_sign_delegate_id, org.liaison)
            lead.with_user(org.liaison).action_sign()
            self.assertEqual(lead.signed_by_id, org.liaison)
            request = (
                self.env["duban.extension"]
                .with_user(org.liaison)
                .create(
                    {
                        "item_id": item.id,
                        "assignment_id": lead.id,
                        "request_type": "extend",
                        "date_deadline_new": "2026-04-10",
                        "reason": "不能按时完成，书面报告进展",
                    }
                )
            )
            request.action_submit()
            with self.assertRaises(AccessError):
                request.with_user(org.officer).action_approve()
            request.with_user(org.principal).action_approve()
            report = self._report(lead, org.liaison)
            report.with_user(org.liaison).action_submit()
            self.assertEqual(report.state, "submitted", "书面报告交学校办公室, no signature step")
            self.assertEqual(item.state, "to_review")
            report.with_user(org.officer).action_accept()
            self.assertEqual(item.state, "to_close", "accepted, the office closes it (待办结)")
            # 三(五): 学校办公室负责人审阅后, 向分管校领导汇报, 同时向有关部门反馈
            self.assertEqual(report.result_state, "to_review")
            report.with_user(org.office_head)._action_result_step("符合要求。")
            report.with_user(org.leader)._action_result_step("同意办结。")
            self.assertEqual(report.result_state, "read")
            self._close_item(item, org.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual(item.date_deadline, date(2026, 4, 10))

    def test_the_principal_may_sign_any_item(self):
        """三(一) 拟办意见呈送校长或分管领导批示: the principal signs an ordinary item too."""
        org = self.un
        item = self._org_item(org)
        self.assertEqual(item.approver_id, org.leader)
        item.action_submit()
        item.with_user(org.office_head)._action_pre_sign("拟同意。")
        item.with_user(org.principal).action_approve()
        self.assertEqual(item.signed_by_id, org.principal)

    def test_no_office_head_no_submission(self):
        """Without a head of the office to give the 拟办意见, submission is refused clearly."""
        org = self.un
        org.office.manager_id = False
        item = self._org_item(org)
        with self.assertRaisesRegex(UserError, "has no head with a user account"):
            item.action_submit()
        self.assertEqual(item.state, "draft")

    def _name_delegate(self, head, assignment, user):
        """``head`` names ``user`` in the dialog of ``assignment``'s unit."""
        action = assignment.with_user(head).action_name_sign_delegate()
        wizard = (
            self.env[action["res_model"]]
            .with_user(head)
            .with_context(**action["context"])
            .create({"user_id": user.id})
        )
        return wizard.action_confirm()

    def test_only_the_head_names_a_delegate_from_the_unit(self):
        """三(二): the delegate is named by the unit's head, from the unit's own people; the
        others are refused with the unit named, and nothing changes."""
        org = self.un
        item = self._org_issued_item(org)
        lead = self._lead(item)
        self.assertTrue(lead.head_signs_for)
        self.assertTrue(lead.with_user(org.head).can_name_delegate)
        self.assertFalse(lead.with_user(org.liaison).can_name_delegate)
        with self.assertRaises(AccessError):
            self._name_delegate(org.liaison, lead, org.liaison)
        with self.assertRaises(AccessError):
            org.unit.with_user(org.officer)._duban_name_sign_delegate(org.liaison)
        with self.assertRaisesRegex(UserError, "does not work in"):
            self._name_delegate(org.head, lead, org.co_liaison)
        self.assertFalse(org.unit.duban_sign_delegate_id)
        self.assertFalse(item.with_user(org.liaison).can_sign_for)
        self.assertTrue(item.with_user(org.head).can_sign_for)
        lead.with_user(org.head).action_sign()
        self.assertEqual(lead.state, "in_progress")

    def test_summary_cadence(self):
        """三(六): 不定期通报 — circulated by hand, never on a schedule; no report after closing."""
        policy = self.un.company._duban_policy()
        for day in (date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 8, 3)):
            self.assertEqual(policy._summaries_due(day), [])
        self.assertFalse(policy._closing_report_needed("major"))
        self.assertEqual(policy.decision_report_rhythm, "none")
