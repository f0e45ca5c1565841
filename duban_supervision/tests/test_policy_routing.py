from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestPolicyRouting(DubanCase):
    """EC 三(一)–(三): items go to the office the document names for their origin, and every
    routed item finds its signer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ec = cls._company_org("区教委", "policy_education")
        org = cls.ec
        org.office.duban_office_role = "office"
        cls.second_leader = new_test_user(
            cls.env,
            f"t{org.company.id}_second_leader",
            "duban_supervision.group_duban_leader",
            name="区教委另一分管领导",
            company_id=org.company.id,
            company_ids=[Command.set(org.company.ids)],
        )
        Department = cls.env["hr.department"].with_company(org.company)
        vals = {"company_id": org.company.id, "duban_is_office": True}
        cls.secretariat = Department.create(
            {
                "name": "秘书科",
                "duban_office_role": "secretariat",
                "duban_leader_id": org.leader.id,
                **vals,
            }
        )
        cls.inspection = Department.create(
            {
                "name": "督导室",
                "duban_office_role": "inspection",
                "duban_leader_id": cls.second_leader.id,
                **vals,
            }
        )
        cls.organization = Department.create(
            {"name": "组织科", "duban_office_role": "organization", **vals}
        )
        cls.director_meeting = cls.env.ref("duban_supervision.meeting_type_director_office")
        cls.committee_meeting = cls.env.ref("duban_supervision.meeting_type_working_committee")

    def _routed(self, **origin):
        """A registered item of the EC company whose office is left to the routes."""
        vals = {"office_id": None, "instructing_leader_id": None, **origin}
        return self._org_item(self.ec, **vals)

    def test_offices_follow_the_document(self):
        """三(一): 区委 → 秘书科, 区政府 → 督导室, 人大/政协 and 主要领导批示 → 办公室, other
        leaders → their office; 三(二) 主任办公会 → 办公室; 三(三) 工委会, 党建 → 组织科."""
        org = self.ec
        cases = [
            ({"source": "superior", "source_body": "party"}, self.secretariat),
            ({"source": "superior", "source_body": "government"}, self.inspection),
            ({"source": "superior", "source_body": "congress"}, org.office),
            ({"source": "superior", "source_body": "cppcc"}, org.office),
            ({"source": "leader", "instructing_leader_id": org.principal.id}, org.office),
            ({"source": "leader", "instructing_leader_id": self.second_leader.id}, self.inspection),
            ({"source": "meeting", "meeting_type_id": self.director_meeting.id}, org.office),
            (
                {"source": "meeting", "meeting_type_id": self.committee_meeting.id},
                self.organization,
            ),
            ({"source": "document", "party_work": True}, self.organization),
            (
                {"source": "leader", "instructing_leader_id": org.principal.id, "party_work": True},
                self.organization,
            ),
        ]
        for origin, office in cases:
            with self.subTest(origin=origin):
                self.assertEqual(self._routed(**origin).office_id, office)

    def test_meetings_are_told_apart(self):
        """主任办公会 and 工委会 are two meeting types, so their decisions reach two offices."""
        self.assertNotEqual(self.director_meeting, self.committee_meeting)
        item = self._routed(source="meeting", meeting_type_id=self.director_meeting.id)
        item.meeting_type_id = self.committee_meeting
        self.assertEqual(item.office_id, self.organization)

    def test_every_routed_item_has_a_signer(self):
        """The routed office's 分管领导 signs; the 主要领导 signs a 重大 item."""
        org = self.ec
        item = self._routed(source="superior", source_body="government")
        self.assertEqual(item.approver_id, self.second_leader)
        major = self._routed(source="superior", source_body="party", importance="major")
        self.assertEqual(major.approver_id, org.principal)

    def test_routed_office_without_leader_is_refused_by_name(self):
        """An item routed to an office without a 分管领导 cannot be submitted; the error names
        the office, in Chinese, and the item stays registered."""
        self._load_chinese()
        item = self._routed(source="meeting", meeting_type_id=self.committee_meeting.id)
        self.assertEqual(item.office_id, self.organization)
        self.assertFalse(item.approver_id)
        officer = item.with_user(self.ec.officer).with_context(lang="zh_CN")
        with self.assertRaisesRegex(UserError, "组织科.*没有分管领导"):
            officer.action_submit()
        self.assertEqual(item.state, "draft")
        self.organization.duban_leader_id = self.ec.leader
        # 一般事项由负责督办科室长审核 (四(一)): the office needs its head too
        self.organization.manager_id = self.env["hr.employee"].search(
            [("user_id", "=", self.ec.officer.id)], limit=1
        )
        item.invalidate_recordset()
        item.approver_id = self.ec.leader
        officer.action_submit()
        self.assertEqual(item.state, "to_approve")

    def test_major_item_without_principal_is_refused_by_company(self):
        """A 重大 item of a company without a 主要领导 names the company."""
        self.ec.company.duban_principal_id = False
        item = self._routed(source="superior", source_body="party", importance="major")
        self.ec.principal.group_ids -= self.env.ref("duban_supervision.group_duban_principal")
        item.approver_id = False
        with self.assertRaisesRegex(UserError, "区教委 has none"):
            item.with_user(self.ec.officer).action_submit()

    def test_company_rules_come_first(self):
        """A company's own routing rule wins over its supervision rules' route."""
        self.env["duban.routing.rule"].create(
            {
                "company_id": self.ec.company.id,
                "source": "superior",
                "source_body": "party",
                "office_id": self.inspection.id,
            }
        )
        self.assertEqual(
            self._routed(source="superior", source_body="party").office_id, self.inspection
        )

    def test_other_documents_route_to_their_office(self):
        """RI 三(一) 所办公室, UN 一 学校办公室: every item to the one office."""
        for preset, name in (("policy_institute", "研究所"), ("policy_university", "学院")):
            org = self._company_org(name, preset)
            org.office.duban_office_role = "office"
            item = self._org_item(org, office_id=None, source="superior", source_body="party")
            self.assertEqual(item.office_id, org.office)

    def test_presets_keep_their_routes(self):
        """A preset's routes are edited on a copy only, by administrators."""
        preset = self.env.ref("duban_supervision.policy_education")
        route = preset.route_ids[:1]
        manager = new_test_user(
            self.env, "t_route_manager", "duban_supervision.group_duban_manager"
        )
        with self.assertRaisesRegex(UserError, "preset"):
            route.with_user(manager).target = "inspection"
        copy = preset.copy()
        self.assertEqual(len(copy.route_ids), len(preset.route_ids))
        copy.route_ids[:1].with_user(manager).target = "inspection"
        self.assertEqual(copy.route_ids[:1].target, "inspection")
        with self.assertRaises(AccessError):
            copy.route_ids[:1].with_user(self.ec.officer).target = "office"
