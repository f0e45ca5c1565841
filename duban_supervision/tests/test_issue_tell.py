from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestIssueTell(DubanCase):
    """Issuing queues the telling of the units (duban.issue.tell); the cron tells each liaison
    once, records a failure without undoing the issue, and only administrators see the queue."""

    def _told(self, assignment):
        return self.env["mail.message"].search(
            [
                ("model", "=", "duban.assignment"),
                ("res_id", "=", assignment.id),
                ("partner_ids", "in", assignment.liaison_id.partner_id.ids),
            ]
        )

    def test_the_cron_tells_each_liaison_once(self):
        item = self._issued_item()
        entry = self.env["duban.issue.tell"].search([("item_id_list", "!=", False)])[-1:]
        self.assertEqual(entry.state, "pending")
        self.assertEqual(entry.user_id, self.officer, "told as the clerk who issued")
        self.assertEqual(sorted(entry.assignment_id_list), sorted(item.assignment_ids.ids))
        self.assertIn(item.number, entry.display_name, "named by its numbers, never a title")
        self.assertNotIn(item.name, entry.display_name)
        self.assertFalse(self._told(self._lead(item)), "nobody is told before the cron runs")
        self.env["duban.issue.tell"]._cron_tell()
        self.assertEqual((entry.state, entry.attempts), ("done", 0))
        self.assertTrue(entry.date_done)
        for assignment in item.assignment_ids:
            told = self._told(assignment)
            self.assertEqual(len(told), 1, told.mapped("body"))
            self.assertIn(item.number, told.body)
        # a second run finds nothing left to tell
        self.env["duban.issue.tell"]._cron_tell()
        self.assertEqual(len(self._told(self._lead(item))), 1)

    def test_a_failure_is_recorded_retried_and_never_undoes_the_issue(self):
        item = self._issued_item()
        entry = self.env["duban.issue.tell"].search([], order="id desc", limit=1)
        Assignment = type(self.env["duban.assignment"])
        with patch.object(
            Assignment, "_notify_new_work", side_effect=RuntimeError("邮件服务器不可用")
        ):
            self.env["duban.issue.tell"]._cron_tell()
            self.assertEqual((entry.state, entry.attempts), ("pending", 1))
            self.assertIn("邮件服务器不可用", entry.last_error)
            self.env["duban.issue.tell"]._cron_tell()
            self.env["duban.issue.tell"]._cron_tell()
        self.assertEqual((entry.state, entry.attempts), ("failed", 3))
        self.assertEqual(item.state, "issued")
        self.assertTrue(item.number)
        self.assertFalse(self._told(self._lead(item)), "the failed attempts left nothing half-told")

    def test_only_administrators_see_the_queue_and_nobody_writes_it(self):
        self._issued_item()
        Tell = self.env["duban.issue.tell"]
        entry = Tell.search([], order="id desc", limit=1)
        for user in (self.liaison, self.officer, self.leader):
            with self.assertRaises(AccessError, msg=user.login):
                Tell.with_user(user).search([])
        manager = new_test_user(self.env, "t_tell_manager", "duban_supervision.group_duban_manager")
        self.assertEqual(Tell.with_user(manager).search([("id", "=", entry.id)]), entry)
        with self.assertRaises(AccessError):
            entry.with_user(manager).write({"state": "done"})
        with self.assertRaises(AccessError):
            Tell.with_user(manager).create({"user_id": manager.id})
