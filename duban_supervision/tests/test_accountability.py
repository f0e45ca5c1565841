from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestAccountability(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only("2026-03-01", "2026-05-31")
        cls.Measure = cls.env["duban.accountability"]

    def _overdue_urged_item(self, **overrides):
        """Issued on 2 March, due 13 March, signed for, urged on 20 March."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(co_department_ids=[], date_deadline="2026-03-13", **overrides)
            self._lead(item).with_user(self.liaison).action_sign()
        with freeze_time("2026-03-20"):
            urge = (
                self.env["duban.urge"]
                .with_user(self.officer)
                .create(
                    {
                        "assignment_id": self._lead(item).id,
                        "method": "phone",
                        "content": "<p>已超期</p>",
                    }
                )
            )
            urge.action_send()
        return item

    def _propose(self, day="2026-03-23"):
        with freeze_time(day):
            self.env["duban.item"]._refresh_traffic_lights()
            self.env["duban.assignment"]._refresh_traffic_lights()
            self.Measure._cron_propose()
        return self.Measure.search([("department_id", "=", self.unit.id)])

    def test_overdue_and_urged_proposes_a_talk(self):
        """Overdue, urged and unexplained: an admonitory talk for the unit head, proposed once."""
        item = self._overdue_urged_item()
        proposals = self._propose()
        self.assertEqual(len(proposals), 1)
        self.assertEqual(proposals.measure, "interview")
        self.assertEqual(proposals.state, "proposed")
        self.assertEqual(proposals.responsible_id, self.head)
        self.assertEqual(proposals.item_ids, item)
        self.assertEqual(
            proposals.activity_ids.user_id, self.leader, "约谈: the unit's leader in charge decides"
        )
        self.assertEqual(self._propose(), proposals, "never proposed twice")

    def test_extension_delays_the_proposal_until_the_new_limit(self):
        """An approved extension is a reasonable delay until its new limit; overrunning that
        too, the extended item is proposed again."""
        item = self._overdue_urged_item()
        with freeze_time("2026-03-12"):
            request = (
                self.env["duban.extension"]
                .with_user(self.liaison)
                .create(
                    {
                        "item_id": item.id,
                        "assignment_id": self._lead(item).id,
                        "reason": "等待上级批复",
                        "date_deadline_new": "2026-03-27",
                    }
                )
            )
            request.action_submit()
            request.with_user(self.principal).action_approve()
        self.assertFalse(self._propose("2026-03-23"))
        self.assertFalse(self._propose("2026-03-27"), "due today is not overdue")
        proposal = self._propose("2026-03-30")
        self.assertEqual(proposal.measure, "interview")
        self.assertEqual(proposal.item_ids, item)

    def test_no_proposal_when_the_delay_was_explained(self):
        """A progress report with reasons the office accepted explains the delay."""
        item = self._overdue_urged_item()
        with freeze_time("2026-03-16"):
            report = (
                self.env["duban.report"]
                .with_user(self.liaison)
                .create(
                    {
                        "name": "进展报告",
                        "assignment_id": self._lead(item).id,
                        "content": "<p>完成八成</p>",
                        "delay_reason": "供应商延迟交货",
                    }
                )
            )
            report.action_request_sign()
            report.with_user(self.head).action_sign()
            report.action_submit()
            report.with_user(self.officer).action_accept()
        self.assertFalse(self._propose())

    def test_still_unfinished_after_the_talk_proposes_criticism(self):
        """After a confirmed talk, urged again and still unfinished: a circulated criticism."""
        item = self._overdue_urged_item()
        talk = self._propose()
        with freeze_time("2026-03-24"):
            talk.with_user(self.leader).action_confirm()
        self.assertEqual(talk.state, "confirmed")
        self.assertEqual(self._propose("2026-03-25"), talk, "no criticism before a new urge")
        with freeze_time("2026-03-30"):
            urge = (
                self.env["duban.urge"]
                .with_user(self.officer)
                .create(
                    {
                        "assignment_id": self._lead(item).id,
                        "method": "letter",
                        "content": "<p>再次催办</p>",
                    }
                )
            )
            urge.action_send()
        proposals = self._propose("2026-03-31")
        criticism = proposals - talk
        self.assertEqual(criticism.measure, "criticism")
        self.assertEqual(criticism.state, "proposed")
        self.assertEqual(criticism.activity_ids.user_id, self.principal, "通报批评: 主要领导")
        with self.assertRaises(AccessError):
            criticism.with_user(self.leader).action_confirm()
        criticism.with_user(self.principal).action_confirm()
        self.assertEqual(criticism.decided_by_id, self.principal)

    def test_dismissal_needs_a_reason_and_rights(self):
        """The leader dismisses with a reason; neither the unit nor the office decides."""
        self._overdue_urged_item()
        proposal = self._propose()
        for user in (self.head, self.officer):
            with self.assertRaises(AccessError):
                proposal.with_user(user).action_confirm()
        action = proposal.with_user(self.leader).action_dismiss()
        self._confirm_reason(self.leader, action, "客观原因，已说明")
        self.assertEqual(proposal.state, "dismissed")
        self.assertEqual(proposal.decision_reason, "客观原因，已说明")
        with self.assertRaises(UserError):
            proposal.with_user(self.principal).action_confirm()
        with self.assertRaises(UserError):
            proposal.with_user(self.officer).write({"measure": "discipline"})
        with self.assertRaises(UserError):
            proposal.with_user(self.officer).unlink()

    def test_unit_sees_only_its_measures(self):
        """A liaison reads their unit's measures, never another unit's."""
        self._overdue_urged_item()
        proposal = self._propose()
        other = self.Measure.with_user(self.officer).create(
            {"measure": "explain_leader", "department_id": self.co_unit.id, "grounds": "说明情况"}
        )
        visible = self.Measure.with_user(self.liaison).search([])
        self.assertIn(proposal, visible)
        self.assertNotIn(other, visible)

    def test_my_todo_for_each_role(self):
        """'Waiting for me' shows each role what it must do next."""
        item = self._create_item()
        Item = self.env["duban.item"]
        item.action_submit()
        self.assertIn(item, Item.with_user(self.leader).search([("my_todo", "=", True)]))
        self.assertNotIn(item, Item.with_user(self.officer).search([("my_todo", "=", True)]))
        item.with_user(self.leader).action_approve()
        self.assertIn(item, Item.with_user(self.officer).search([("my_todo", "=", True)]))
        item.action_issue()
        self.assertIn(item, Item.with_user(self.liaison).search([("my_todo", "=", True)]))
        self.assertIn(item, Item.with_user(self.co_liaison).search([("my_todo", "=", True)]))
        self.assertNotIn(item, Item.with_user(self.leader).search([("my_todo", "=", True)]))
        self.assertTrue(item.with_user(self.liaison).my_todo)
