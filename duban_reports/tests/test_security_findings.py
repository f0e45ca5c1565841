"""Issue 14, part A, reports side: circulars, exported files and printed classified items."""

import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.duban_supervision.tests.common import DubanCase


@tagged("post_install", "-at_install")
class TestCirculars(DubanCase):
    """Finding 9: self-approved circulars, read-only leaders acting, other offices' circulars."""

    def _circular(self, user=None, **values):
        return (
            self.env["duban.circular"]
            .with_user(user or self.officer)
            .create(
                {
                    "name": "关于第三季度督办工作情况的通报",
                    "date_from": "2026-07-01",
                    "date_to": "2026-09-30",
                    "office_id": self.office.id,
                    "department_ids": [(6, 0, [self.unit.id])],
                    **values,
                }
            )
        )

    def test_no_self_approval(self):
        """The officer cannot name themselves approver, nor approve what they wrote."""
        circular = self._circular(approver_id=self.officer.id)
        with self.assertRaises(UserError):
            circular.action_submit()
        self.assertEqual(circular.state, "draft")
        circular.approver_id = self.leader
        circular.action_submit()
        self.assertEqual(circular.submitted_by_id, self.officer)
        # named approver after submission, the author still cannot approve
        circular.sudo().approver_id = self.officer
        with self.assertRaises(UserError):
            circular.action_approve()
        self.assertEqual(circular.state, "to_approve")
        circular.sudo().approver_id = self.leader
        circular.with_user(self.leader).action_approve()
        self.assertEqual(circular.approved_by_id, self.leader)

    def test_approver_must_be_a_leader(self):
        """Another officer is no approver."""
        circular = self._circular(approver_id=self.other_officer.id)
        with self.assertRaises(UserError):
            circular.action_submit()

    def test_read_only_leader_cannot_submit_or_reset(self):
        """A leader reads circulars; the office submits them and takes them back."""
        circular = self._circular(approver_id=self.principal.id)
        with self.assertRaises(AccessError):
            circular.with_user(self.leader).action_submit()
        with self.assertRaises(AccessError):
            circular.with_user(self.leader).action_generate_body()
        circular.action_submit()
        with self.assertRaises(AccessError):
            circular.with_user(self.leader).action_reset_to_draft()
        self.assertEqual(circular.state, "to_approve")
        circular.action_reset_to_draft()
        self.assertEqual(circular.state, "draft")

    def test_other_office_cannot_edit_or_delete(self):
        """Another office's officer reads the circular but cannot change or delete it."""
        circular = self._circular(approver_id=self.leader.id)
        theirs = circular.with_user(self.other_officer)
        self.assertEqual(theirs.name, circular.name)
        with self.assertRaises(AccessError):
            theirs.write({"name": "篡改"})
        with self.assertRaises(AccessError):
            theirs.unlink()
        with self.assertRaises(AccessError):
            theirs.action_submit()
        self.assertEqual(circular.name, "关于第三季度督办工作情况的通报")
        circular.write({"name": "本办公室修改"})
        self.assertEqual(circular.name, "本办公室修改")


@tagged("post_install", "-at_install")
class TestExportsBelongToTheirUser(DubanCase):
    """Finding 2: the principal's ledger .xlsx was downloadable by any user from the wizard row."""

    def test_ledger_workbook_readable_by_exporter_only(self):
        """The workbook is an attachment only its exporter reads, not a field of a shared row."""
        # units given a secret item are cleared for it (refused otherwise)
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", co_department_ids=[])
        wizard = (
            self.env["duban.ledger.wizard"]
            .with_user(self.officer)
            .create({"item_ids": [(6, 0, item.ids)]})
        )
        self.assertNotIn("file_data", wizard._fields)
        action = wizard.action_export_xlsx()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        Binary = self.env["ir.binary"]
        self.assertTrue(Binary.with_user(self.officer)._find_record(res_id=attachment_id).raw)
        for user in (self.liaison, self.other_officer, self.principal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Binary.with_user(user)._find_record(res_id=attachment_id)
                self.assertFalse(self.env["duban.ledger.wizard"].with_user(user).search([]))
        log = self.env["duban.access.log"].search([("item_id", "=", item.id)])
        self.assertEqual(log.mapped("action"), ["export"])

    def test_printing_a_classified_item_is_logged(self):
        """Printing the notice of a secret item logs who printed which form."""
        # units given a secret item are cleared for it (refused otherwise)
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", co_department_ids=[])
        report = self.env["ir.actions.report"].with_user(self.officer)
        report._render_qweb_html("duban_reports.action_report_duban_notice", item.ids)
        log = self.env["duban.access.log"].search([("item_id", "=", item.id)])
        self.assertEqual((log.action, log.user_id), ("print", self.officer))
        self.assertTrue(log.detail)
