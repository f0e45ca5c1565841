from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestItemSecurity(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sub_liaison = cls.env["res.users"].create(
            {
                "name": "下属室联络人",
                "login": "t_sub_liaison",
                "group_ids": [(6, 0, [cls.env.ref("duban_supervision.group_duban_liaison").id])],
            }
        )
        cls.sub_unit.duban_liaison_id = cls.sub_liaison

    def test_liaison_sees_only_own_units_items(self):
        """A liaison reads the items of their unit and sub-units, never another unit's."""
        mine = self._issued_item(co_department_ids=[])
        theirs = self._issued_item(
            name="别人的事项", lead_department_id=self.other_unit.id, co_department_ids=[]
        )
        draft = self._create_item(name="草稿")
        Item = self.env["duban.item"].with_user(self.liaison)
        visible = Item.search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        self.assertNotIn(draft, visible, "drafts stay in the office")
        with self.assertRaises(AccessError):
            theirs.with_user(self.liaison).read(["name"])
        self.assertNotIn(mine, Item.with_user(self.outsider).search([]))

    def test_head_of_parent_unit_sees_sub_unit_items(self):
        """The head of a unit sees what its sub-units were assigned."""
        item = self._issued_item(lead_department_id=self.sub_unit.id, co_department_ids=[])
        self.assertIn(item, self.env["duban.item"].with_user(self.head).search([]))
        self.assertIn(item, self.env["duban.item"].with_user(self.sub_liaison).search([]))

    def test_member_sees_sub_unit_items_through_the_list_of_units(self):
        """A member of a unit sees what its sub-units were given, through the list of their
        units (the database's index, not a path pattern for each share), and the list follows
        the units at once: a sub-unit moved out, or a new one made under the unit."""
        member = self.env["res.users"].create(
            {
                "name": "科员",
                "login": "t_unit_member",
                "group_ids": [(6, 0, [self.env.ref("duban_supervision.group_duban_liaison").id])],
            }
        )
        self.env["hr.employee"].create(
            {"name": "科员", "user_id": member.id, "department_id": self.unit.id}
        )
        item = self._issued_item(lead_department_id=self.sub_unit.id, co_department_ids=[])
        Item = self.env["duban.item"].with_user(member)
        self.assertIn(item, Item.search([]))
        self.assertEqual(member.duban_unit_ids, self.unit | self.sub_unit)
        domain = self.env["ir.rule"].with_user(member)._compute_domain("duban.item", "read")
        self.assertNotIn("child_of", str(domain))
        self.assertRegex(str(domain), rf"'department_id', 'in', \[[\d, ]*\b{self.sub_unit.id}\b")
        self.sub_unit.parent_id = self.other_unit
        self.assertNotIn(item, Item.search([]), "moved out from under the member's unit")
        self.assertEqual(member.duban_unit_ids, self.unit)
        newcomer = self.env["hr.department"].create(
            {"name": "新设室", "parent_id": self.unit.id, "duban_liaison_id": self.outsider.id}
        )
        later = self._issued_item(lead_department_id=newcomer.id, co_department_ids=[])
        self.assertIn(later, Item.search([]), "a unit made under the member's unit")
        elsewhere = self.env["res.company"].create({"name": "另一单位"})
        self.assertIn(later, Item.search([]))
        self.env["hr.employee"].search([("user_id", "=", member.id)]).company_id = elsewhere
        self.assertNotIn(later, Item.search([]), "an employee of another company now")
        self.assertFalse(member.duban_unit_ids)

    def test_confidential_items_need_clearance(self):
        """A 秘密 item is invisible without clearance, even to its own unit."""
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", co_department_ids=[])
        self.liaison.duban_clearance = "internal"
        self.assertNotIn(item, self.env["duban.item"].with_user(self.liaison).search([]))
        with self.assertRaises(AccessError):
            item.with_user(self.liaison).read(["name"])
        self.assertFalse(
            self.env["duban.assignment"].with_user(self.liaison).search([("item_id", "=", item.id)])
        )
        self.liaison.duban_clearance = "secret"
        self.assertIn(item, self.env["duban.item"].with_user(self.liaison).search([]))

    def test_confidential_items_stay_out_of_activities(self):
        """Activities of a confidential item show its number, never its title."""
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", name="绝密标题")
        summaries = (item.activity_ids | item.assignment_ids.activity_ids).mapped("summary")
        self.assertTrue(summaries)
        self.assertFalse([s for s in summaries if "绝密标题" in s])
        self.assertTrue(all(item.number in s for s in summaries))
        self.assertNotIn("绝密标题", item.display_name)

    def test_officer_sees_own_office_items(self):
        """Office staff see their office's items; the 'all items' group sees everything."""
        item = self._create_item()
        self.assertNotIn(item, self.env["duban.item"].with_user(self.other_officer).search([]))
        self.other_officer.group_ids = [
            (4, self.env.ref("duban_supervision.group_duban_officer_all").id)
        ]
        self.assertIn(item, self.env["duban.item"].with_user(self.other_officer).search([]))

    def test_leader_sees_units_in_charge(self):
        """The leader in charge sees their units' items; the principal sees everything."""
        mine = self._issued_item(
            office_id=self.other_office.id, approver_id=self.leader.id, co_department_ids=[]
        )
        other = self._issued_item(
            name="他人分管",
            office_id=self.other_office.id,
            lead_department_id=self.co_unit.id,
            co_department_ids=[],
            importance="major",
        )
        visible = self.env["duban.item"].with_user(self.leader).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)
        self.assertIn(other, self.env["duban.item"].with_user(self.principal).search([]))

    def test_leader_sees_sub_units_of_units_in_charge_until_charge_moves(self):
        """The leader in charge of a unit sees what its sub-units were given, through the list of
        their units (not a path pattern per unit), and stops seeing it once the unit is given to
        another leader, or the sub-unit moved out from under it."""
        item = self._issued_item(
            office_id=self.other_office.id,
            lead_department_id=self.sub_unit.id,
            co_department_ids=[],
            approver_id=self.principal.id,
        )
        Item = self.env["duban.item"].with_user(self.leader)
        self.assertLessEqual(self.unit | self.sub_unit, self.leader.duban_charge_unit_ids)
        self.assertIn(item, Item.search([]))
        domain = self.env["ir.rule"].with_user(self.leader)._compute_domain("duban.item", "read")
        # the units in charge as a list of ids; child_of is left for one's own (here: no) unit
        self.assertNotRegex(str(domain), r"child_of', \[\d")
        self.assertRegex(str(domain), rf"'department_id', 'in', \[[\d, ]*\b{self.sub_unit.id}\b")
        self.sub_unit.parent_id = self.other_unit
        self.assertNotIn(item, Item.search([]), "moved out from under the unit in charge")
        self.sub_unit.parent_id = self.unit
        self.assertIn(item, Item.search([]))
        self.unit.duban_leader_id = self.principal
        self.assertNotIn(item, Item.search([]), "the unit given to another leader")
        self.assertFalse((self.unit | self.sub_unit) & self.leader.duban_charge_unit_ids)

    def test_wrong_users_are_refused(self):
        """Each step refuses the user who may not take it."""
        item = self._create_item()
        with self.assertRaises(AccessError):
            item.with_user(self.liaison).action_submit()
        item.action_submit()
        with self.assertRaises(AccessError):
            item.with_user(
                self.principal
            ).action_approve()  # ordinary item: the leader in charge signs
        with self.assertRaises(AccessError):
            item.with_user(self.officer).action_approve()
        item.with_user(self.leader).action_approve()
        with self.assertRaises(AccessError):
            item.with_user(self.leader).action_issue()
        item.action_issue()
        lead = self._lead(item)
        with self.assertRaises(AccessError):
            lead.with_user(self.co_liaison).action_sign()
        lead.with_user(self.liaison).action_sign()
        report = (
            self.env["duban.report"]
            .with_user(self.liaison)
            .create(
                {
                    "name": "报告",
                    "assignment_id": lead.id,
                    "report_type": "completion",
                    "content": "<p>完成</p>",
                }
            )
        )
        with self.assertRaises(AccessError):
            report.with_user(self.liaison).action_sign()  # only the head signs
        report.with_user(self.head).action_sign()
        report.with_user(self.liaison).action_submit()
        with self.assertRaises(AccessError):
            report.with_user(self.liaison).action_accept()
        with self.assertRaises(AccessError):
            item.with_user(self.officer).action_cancel()

    def test_workflow_fields_cannot_be_written(self):
        """State, number and signatures change only through the workflow, even over RPC."""
        item = self._create_item()
        with self.assertRaises(AccessError):
            item.with_user(self.officer).write({"state": "done"})
        with self.assertRaises(AccessError):
            item.with_user(self.officer).write({"number": "〔2026〕99号"})
        with self.assertRaises(AccessError):
            self.env["duban.item"].with_user(self.officer).create(self._item_vals(state="issued"))
        issued = self._issued_item()
        lead = self._lead(issued)
        with self.assertRaises(AccessError):
            lead.with_user(self.liaison).write({"state": "in_progress"})
        with self.assertRaises(AccessError):
            lead.with_user(self.officer).write({"department_id": self.other_unit.id})
        with self.assertRaises(AccessError):
            self.env["duban.assignment"].with_user(self.officer).create(
                {"item_id": issued.id, "department_id": self.other_unit.id}
            )

    def test_liaison_cannot_write_other_units_report(self):
        """The lead unit reads a co-unit's contribution but cannot change it."""
        item = self._issued_item()
        co = self._co(item)
        co.with_user(self.co_liaison).action_sign()
        report = (
            self.env["duban.report"]
            .with_user(self.co_liaison)
            .create({"name": "协办报告", "assignment_id": co.id, "content": "<p>协办情况</p>"})
        )
        self.assertEqual(report.with_user(self.liaison).name, "协办报告")
        with self.assertRaises(AccessError):
            report.with_user(self.liaison).write({"name": "篡改"})
        with self.assertRaises(AccessError):
            report.with_user(self.outsider).read(["name"])
