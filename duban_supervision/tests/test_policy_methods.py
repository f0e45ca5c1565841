from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestSupervisionMethods(DubanCase):
    """Each document's supervision methods (督办方式) are the ones an urge offers and accepts:
    EC 四(三) 电话、督办函、催办提示单; RI 六 书面, 电话和邮件; UN 四 adds 调研, 工作组, 领导协调,
    质询、查表、查账."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._one_org_per_document()

    def _lead_of_issued(self, org):
        return self._lead(self._org_issued_item(org))

    def _codes(self, org):
        return set(org.company._duban_policy().urge_method_ids.mapped("code"))

    def test_each_document_offers_its_methods(self):
        """The presets list the documents' methods (and a message on a delivery channel)."""
        self.assertEqual(self._codes(self.ec), {"phone", "letter", "prompt", "push"})
        self.assertEqual(self._codes(self.ri), {"letter", "phone", "email", "push"})
        self.assertLessEqual(
            {"research", "work_group", "coordination", "inquiry", "check_forms", "check_accounts"},
            self._codes(self.un),
        )
        self.assertNotIn("research", self._codes(self.ec) | self._codes(self.ri))

    def test_urge_form_offers_the_company_methods(self):
        """The urge form offers the company's methods; choosing one sets the urge's method."""
        lead = self._lead_of_issued(self.un)
        form = Form(self.env["duban.urge"].with_user(self.un.officer))
        form.assignment_id = lead
        form.method_id = self.env.ref("duban_supervision.urge_method_research")
        self.assertEqual(form.method, "research")
        form.content = "<p>到学院调研落实情况。</p>"
        urge = form.save()
        self.assertEqual(set(urge.offered_method_ids.mapped("code")), self._codes(self.un))
        urge.action_send()
        self.assertEqual((urge.method, urge.state), ("research", "sent"))

    def test_other_methods_are_refused_over_the_api(self):
        """A method the rules do not offer is refused, in Chinese, and nothing is written."""
        self._load_chinese()
        lead = self._lead_of_issued(self.ec)
        Urge = self.env["duban.urge"].with_user(self.ec.officer).with_context(lang="zh_CN")
        count = Urge.search_count([])
        with self.assertRaisesRegex(ValidationError, "督办方式"):
            Urge.create({"assignment_id": lead.id, "method": "research", "content": "<p>调研</p>"})
        self.assertEqual(Urge.search_count([]), count)
        urge = Urge.create(
            {"assignment_id": lead.id, "method": "letter", "content": "<p>督办函</p>"}
        )
        with self.assertRaises(ValidationError):
            urge.write({"method": "email"})
        self.assertEqual(urge.method, "letter")

    def test_ri_urges_by_mail_not_by_slip(self):
        """RI 六(二) 电话和邮件督办: e-mail yes; EC's 催办提示单 no."""
        lead = self._lead_of_issued(self.ri)
        Urge = self.env["duban.urge"].with_user(self.ri.officer)
        Urge.create({"assignment_id": lead.id, "method": "email", "content": "<p>请尽快办理</p>"})
        with self.assertRaises(ValidationError):
            Urge.create({"assignment_id": lead.id, "method": "prompt"})

    def test_only_administrators_change_methods(self):
        """Units cannot choose an urge's method, nor rename the methods; administrators rename."""
        lead = self._lead_of_issued(self.ec)
        urge = (
            self.env["duban.urge"]
            .with_user(self.ec.officer)
            .create({"assignment_id": lead.id, "method": "phone", "content": "<p>电话催办</p>"})
        )
        with self.assertRaises(AccessError):
            urge.with_user(self.ec.liaison).write({"method": "letter"})
        method = self.env.ref("duban_supervision.urge_method_phone")
        with self.assertRaises(AccessError):
            method.with_user(self.ec.officer).name = "打电话"
        manager = new_test_user(
            self.env, "t_method_manager", "duban_supervision.group_duban_manager"
        )
        method.with_user(manager).name = "电话督办"
        self.assertEqual(method.name, "电话督办")
