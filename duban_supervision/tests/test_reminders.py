from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestReminders(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.Assignment = cls.env["duban.assignment"]

    def _reminders(self, assignments):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "duban.assignment"),
                ("res_id", "in", assignments.ids),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("duban_supervision.mail_act_duban_deadline").id,
                ),
            ]
        )

    def _run(self, day):
        with freeze_time(day):
            self.Assignment._cron_remind()

    def test_escalation_ladder(self):
        """Liaison before and on the day, then head, leader and principal, each once."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(co_department_ids=[], date_deadline="2026-03-20")  # a Friday
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        steps = [
            ("2026-03-17", "none", None),  # four working days ahead: quiet
            ("2026-03-18", "before", self.liaison),
            ("2026-03-20", "due", self.liaison),
            ("2026-03-23", "head", self.head),  # one working day late
            ("2026-03-24", "head", None),
            ("2026-03-25", "leader", self.leader),  # three working days late
            ("2026-03-27", "principal", self.principal),  # five
            ("2026-03-30", "principal", None),
        ]
        seen = self.env["mail.activity"]
        for day, level, user in steps:
            self._run(day)
            self.assertEqual(lead.reminder_level, level, day)
            reminders = self._reminders(lead)
            new = reminders - seen
            if user:
                self.assertEqual(new.user_id, user, day)
                self.assertEqual(len(new), 1, day)
            else:
                self.assertFalse(new, day)
            seen = reminders

    def test_inbox_speaks_the_recipients_language(self):
        """Whoever acts or runs the cron, an activity reads in its recipient's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.liaison.lang = "zh_CN"
        self.head.lang = "en_US"
        self.assertFalse(self.env.context.get("lang"))
        with freeze_time("2026-03-02"):
            item = self._issued_item(co_department_ids=[], date_deadline="2026-03-20")
        lead = self._lead(item)
        [sign_for] = lead.activity_ids.filtered(lambda a: a.user_id == self.liaison)
        self.assertEqual(sign_for.summary, f"签收{item.display_name}（办理时限2026/03/20）")
        lead.with_user(self.liaison).action_sign()
        self._run("2026-03-18")  # the cron's own language is English here
        [reminder] = self._reminders(lead)
        self.assertEqual(reminder.summary, f"{item.display_name}将于2026/03/20到期")
        self._run("2026-03-23")
        escalated = self._reminders(lead) - reminder
        self.assertEqual(escalated.user_id, self.head)
        self.assertIn("is overdue", escalated.summary, "the head reads English")

    def test_cron_is_idempotent_and_skips_closed(self):
        """Running twice sends nothing more; closed items get no reminder."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(date_deadline="2026-03-04")
            closed = self._issued_item(name="已终止", date_deadline="2026-03-04")
            action = closed.with_user(self.principal).action_cancel()
            self._confirm_reason(self.principal, action, "终止")
        self._run("2026-03-04")
        first = self._reminders(item.assignment_ids)
        self.assertEqual(len(first), 2, "both units are reminded on the day")
        self._run("2026-03-04")
        self.assertEqual(self._reminders(item.assignment_ids), first)
        self.assertFalse(self._reminders(closed.assignment_ids))

    def test_extension_restarts_the_ladder(self):
        """A moved deadline starts the reminders afresh."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(co_department_ids=[], date_deadline="2026-03-04")
        self._run("2026-03-04")
        lead = self._lead(item)
        self.assertEqual(lead.reminder_level, "due")
        item._change_deadline(item.date_deadline.replace(day=31), "延期")
        self.assertEqual(lead.reminder_level, "none")

    def _bulk_due_assignments(self, count):
        """``count`` issued items due on 4 March, made in bulk without the workflow."""
        Item = self.env["duban.item"].sudo()
        items = Item.create(
            [
                dict(
                    self._item_vals(name=f"批量事项{i}", co_department_ids=[]),
                    state="in_progress",
                    number=f"〔2026〕B{count}-{i}号",
                    date_deadline="2026-03-04",
                )
                for i in range(count)
            ]
        )
        return self.Assignment.sudo().create(
            [
                {
                    "item_id": item.id,
                    "department_id": self.unit.id,
                    "role": "lead",
                    "state": "in_progress",
                }
                for item in items
            ]
        )

    def test_query_count_does_not_grow_with_items(self):
        """The cron's queries for 500 due items are of the same order as for one."""
        counts = {}
        for count in (1, 500):
            assignments = self._bulk_due_assignments(count)
            self.env.flush_all()
            self.env.invalidate_all()
            with freeze_time("2026-03-04"):
                before = self.env.cr.sql_log_count
                self.Assignment._cron_remind()
                self.env.flush_all()
                counts[count] = self.env.cr.sql_log_count - before
            self.assertEqual(set(assignments.mapped("reminder_level")), {"due"})
            self.assertEqual(len(self._reminders(assignments)), count)
            self.Assignment.sudo().search([("id", "in", assignments.ids)]).write({"state": "done"})
        self.assertLess(counts[500], counts[1] * 3, counts)
