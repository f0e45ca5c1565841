from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestItemInputs(DubanCase):
    def test_deadline_before_registration(self):
        """A time limit before the registration date is refused."""
        with self.assertRaisesRegex(ValidationError, "cannot be earlier"):
            self._create_item(date_deadline="2026-03-01")

    def test_no_lead_unit(self):
        """An item without a lead unit cannot be submitted."""
        item = self._create_item(lead_department_id=False)
        with self.assertRaisesRegex(UserError, "lead unit"):
            item.action_submit()
        self.assertEqual(item.state, "draft")

    def test_unit_both_lead_and_co(self):
        """A unit cannot be both lead and co-unit."""
        with self.assertRaisesRegex(ValidationError, "both the lead unit and a co-unit"):
            self._create_item(co_department_ids=[(6, 0, [self.unit.id])])

    def test_unit_nobody_can_sign_for(self):
        """A unit without liaison or head is refused before the notice is lost."""
        item = self._create_item(co_department_ids=[(6, 0, [self.empty_unit.id])])
        with self.assertRaisesRegex(UserError, "neither a supervision liaison nor a head"):
            item.action_submit()

    def test_wrong_state_transitions(self):
        """Each transition is refused from the wrong state, with the state named."""
        item = self._create_item()
        with self.assertRaisesRegex(UserError, "Cannot issue"):
            item.action_issue()
        with self.assertRaises(UserError):
            item.with_user(self.leader).action_approve()
        item.action_submit()
        with self.assertRaises(UserError):
            item.action_submit()
        item.with_user(self.leader).action_approve()
        item.action_issue()
        with self.assertRaises(UserError):
            item.action_issue()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        with self.assertRaises(UserError):
            lead.with_user(self.liaison).action_sign()
        with self.assertRaises(UserError):
            lead.with_user(self.liaison).action_object()

    def test_objection_after_one_working_day(self):
        """Objecting later than one working day after the notice is refused."""
        with freeze_time("2026-03-06"):
            item = self._issued_item()
        with freeze_time("2026-03-10"), self.assertRaisesRegex(UserError, "time to object"):
            self._lead(item).with_user(self.liaison).action_object()

    def test_reason_is_required(self):
        """A refusal without a reason is refused."""
        item = self._create_item()
        item.action_submit()
        action = item.with_user(self.leader).action_refuse()
        with self.assertRaises(UserError):
            self._confirm_reason(self.leader, action, "   ")
        self.assertEqual(item.state, "to_approve")

    def test_empty_report_cannot_be_signed(self):
        """A report without text cannot go to the head."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = (
            self.env["duban.report"]
            .with_user(self.liaison)
            .create({"name": "空报告", "assignment_id": lead.id, "content": "<p><br></p>"})
        )
        with self.assertRaisesRegex(UserError, "no text"):
            report.action_request_sign()

    def test_report_before_signing_for(self):
        """A unit reports only on an assignment it has signed for."""
        item = self._issued_item()
        with self.assertRaisesRegex(UserError, "Cannot report on"):
            self.env["duban.report"].with_user(self.liaison).create(
                {"name": "过早的报告", "assignment_id": self._lead(item).id, "content": "<p>x</p>"}
            )

    def test_number_pattern_must_have_seq(self):
        """A numbering pattern without the sequence is refused."""
        policy = self.env.ref("duban_supervision.policy_education").copy()
        with self.assertRaisesRegex(ValidationError, "seq"):
            policy.number_pattern = "〔%(year)s〕号"
        with self.assertRaisesRegex(ValidationError, "not valid"):
            policy.number_pattern = "〔%(year)s〕%(number)s号"

    def test_issued_items_are_never_deleted(self):
        """Only drafts can be deleted; issued items and their assignments stay."""
        draft = self._create_item()
        draft.unlink()
        item = self._issued_item()
        with self.assertRaisesRegex(UserError, "archive"):
            item.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            item.assignment_ids.with_user(self.officer).unlink()
        item.with_user(self.officer).action_archive()
        self.assertFalse(item.active)

    def test_closed_item_never_changes(self):
        """A closed item refuses edits."""
        item = self._issued_item()
        action = item.with_user(self.principal).action_cancel()
        self._confirm_reason(self.principal, action, "终止")
        with self.assertRaisesRegex(AccessError, "may not change “Title”.*while it is Terminated"):
            item.with_user(self.officer).write({"name": "改名"})

    def test_only_decision_items_split(self):
        """Special items cannot have sub-items."""
        item = self._create_item()
        with self.assertRaises(UserError):
            item.action_split()
        with self.assertRaises(ValidationError):
            self._create_item(name="子项", parent_id=item.id)

    def test_oversized_title_and_content(self):
        """A novel as a title, or an enormous text, is refused with a clear message."""
        with self.assertRaisesRegex(ValidationError, "at most 200"):
            self._create_item(name="长" * 201)
        with self.assertRaisesRegex(ValidationError, "too long"):
            self._create_item(content="<p>" + "字" * 200_001 + "</p>")

    def test_nul_character_in_texts(self):
        """A NUL character, which the database cannot store, is refused by name, not crashed on."""
        with self.assertRaisesRegex(ValidationError, "“Title” contains an invisible NUL"):
            self._create_item(name="落实\x00措施")
        item = self._create_item()
        with self.assertRaisesRegex(ValidationError, "“Measures” contains an invisible NUL"):
            item.write({"measures": "成立专班\x00"})
        item.action_submit()
        action = item.with_user(self.leader).action_refuse()
        with self.assertRaisesRegex(ValidationError, "NUL"):
            self._confirm_reason(self.leader, action, "不同意\x00")
        self.assertEqual(item.state, "to_approve")
        self.assertFalse(item.measures)
        instruction = self.env["duban.instruction"].with_user(self.leader)
        with self.assertRaisesRegex(ValidationError, "NUL"):
            instruction.create({"item_id": item.id, "text": "\x00"})

    def test_nul_character_error_in_chinese(self):
        """The refusal names the field in the user's language."""
        self._load_chinese()
        item = self._create_item().with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "“落实措施”包含.*NUL"):
            item.write({"measures": "\x00"})

    def test_implausible_dates(self):
        """Dates far in the past or future are refused."""
        with self.assertRaisesRegex(ValidationError, "plausible"):
            self._create_item(date_registered="1999-12-31")
        with self.assertRaisesRegex(ValidationError, "plausible"):
            self._create_item(date_deadline="2300-01-01")

    def test_archived_unit_and_people(self):
        """An archived unit cannot be given an item; an archived liaison gives way to the head."""
        item = self._create_item(co_department_ids=[(6, 0, [self.other_unit.id])])
        self.other_unit.action_archive()
        with self.assertRaisesRegex(UserError, "archived"):
            item.action_submit()
        self.other_unit.action_unarchive()
        self.liaison.action_archive()
        issued = self._issued_item(co_department_ids=[])
        self.assertEqual(self._lead(issued).liaison_id, self.head)

    def test_oversized_attachment(self):
        """Attachments above the configured size are refused."""
        self.env["ir.config_parameter"].sudo().set_param("duban_supervision.attachment_max_mb", 1)
        item = self._create_item()
        with self.assertRaisesRegex(UserError, "limited to 1 MB"):
            self.env["ir.attachment"].create(
                {
                    "name": "big.bin",
                    "raw": b"0" * (2 * 1024 * 1024),
                    "res_model": "duban.item",
                    "res_id": item.id,
                }
            )
        small = self.env["ir.attachment"].create(
            {"name": "ok.txt", "raw": b"ok", "res_model": "duban.item", "res_id": item.id}
        )
        self.assertTrue(small)

    def test_script_in_title_is_escaped_in_mail(self):
        """HTML in a title reaches e-mails as text, never as markup."""
        item = self._issued_item(name="<script>alert('x')</script>")
        self.liaison.email = "liaison@unit.example.com"
        urge = (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create(
                {
                    "assignment_id": self._lead(item).id,
                    "method": "email",
                    "content": "<p>请办理</p><script>alert(2)</script>",
                }
            )
        )
        urge.action_send()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "duban.urge"),
                ("res_id", "=", urge.id),
                ("subject", "like", "督办催办"),
            ]
        )[:1]
        self.assertNotIn("<script>", mail.body_html)
        self.assertIn("&lt;script&gt;", mail.body_html)
