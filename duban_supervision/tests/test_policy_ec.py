from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestPolicyEducationCommission(DubanCase):
    """EC, 加强督办工作实施方案: a company on its preset runs the procedure end to end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.ec = cls._company_org("区教委", "policy_education")
        cls.later_unit = cls.env["hr.department"].create(
            {
                "name": "区教委后加单位",
                "company_id": cls.ec.company.id,
                "duban_liaison_id": cls.ec.co_liaison.id,
            }
        )

    def test_procedure_end_to_end(self):
        """四(一) register within 5 working days, 科室长 审核, 分管领导 签发, 〔2026〕1号; 附件1 one
        working day to object; 四(二) 分管领导审核签字 on the report; closing."""
        org = self.ec
        with freeze_time("2026-03-10"):
            item = self._org_item(org, date_received="2026-03-02", date_registered="2026-03-10")
            self.assertEqual(item.date_registration_limit, date(2026, 3, 9))
            self.assertTrue(item.registered_late, "四(一): 5个工作日内确定督办事项")
            self.assertEqual(item.approver_id, org.leader, "一般事项: 分管领导签发")
            item.action_submit()
            self.assertTrue(item.pre_sign_pending, "一般事项由负责督办科室长审核")
            self.assertEqual(item.activity_ids.user_id, org.office_head)
            with self.assertRaisesRegex(UserError, "first waits for the review"):
                item.with_user(org.leader).action_approve()
            with self.assertRaises(AccessError):
                item.with_user(org.officer)._action_pre_sign("同意")
            action = item.with_user(org.office_head).action_pre_sign()
            self._confirm_reason(org.office_head, action, "经审核，同意交办。")
            self.assertEqual(
                (item.pre_sign_opinion, item.pre_sign_user_id, item.pre_sign_date),
                ("经审核，同意交办。", org.office_head, date(2026, 3, 10)),
            )
            # 四(三): two units, so the 主要领导 names the 主办 and 协办 before the 分管领导 signs
            self.assertEqual(item.activity_ids.user_id, org.principal)
            with self.assertRaisesRegex(UserError, "first names its lead unit"):
                item.with_user(org.leader).action_approve()
            item.with_user(org.principal)._name_lead_unit(org.unit, org.co_unit)
            self.assertEqual(item.lead_named_by_id, org.principal)
            self.assertEqual(item.activity_ids.user_id, org.leader)
            item.with_user(org.leader).action_approve()
            item.with_user(org.officer).action_issue()
        self.assertEqual(item.number, "〔2026〕1号")
        lead = self._lead(item)
        self.assertEqual(lead.date_objection_limit, date(2026, 3, 11), "附件1: 1个工作日内")

        with freeze_time("2026-03-11"):
            lead.with_user(org.liaison).action_sign()
            report = self._report(lead, org.liaison)
            report.with_user(org.liaison).action_request_sign()
            self.assertEqual(report.activity_ids.user_id, org.leader, "分管领导审核签字")
            with self.assertRaisesRegex(AccessError, "leader in charge"):
                report.with_user(org.head).action_sign()
            report.with_user(org.leader).action_sign()
            self.assertEqual(report.signed_by_id, org.leader)
            report.with_user(org.liaison).action_submit()
            report.with_user(org.officer).action_accept()
            self.assertEqual(item.state, "to_close", "accepted, the office closes it (待办结)")
            self._close_item(item, org.officer)
        self.assertEqual(item.state, "done")

    def test_major_items_go_to_the_principal_without_review(self):
        """四(一): 重大事项需呈主要领导签发 — no leader in charge may be set to sign one."""
        org = self.ec
        item = self._org_item(org, importance="major")
        self.assertEqual(item.approver_id, org.principal)
        item.approver_id = org.leader
        with self.assertRaisesRegex(UserError, "must be signed by a principal leader"):
            item.action_submit()
        item.approver_id = org.principal
        item.action_submit()
        self.assertFalse(item.pre_sign_pending, "the 科室长's review is for 一般事项")
        with self.assertRaises(AccessError):
            item.with_user(org.leader).action_approve()
        item.with_user(org.principal).action_approve()
        self.assertEqual(item.state, "approved")

    def test_a_unit_added_later_gets_its_own_objection_window(self):
        """A unit added by a 批示 a week after the issue may object within a working day of its
        own notice, not of the first one."""
        org = self.ec
        with freeze_time("2026-03-06"):
            item = self._org_issued_item(org, co_department_ids=[])
        with freeze_time("2026-03-13"):
            added = item._add_unit(self.later_unit)
            self.assertEqual(added.date_notified, date(2026, 3, 13))
            self.assertEqual(added.date_objection_limit, date(2026, 3, 16))
        self.assertEqual(self._lead(item).date_objection_limit, date(2026, 3, 9))
        with freeze_time("2026-03-16"):
            action = added.with_user(org.co_liaison).action_object()
            self._confirm_reason(org.co_liaison, action, "不属于本单位职责")
        self.assertEqual(added.state, "returned")

    def test_only_the_principal_extends(self):
        """四(二): 调整目标、延期或终止办理的, 须经主要领导批准 — not the office."""
        org = self.ec
        with freeze_time("2026-03-06"):
            item = self._org_issued_item(org, co_department_ids=[])
            lead = self._lead(item)
            lead.with_user(org.liaison).action_sign()
            request = (
                self.env["duban.extension"]
                .with_user(org.liaison)
                .create(
                    {
                        "item_id": item.id,
                        "assignment_id": lead.id,
                        "request_type": "extend",
                        "date_deadline_new": "2026-04-10",
                        "reason": "需等待上级文件",
                    }
                )
            )
            request.action_submit()
            self.assertEqual(request.activity_ids.user_id, org.principal)
            with self.assertRaisesRegex(AccessError, "principal leader"):
                request.with_user(org.officer).action_approve()
            request.with_user(org.principal).action_approve()
        self.assertEqual(item.date_deadline, date(2026, 4, 10))

    def test_routes_methods_and_signing_for(self):
        """三(一): 主要领导批示 and 人大批转 go to 办公室, whose 分管领导 signs; 四(三) 电话、督办函、
        催办提示单; 附件1: the unit's liaison signs for the notice."""
        org = self.ec
        org.office.duban_office_role = "office"
        for origin in (
            {"source": "leader", "instructing_leader_id": org.principal.id},
            {"source": "superior", "source_body": "congress", "instructing_leader_id": None},
        ):
            item = self._org_item(org, office_id=None, **origin)
            self.assertEqual((item.office_id, item.approver_id), (org.office, org.leader))
        self.assertEqual(
            set(org.company._duban_policy().urge_method_ids.mapped("code")),
            {"phone", "letter", "prompt", "push"},
        )
        item = self._org_issued_item(org, co_department_ids=[])
        lead = self._lead(item)
        self.assertFalse(lead.head_signs_for)
        lead.with_user(org.liaison).action_sign()
        self.assertEqual(lead.state, "in_progress")

    def test_summary_cadence(self):
        """四(四): each semester's analysis per supervising office, merged by 办公室; a 督办报告
        within 5 working days of closing an important or major item."""
        policy = self.ec.company._duban_policy()
        self.assertEqual(
            policy._summaries_due(date(2026, 8, 3)),
            [("analysis", date(2026, 2, 1), date(2026, 7, 31))],
        )
        self.assertEqual(
            policy._summaries_due(date(2026, 2, 2)),
            [("analysis", date(2025, 8, 1), date(2026, 1, 31))],
        )
        self.assertTrue(policy.summary_analysis_by_office)
        self.assertEqual(
            [policy._closing_report_needed(i) for i in ("normal", "important", "major")],
            [False, True, True],
        )
        self.assertEqual(policy._closing_report_limit(date(2026, 3, 10)), date(2026, 3, 17))
        decision = self._org_item(self.ec, kind="decision")
        self.assertEqual(decision.report_rhythm, "none", "the notice sets its own reports")
