from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestLeadUnitNaming(DubanCase):
    """EC 四(三): 主要领导指明主办科室和协办科室; RI 四(二)3: 所领导确定牵头部门 — as part of
    signing a notice given to two or more units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._one_org_per_document()

    def _submitted(self, org, **overrides):
        item = self._org_item(org, **overrides)
        item.action_submit()
        if item.pre_sign_pending:
            item.with_user(org.office_head)._action_pre_sign("拟同意。")
        return item

    def _dialog(self, user, item):
        action = item.with_user(user).action_name_lead_unit()
        return Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))

    def test_ec_principal_names_the_lead_unit_before_the_leader_signs(self):
        """EC: the 分管领导 waits for the 主要领导, who swaps 主办 and 协办; recorded and told."""
        org = self.ec
        with freeze_time("2026-03-10"):
            item = self._submitted(org)
            self.assertTrue(item.lead_naming_pending)
            self.assertEqual(item.activity_ids.user_id, org.principal)
            self.assertFalse(item.with_user(org.leader).can_name_lead)
            with self.assertRaisesRegex(UserError, "first names its lead unit"):
                item.with_user(org.leader).action_approve()
            with self.assertRaises(AccessError):
                item.with_user(org.leader).action_name_lead_unit()
            self.assertTrue(item.with_user(org.principal).can_name_lead)
            dialog = self._dialog(org.principal, item)
            self.assertFalse(dialog.sign, "an ordinary item is still the 分管领导's to sign")
            dialog.lead_department_id = org.co_unit
            dialog.co_department_ids = org.unit
            dialog.save().action_confirm()
        self.assertEqual(item.lead_department_id, org.co_unit)
        self.assertEqual(item.co_department_ids, org.unit)
        self.assertEqual(
            (item.lead_named_by_id, item.lead_named_date), (org.principal, date(2026, 3, 10))
        )
        self.assertTrue(item.message_ids.filtered(lambda m: "named the lead unit" in m.body))
        self.assertEqual(item.state, "to_approve")
        self.assertEqual(item.activity_ids.user_id, org.leader)
        item.with_user(org.leader).action_approve()
        self.assertEqual(item.state, "approved")

    def test_ec_major_item_principal_confirms_while_signing(self):
        """EC 重大: the 主要领导 signs, and signing confirms the office's proposal."""
        org = self.ec
        item = self._submitted(org, importance="major")
        self.assertEqual(item.activity_ids.user_id, org.principal)
        item.with_user(org.principal).action_approve()
        self.assertEqual((item.state, item.lead_named_by_id), ("approved", org.principal))
        self.assertEqual(item.lead_department_id, org.unit)

    def test_ri_signer_names_the_lead_department_in_the_signing_dialog(self):
        """RI: the 所领导 who signs names the 牵头部门 in the same dialog, with an opinion."""
        org = self.ri
        item = self._submitted(org)
        self.assertTrue(item.with_user(org.leader).can_name_lead)
        dialog = self._dialog(org.leader, item)
        self.assertTrue(dialog.sign)
        dialog.lead_department_id = org.co_unit
        dialog.opinion = "由协办单位牵头。"
        dialog.save().action_confirm()
        self.assertEqual(item.state, "approved")
        self.assertEqual(item.lead_department_id, org.co_unit)
        self.assertEqual(item.co_department_ids, org.unit, "the former lead unit stays a co-unit")
        self.assertEqual(
            (item.lead_named_by_id, item.sign_opinion), (org.leader, "由协办单位牵头。")
        )

    def test_one_unit_or_no_rule_waits_for_no_naming(self):
        """A single unit, or UN's rules, leave the lead unit as the office proposed it."""
        single = self._submitted(self.ri, co_department_ids=[Command.clear()])
        self.assertFalse(single.lead_naming_pending)
        un_item = self._submitted(self.un)
        self.assertFalse(un_item.lead_naming_pending)
        with self.assertRaisesRegex(UserError, "waits for nobody"):
            un_item.with_user(self.un.principal).action_name_lead_unit()

    def test_bad_units_are_refused_and_nothing_changes(self):
        """No lead unit, or another company's unit: a clear error, the item untouched."""
        org = self.ec
        item = self._submitted(org)
        principal_item = item.with_user(org.principal)
        with self.assertRaisesRegex(UserError, "Name the lead unit"):
            principal_item._name_lead_unit(self.env["hr.department"], org.unit)
        with self.assertRaisesRegex(UserError, "another company"):
            principal_item._name_lead_unit(self.ri.unit, org.unit)
        self.assertEqual(item.lead_department_id, org.unit)
        self.assertFalse(item.lead_named_by_id)

    def test_naming_is_chinese_and_cleared_by_a_refusal(self):
        """The waiting leader's error is in Chinese; a refused notice is named again."""
        self._load_chinese()
        org = self.ec
        item = self._submitted(org)
        with self.assertRaisesRegex(UserError, "主办"):
            item.with_user(org.leader).with_context(lang="zh_CN").action_approve()
        item.with_user(org.principal)._name_lead_unit(org.unit, org.co_unit)
        item.with_user(org.leader)._action_refuse("请补充材料")
        self.assertFalse(item.lead_named_by_id)
        item.action_submit()
        item.with_user(org.office_head)._action_pre_sign("拟同意。")
        self.assertTrue(item.lead_naming_pending)

    def test_the_record_is_written_by_signing_only(self):
        """Who named the lead unit is not written directly, not even by the office."""
        item = self._submitted(self.ec)
        with self.assertRaises(AccessError):
            item.with_user(self.ec.officer).write({"lead_named_by_id": self.ec.principal.id})
