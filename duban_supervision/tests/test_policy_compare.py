from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestSameScenarioTwoPresets(DubanCase):
    """One Odoo, two institutions: the same scenario in an EC and an RI company, side by side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.ec = cls._company_org("区教委", "policy_education")
        cls.ri = cls._company_org("植保所", "policy_institute")

    def _run(self, org):
        """Register on 10 March an instruction received on 2 March, sign, issue, report and close an
        ordinary special item; what the company's rules decided along the way."""
        seen = {}
        with freeze_time("2026-03-10"):
            item = self._org_item(
                org,
                date_deadline=None,
                date_received="2026-03-02",
                date_registered="2026-03-10",
                co_department_ids=[],
            )
            seen["proposed"] = (item.deadline_mode, item.deadline_days)
            seen["late"] = item.registered_late
            if not item.date_deadline:
                # EC proposes no time limit: the office gives the date
                item.with_user(org.officer).date_deadline = date(2026, 3, 27)
            item.action_submit()
            seen["reviewed by"] = item.pre_sign_pending and item._get_pre_sign_reviewer()
            if item.pre_sign_pending:
                item.with_user(org.office_head)._action_pre_sign("同意。")
            item.with_user(item.approver_id).action_approve()
            item.with_user(org.officer).action_issue()
            lead = self._lead(item)
            seen["number"] = item.number
            seen["objection until"] = lead.date_objection_limit
            lead.with_user(org.liaison).action_sign()
            report = self._report(lead, org.liaison)
            report.with_user(org.liaison).action_request_sign()
            seen["report signed by"] = report._get_signer()
            report.with_user(report._get_signer()).action_sign()
            report.with_user(org.liaison).action_submit()
            report.with_user(org.officer).action_accept()
            seen["result goes to"] = report.result_state
            self._close_item(item, org.officer)
            seen["state"] = item.state
        return seen

    def test_same_scenario_different_rules(self):
        """Each company follows its own 制度; neither's numbers, windows or signers leak into
        the other's."""
        ec, ri = self._run(self.ec), self._run(self.ri)
        self.assertEqual(ec["proposed"], ("date", 0), "EC: each item's own 办结时间")
        self.assertEqual(ri["proposed"], ("calendar_days", 10), "RI: 10日内")
        self.assertEqual((ec["late"], ri["late"]), (True, False), "EC: 5个工作日内立项")
        self.assertEqual(ec["reviewed by"], self.ec.office_head, "EC: 科室长审核")
        self.assertFalse(ri["reviewed by"])
        self.assertEqual((ec["number"], ri["number"]), ("〔2026〕1号", "〔2026〕1号"))
        self.assertEqual(ec["objection until"], date(2026, 3, 11), "EC: 1个工作日内")
        self.assertFalse(ri["objection until"])
        self.assertEqual(ec["report signed by"], self.ec.leader, "EC: 分管领导审核签字")
        self.assertEqual(ri["report signed by"], self.ri.head, "RI: 主要负责同志审签")
        self.assertEqual((ec["state"], ri["state"]), ("done", "done"))
        self.assertEqual(
            (ec["result goes to"], ri["result goes to"]), ("none", "to_read"), "RI: 呈报所领导"
        )

    def _two_units(self, org):
        """An item for two units and from the 区委/上级党委, submitted and reviewed; what the
        company's rules then ask for."""
        org.office.duban_office_role = "office"
        item = self._org_item(
            org, source="superior", source_body="party", instructing_leader_id=None
        )
        item.action_submit()
        if item.pre_sign_pending:
            item.with_user(org.office_head)._action_pre_sign("同意。")
        return item

    def test_same_two_unit_item_routed_named_and_urged_differently(self):
        """EC: the 主要领导 names the lead unit before the 分管领导 signs, only 电话/督办函/
        催办提示单; RI: the 所领导 names it while signing, and urges by e-mail too."""
        ec_item, ri_item = self._two_units(self.ec), self._two_units(self.ri)
        self.assertEqual(ri_item.office_id, self.ri.office, "RI 三(一): everything to 所办公室")
        self.assertEqual(ec_item.office_id, self.ec.office, "EC: no 秘书科 here, the clerk's stays")
        self.assertEqual(ec_item.activity_ids.user_id, self.ec.principal)
        with self.assertRaises(UserError):
            ec_item.with_user(self.ec.leader).action_approve()
        self.assertEqual(ri_item.activity_ids.user_id, self.ri.leader)
        ri_item.with_user(self.ri.leader).action_approve()
        self.assertEqual(ri_item.lead_named_by_id, self.ri.leader)
        ec_item.with_user(self.ec.principal)._name_lead_unit(self.ec.co_unit, self.ec.unit)
        ec_item.with_user(self.ec.leader).action_approve()
        self.assertEqual(ec_item.lead_department_id, self.ec.co_unit)
        for org, item in ((self.ec, ec_item), (self.ri, ri_item)):
            item.with_user(org.officer).action_issue()
        Urge = self.env["duban.urge"]
        Urge.with_user(self.ri.officer).create(
            {"assignment_id": self._lead(ri_item).id, "method": "email", "content": "<p>邮件</p>"}
        )
        with self.assertRaises(ValidationError):
            Urge.with_user(self.ec.officer).create(
                {
                    "assignment_id": self._lead(ec_item).id,
                    "method": "email",
                    "content": "<p>邮件</p>",
                }
            )
