from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from .common import DubanCase

MAIL = """Return-Path: <{sender}>
From: {sender}
To: duban@example.com
Subject: {subject}
Message-ID: <{msgid}@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

请于本月底前完成校园安全隐患排查。
--b1
Content-Type: text/plain; name="附件.txt"
Content-Disposition: attachment; filename="附件.txt"

附件内容
--b1--
"""


@tagged("post_install", "-at_install")
class TestLeadersAndIntake(DubanCase):
    def test_instruction_adds_a_unit_and_notifies(self):
        """A leader's instruction asking for an extra unit creates its assignment and tells the units."""
        item = self._issued_item(co_department_ids=[])
        instruction = (
            self.env["duban.instruction"]
            .with_user(self.leader)
            .create(
                {
                    "item_id": item.id,
                    "text": "请安全科协助办理",
                    "action": "unit",
                    "department_id": self.co_unit.id,
                }
            )
        )
        new = instruction.assignment_id
        self.assertEqual(new.department_id, self.co_unit)
        self.assertEqual(new.role, "co")
        self.assertEqual(new.activity_ids.user_id, self.co_liaison)
        self.assertIn(self.co_unit, item.co_department_ids)
        message = item.message_ids.filtered(lambda m: "请安全科协助办理" in (m.body or ""))
        self.assertTrue(message)
        self.assertIn(self.liaison.partner_id, message.partner_ids)
        self.assertEqual(item.instruction_ids, instruction)
        with self.assertRaises(UserError):
            instruction.with_user(self.leader).write({"text": "改写"})
        with self.assertRaises(AccessError):
            self.env["duban.instruction"].with_user(self.officer).create(
                {"item_id": item.id, "text": "越权"}
            )

    def test_instruction_new_deadline_and_report_request(self):
        """Instructions move the time limit or ask for a report by a date."""
        item = self._issued_item()
        self.env["duban.instruction"].with_user(self.leader).create(
            {
                "item_id": item.id,
                "text": "延至月底",
                "action": "deadline",
                "date_deadline": "2026-03-31",
            }
        )
        self.assertEqual(str(item.date_deadline), "2026-03-31")
        self.assertEqual(item.deadline_history_ids[-1].reason, "Leader's instruction: 延至月底")
        instruction = (
            self.env["duban.instruction"]
            .with_user(self.leader)
            .create(
                {
                    "item_id": item.id,
                    "text": "25日前报进展",
                    "action": "report",
                    "date_report": "2026-03-25",
                }
            )
        )
        request = instruction.request_id
        self.assertEqual(str(request.date_deadline), "2026-03-25")
        self.assertEqual(request.assignment_id, self._lead(item))
        self.assertEqual(request.activity_ids.user_id, self.liaison)
        with self.assertRaises(UserError):
            self.env["duban.instruction"].with_user(self.leader).create(
                {"item_id": self._create_item().id, "text": "x", "action": "deadline"}
            )

    def test_risk_flag_and_resolution(self):
        """A difficulty goes to the office and the leader in charge, and its resolution is kept."""
        item = self._issued_item()
        lead = self._lead(item)
        risk = (
            self.env["duban.risk"]
            .with_user(self.liaison)
            .create(
                {
                    "assignment_id": lead.id,
                    "description": "经费未到位",
                    "help_needed": "请协调财务科",
                    "help_from": "office",
                }
            )
        )
        self.assertEqual(set(risk.activity_ids.user_id.ids), {self.officer.id, self.leader.id})
        self.assertEqual(item.risk_count, 1)
        with self.assertRaises(AccessError):
            self.env["duban.risk"].with_user(self.co_liaison).create(
                {"assignment_id": lead.id, "description": "x", "help_needed": "y"}
            )
        risk.with_user(self.liaison).write({"help_needed": "请协调财务科尽快拨付"})
        with self.assertRaises(AccessError):
            risk.with_user(self.co_liaison).write({"help_needed": "别的单位改写"})
        self.assertEqual(risk.help_needed, "请协调财务科尽快拨付")
        with self.assertRaises(AccessError):
            risk.with_user(self.liaison).action_resolve() and self._confirm_reason(
                self.liaison, risk.with_user(self.liaison).action_resolve(), "已解决"
            )
        self._confirm_reason(
            self.officer, risk.with_user(self.officer).action_resolve(), "已协调拨付"
        )
        self.assertEqual(risk.state, "resolved")
        self.assertEqual(risk.resolution, "已协调拨付")
        self.assertFalse(risk.activity_ids)

    def test_periodic_requests_over_months(self):
        """A monthly rhythm opens one request a month, never twice; a missed one is overdue."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(report_rhythm="monthly", date_deadline="2026-12-31")
        Request = self.env["duban.report.request"]
        for day in ("2026-03-05", "2026-03-20", "2026-04-01", "2026-04-15", "2026-05-02"):
            with freeze_time(day):
                Request._cron_open_requests()
        requests = item.report_request_ids.sorted("date_deadline")
        self.assertEqual(requests.mapped("period_key"), ["2026-03", "2026-04", "2026-05"])
        self.assertEqual(str(requests[0].date_deadline), "2026-03-31")
        with freeze_time("2026-05-02"):
            Request._refresh_traffic_lights()
        self.assertEqual(requests[0].traffic_light, "red", "March was missed")
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        with freeze_time("2026-05-03"):
            report = (
                self.env["duban.report"]
                .with_user(self.liaison)
                .create(
                    {"name": "三月进展", "assignment_id": lead.id, "content": "<p>进展顺利</p>"}
                )
            )
            report.action_request_sign()
            report.with_user(self.head).action_sign()
            report.action_submit()
        self.assertEqual(requests[0].state, "fulfilled")
        self.assertEqual(requests[0].report_id, report)
        self.assertEqual(requests[1].state, "open")

    def test_mail_from_allowed_and_refused_senders(self):
        """An allowed sender's mail becomes a draft item with its attachment; others bounce."""
        self.env.company.duban_intake_senders = "boss@gov.example.cn, @edu.example.cn"
        alias = self.env.ref("duban_supervision.mail_alias_duban_intake")
        alias.alias_domain_id = self.env["mail.alias.domain"].create({"name": "example.com"})
        Thread = self.env["mail.thread"]
        item_id = Thread.message_process(
            False,
            MAIL.format(sender="clerk@edu.example.cn", subject="关于安全排查的通知", msgid="a1"),
        )
        item = self.env["duban.item"].browse(item_id)
        self.assertEqual(item.name, "关于安全排查的通知")
        self.assertEqual(item.state, "draft")
        self.assertIn("隐患排查", item.content)
        self.assertEqual(item.message_ids.attachment_ids.mapped("name"), ["附件.txt"])
        count = self.env["duban.item"].search_count([])
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            result = Thread.message_process(
                False, MAIL.format(sender="spam@elsewhere.example.com", subject="广告", msgid="a2")
            )
        self.assertFalse(result)
        self.assertEqual(self.env["duban.item"].search_count([]), count)
        bounce = self.env["mail.mail"].search([("email_to", "ilike", "spam@elsewhere.example.com")])
        self.assertTrue(bounce, "the sender is told politely")
        self.assertIn("未被受理", bounce.body_html)

    def test_mail_with_an_overlong_subject_is_not_lost(self):
        """A subject longer than a title becomes a shortened title; the mail keeps it whole."""
        self.env.company.duban_intake_senders = "@edu.example.cn"
        alias = self.env.ref("duban_supervision.mail_alias_duban_intake")
        alias.alias_domain_id = self.env["mail.alias.domain"].create({"name": "example.com"})
        subject = "关于" + "校园安全" * 60 + "的通知"
        item_id = self.env["mail.thread"].message_process(
            False, MAIL.format(sender="clerk@edu.example.cn", subject=subject, msgid="long")
        )
        item = self.env["duban.item"].browse(item_id)
        self.assertEqual(len(item.name), 200)
        self.assertTrue(subject.startswith(item.name))
        self.assertIn(subject, item.message_ids.mapped("subject"))
        item = self.env["duban.item"].message_new(
            {"subject": "空\x00字符", "body": "<p>正文</p>", "email_from": "clerk@edu.example.cn"}
        )
        self.assertEqual(item.name, "空字符")

    def test_register_from_a_record_links_back(self):
        """An item registered from a record points back to it, and the record to the item."""
        partner = self.env["res.partner"].create({"name": "区政府办公室"})
        # the note goes on the record's chatter as the clerk, who may post there
        self.officer.group_ids |= self.env.ref("base.group_partner_manager")
        self.env.company.duban_intake_model_ids = self.env["ir.model"]._get("res.partner")
        self.env["duban.item.intake"]._sync_bindings(self.env.company.duban_intake_model_ids)
        binding = self.env["ir.actions.act_window"].search(
            [
                ("res_model", "=", "duban.item.intake"),
                ("binding_model_id.model", "=", "res.partner"),
            ]
        )
        self.assertEqual(len(binding), 1)
        wizard = Form(
            self.env["duban.item.intake"]
            .with_user(self.officer)
            .with_context(active_model="res.partner", active_id=partner.id)
        )
        self.assertEqual(wizard.name, "区政府办公室")
        wizard.name = "落实区政府来函要求"
        action = wizard.save().action_create()
        item = self.env["duban.item"].browse(action["res_id"])
        self.assertEqual(item.source_ref, partner)
        self.assertIn(item.display_name, partner.message_ids[0].body)
        long_name = "关于" + "校园安全" * 60 + "的来函"
        letter = self.env["res.partner"].create({"name": long_name})
        wizard = Form(
            self.env["duban.item.intake"]
            .with_user(self.officer)
            .with_context(active_model="res.partner", active_id=letter.id)
        )
        self.assertEqual(wizard.name, long_name[:200])
        item = self.env["duban.item"].browse(wizard.save().action_create()["res_id"])
        self.assertIn(long_name, item.content)
        self.env["duban.item.intake"]._sync_bindings(self.env["ir.model"])
        self.assertFalse(binding.exists())
