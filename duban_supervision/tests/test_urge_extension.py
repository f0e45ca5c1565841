from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestUrgeExtension(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.liaison.email = "liaison@unit.example.com"
        cls.head.email = "head@unit.example.com"

    def _urge(self, item, **vals):
        return (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create(
                dict(
                    {
                        "assignment_id": self._lead(item).id,
                        "method": "phone",
                        "content": "<p>请加快进度。</p>",
                    },
                    **vals,
                )
            )
        )

    def test_email_urge_sends_real_mail(self):
        """An e-mail urge produces a mail to the unit's liaison and head."""
        item = self._issued_item()
        urge = self._urge(item, method="email")
        urge.action_send()
        self.assertEqual(urge.state, "sent")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "duban.urge"),
                ("res_id", "=", urge.id),
                ("subject", "like", "督办催办"),
            ]
        )
        self.assertTrue(mails)
        self.assertEqual(mails.recipient_ids, (self.liaison | self.head).partner_id)
        for mail in mails:
            self.assertIn("请加快进度", mail.body_html)
            self.assertIn(item.number, mail.subject)
        self.assertEqual(item.urge_count, 1)
        self.assertEqual(self._lead(item).urge_count, 1)

    def test_confidential_urge_mail_carries_no_content(self):
        """A confidential item's urge e-mail names the number only."""
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", name="机密标题")
        urge = self._urge(item, method="email", content="<p>机密内容</p>")
        urge.action_send()
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "duban.urge"),
                ("res_id", "=", urge.id),
                ("subject", "like", "督办催办"),
            ]
        )
        self.assertTrue(mails)
        for mail in mails:
            self.assertNotIn("机密内容", mail.body_html)
            self.assertNotIn("机密标题", mail.body_html + mail.subject)

    def test_unit_answers_urge(self):
        """The liaison answers; only the answer is theirs to write."""
        item = self._issued_item()
        urge = self._urge(item)
        urge.action_send()
        self.assertEqual(urge.activity_ids.user_id, self.liaison)
        as_liaison = urge.with_user(self.liaison)
        with self.assertRaises(AccessError):
            as_liaison.write({"content": "<p>改写</p>"})
        with self.assertRaises(UserError):
            as_liaison.action_answer()
        as_liaison.write({"answer": "已安排专人推进，本周内报送。"})
        as_liaison.action_answer()
        self.assertEqual(urge.state, "answered")
        self.assertFalse(urge.activity_ids)
        with self.assertRaises(AccessError):
            urge.with_user(self.co_liaison).write({"answer": "别人的回复"})

    def test_urge_inputs(self):
        """An on-site inspection needs its team; nothing is urged on a closed share."""
        item = self._issued_item()
        with self.assertRaisesRegex(UserError, "inspection team"):
            self._urge(item, method="onsite").action_send()
        with self.assertRaises(AccessError):
            self._urge(item).with_user(self.liaison).action_send()

    def _request(self, item, user, **vals):
        return (
            self.env["duban.extension"]
            .with_user(user)
            .create(
                dict(
                    {
                        "item_id": item.id,
                        "assignment_id": self._lead(item).id,
                        "request_type": "extend",
                        "reason_category": "objective",
                        "reason": "汛期施工受限",
                        "date_deadline_new": "2026-04-30",
                    },
                    **vals,
                )
            )
        )

    def test_extension_approved_moves_deadline_with_history(self):
        """An approved extension moves the time limit and keeps every earlier one."""
        item = self._issued_item()
        request = self._request(item, self.liaison)
        request.action_submit()
        self.assertEqual(request.activity_ids.user_id, self.principal)
        request.with_user(self.principal).action_approve()
        self.assertEqual(item.date_deadline, date(2026, 4, 30))
        self.assertEqual(self._lead(item).date_deadline, date(2026, 4, 30))
        history = item.deadline_history_ids
        self.assertEqual(history.mapped("date_deadline"), [date(2026, 3, 20), date(2026, 4, 30)])
        self.assertEqual(history[-1].date_previous, date(2026, 3, 20))
        self.assertEqual(history[-1].extension_id, request)

    def test_extension_refused_keeps_deadline(self):
        """A refused request leaves the item as it was."""
        item = self._issued_item()
        request = self._request(item, self.liaison)
        request.action_submit()
        action = request.with_user(self.principal).action_refuse()
        self._confirm_reason(self.principal, action, "理由不充分")
        self.assertEqual(request.state, "refused")
        self.assertEqual(item.date_deadline, date(2026, 3, 20))
        self.assertEqual(len(item.deadline_history_ids), 1)

    def test_requests_lapse_when_the_item_closes(self):
        """A request undecided when its item is struck off lapses, and can no longer move the
        closed item's time limit; the principal's approval task goes with it."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        submitted = self._request(item, self.liaison)
        submitted.action_submit()
        draft = self._request(item, self.liaison, date_deadline_new="2026-05-15")
        self.assertEqual(submitted.activity_ids.user_id, self.principal)
        report = self._report(lead, self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        self._accept_and_close(report, self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual((submitted | draft).mapped("state"), ["lapsed", "lapsed"])
        self.assertFalse(submitted.activity_ids)
        with self.assertRaisesRegex(UserError, "Cannot approve"):
            submitted.with_user(self.principal).action_approve()
        self.assertEqual(item.date_deadline, date(2026, 3, 20))

    def test_termination_lapses_the_other_requests(self):
        """An approved termination leaves no other request waiting on the terminated item."""
        item = self._issued_item()
        other = self._request(item, self.liaison)
        other.action_submit()
        terminate = self._request(
            item, self.liaison, request_type="terminate", date_deadline_new=False
        )
        terminate.action_submit()
        terminate.with_user(self.principal).action_approve()
        self.assertEqual(item.state, "cancelled")
        self.assertEqual(terminate.state, "approved")
        self.assertEqual(other.state, "lapsed")

    def test_nobody_approves_their_own_request(self):
        """A liaison cannot approve a request, and a leader cannot approve their own."""
        item = self._issued_item()
        request = self._request(item, self.liaison)
        request.action_submit()
        with self.assertRaises(AccessError):
            request.with_user(self.liaison).action_approve()
        self.officer.group_ids = [(4, self.env.ref("duban_supervision.group_duban_principal").id)]
        own = self._request(item, self.officer, date_deadline_new="2026-05-30")
        own.action_submit()
        with self.assertRaises(AccessError):
            own.with_user(self.officer).action_approve()
        with self.assertRaises(AccessError):
            self._request(item, self.outsider)

    def test_extension_inputs(self):
        """A new time limit must be later; an adjustment needs its new target."""
        item = self._issued_item()
        with self.assertRaisesRegex(ValidationError, "later than"):
            self._request(item, self.liaison, date_deadline_new="2026-03-10")
        with self.assertRaisesRegex(ValidationError, "adjusted target"):
            self._request(item, self.liaison, request_type="adjust", date_deadline_new=False)

    def test_termination_request(self):
        """An approved termination cancels the item with the reason."""
        item = self._issued_item()
        request = self._request(
            item,
            self.liaison,
            request_type="terminate",
            reason="上级政策变化",
            date_deadline_new=False,
        )
        request.action_submit()
        request.with_user(self.principal).action_approve()
        self.assertEqual(item.state, "cancelled")
        self.assertEqual(item.cancel_reason, "上级政策变化")
