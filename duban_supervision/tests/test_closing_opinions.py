import re
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestClosingIsAStep(DubanCase):
    def _reported_item(self, co_signs=False, co_reports=False):
        """An item whose lead unit reported completion; the co-unit as asked."""
        item = self._issued_item()
        self._lead(item).with_user(self.liaison).action_sign()
        co = self._co(item)
        if co_signs:
            co.with_user(self.co_liaison).action_sign()
            if co_reports:
                co_report = self._report(co, self.co_liaison, report_type="progress")
                self._sign_and_submit(co_report.with_user(self.co_liaison))
        report = self._report(self._lead(item), self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        return item, report

    def _open_dialog(self, item, user=None):
        action = item.with_user(user or self.officer).action_close()
        return (
            self.env["duban.close.wizard"]
            .with_user(user or self.officer)
            .with_context(**action["context"])
            .create({})
        )

    def test_accepting_waits_for_the_office_to_close(self):
        """Accepting the completion report moves the item to 待办结, not to 已办结."""
        item, report = self._reported_item(co_signs=True, co_reports=True)
        report.with_user(self.officer).action_accept()
        self.assertEqual(item.state, "to_close")
        self.assertFalse(item.date_done)
        self.assertEqual(item.result, "已全部完成。")
        self.assertTrue(item.with_user(self.officer).can_close)
        self.assertFalse(item.with_user(self.liaison).can_close)
        wizard = self._open_dialog(item)
        self.assertEqual(wizard.result, "已全部完成。")
        self.assertEqual(wizard.line_ids.department_id, self.unit | self.co_unit)
        self.assertFalse(wizard.needs_explanation)
        wizard.close_opinion = "同意办结"
        wizard.action_confirm()
        self.assertEqual(item.state, "done")
        self.assertEqual(item.close_opinion, "同意办结")
        self.assertEqual(set(item.assignment_ids.mapped("state")), {"done"})

    def test_a_co_unit_that_never_signed_is_named_and_not_done(self):
        """A co-unit that never signed for its share needs an explanation and is not 已办结."""
        item, report = self._reported_item()
        report.with_user(self.officer).action_accept()
        wizard = self._open_dialog(item)
        line = wizard.line_ids.filtered(lambda x: x.department_id == self.co_unit)
        self.assertTrue(line.needs_explanation)
        self.assertTrue(wizard.needs_explanation)
        with self.assertRaisesRegex(UserError, "协办科"):
            wizard.action_confirm()
        self.assertEqual(item.state, "to_close", "nothing was closed")
        line.explanation = "协办科已撤并，工作由主办科承担"
        wizard.action_confirm()
        self.assertEqual(item.state, "done")
        self.assertEqual(self._lead(item).state, "done")
        co = item.assignment_ids.filtered(lambda a: a.department_id == self.co_unit)
        self.assertEqual(co.state, "cancelled", "a unit that never signed is not marked done")
        self.assertTrue(co.message_ids.filtered(lambda m: "协办科已撤并" in m.body))
        self.assertTrue(item.message_ids.filtered(lambda m: "协办科已撤并" in m.body))

    def test_a_co_unit_that_never_reported_needs_an_explanation(self):
        """A co-unit that signed for its share but never reported is named too."""
        item, report = self._reported_item(co_signs=True)
        report.with_user(self.officer).action_accept()
        wizard = self._open_dialog(item)
        self.assertEqual(wizard.line_ids.filtered("needs_explanation").department_id, self.co_unit)

    def test_only_the_office_closes(self):
        """A liaison or an officer of another office cannot close; the result is required."""
        item, report = self._reported_item(co_signs=True, co_reports=True)
        report.with_user(self.officer).action_accept()
        with self.assertRaises(AccessError):
            item.with_user(self.liaison).action_close()
        with self.assertRaises(AccessError):
            item.with_user(self.other_officer).action_close()
        with self.assertRaisesRegex(UserError, "result"):
            item.with_user(self.officer)._close("  ", False, {})
        self.assertEqual(item.state, "to_close")

    def test_closing_only_from_to_close(self):
        """An item still under review cannot be closed."""
        item, _report = self._reported_item(co_signs=True, co_reports=True)
        with self.assertRaises(UserError):
            item.with_user(self.officer).action_close()


@tagged("post_install", "-at_install")
class TestOpinions(DubanCase):
    def _confirm_opinion(self, user, action, opinion):
        wizard = (
            self.env["duban.reason.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": opinion})
        )
        self.assertFalse(wizard.reason_required)
        return wizard.action_confirm()

    def test_sign_with_an_opinion(self):
        """The leader signs the notice with an opinion, kept on the item and in the chatter."""
        item = self._create_item()
        item.action_submit()
        action = item.with_user(self.leader).action_approve_opinion()
        self._confirm_opinion(self.leader, action, "同意，请抓紧落实")
        self.assertEqual(item.state, "approved")
        self.assertEqual(item.sign_opinion, "同意，请抓紧落实")
        self.assertTrue(item.message_ids.filtered(lambda m: "同意，请抓紧落实" in m.body))

    def test_an_opinion_is_optional(self):
        """Signing through the dialog with no opinion still signs."""
        item = self._create_item()
        item.action_submit()
        action = item.with_user(self.leader).action_approve_opinion()
        self._confirm_opinion(self.leader, action, "")
        self.assertEqual(item.state, "approved")
        self.assertFalse(item.sign_opinion)

    def test_only_the_signer_gives_the_opinion(self):
        """Another leader cannot even open the signing dialog."""
        item = self._create_item()
        item.action_submit()
        with self.assertRaises(AccessError):
            item.with_user(self.principal.copy({"login": "t_p2"})).action_approve_opinion()

    def test_accept_a_report_with_an_opinion(self):
        """The office accepts a report with its review opinion."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        self._sign_and_submit(report.with_user(self.liaison))
        action = report.with_user(self.officer).action_accept_opinion()
        self._confirm_opinion(self.officer, action, "进展良好")
        self.assertEqual(report.state, "accepted")
        self.assertEqual(report.review_note, "进展良好")

    def test_approve_an_extension_with_an_opinion(self):
        """The principal leader approves an extension with an opinion the unit is told of."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        request = (
            self.env["duban.extension"]
            .with_user(self.liaison)
            .create(
                {
                    "item_id": item.id,
                    "assignment_id": lead.id,
                    "reason": "需要更多时间",
                    "date_deadline_new": date(2026, 4, 30),
                }
            )
        )
        request.action_submit()
        self.assertTrue(request.with_user(self.principal).can_decide)
        self.assertFalse(request.with_user(self.liaison).can_decide)
        action = request.with_user(self.principal).action_approve_opinion()
        self._confirm_opinion(self.principal, action, "同意延期，不得再延")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decision_opinion, "同意延期，不得再延")
        self.assertEqual(item.date_deadline, date(2026, 4, 30))
        self.assertTrue(request.message_ids.filtered(lambda m: "不得再延" in m.body))


@tagged("post_install", "-at_install")
class TestChineseNames(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(("duban_supervision", "duban_reports"))

    def test_every_display_name_reads_in_chinese(self):
        """Every duban record's display name under zh_CN has no English word."""
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self._server_records()
        # a word in lower case; codes such as the institutions' EC, RI and UN are no English
        english = re.compile(r"[A-Za-z]?[a-z]{2,}")
        checked, found = 0, []
        for name, model in env.registry.items():
            if not name.startswith("duban.") or model._abstract or model._transient:
                continue
            if not model._auto:
                continue
            for record in env[name].with_context(active_test=False).search([]):
                checked += 1
                if english.search(record.display_name or ""):
                    found.append(f"{name} {record.id}: {record.display_name}")
        self.assertGreater(checked, 50)
        self.assertFalse(found, "\n".join(found))

    def _server_records(self):
        """One of each record the server writes as it works, which the demo data has none of."""
        item = self._issued_item(report_rhythm="dates")
        self.env["duban.report.date"].create({"item_id": item.id, "date": date(2026, 3, 16)})
        self.env["duban.access.log"].create(
            {"user_id": self.officer.id, "action": "print", "item_label": item.number}
        )
        self.env["duban.notice"].create(
            {
                "user_id": self.liaison.id,
                "company_id": item.company_id.id,
                "category": "red",
                "res_model": item._name,
                "res_id": item.id,
                "item_id": item.id,
                "event_key": "display-name-test",
            }
        )
