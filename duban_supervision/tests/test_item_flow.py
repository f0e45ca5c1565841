import psycopg2

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestItemFlow(DubanCase):
    def test_special_item_full_life(self):
        """A special item goes from registration to closing, each step by its own role."""
        item = self._create_item()
        self.assertEqual(item.state, "draft")
        self.assertEqual(
            item.approver_id, self.leader, "ordinary items are signed by the office's leader"
        )
        item.action_submit()
        self.assertEqual(item.state, "to_approve")
        self.assertEqual(item.activity_ids.user_id, self.leader)

        item.with_user(self.leader).action_approve()
        self.assertEqual(item.state, "approved")
        self.assertEqual(item.signed_by_id, self.leader)
        self.assertFalse(item.number, "a signed notice has no number until it is issued")
        self.assertEqual(item.activity_ids.user_id, self.officer)

        item.action_issue()
        self.assertEqual(item.state, "issued")
        self.assertRegex(item.number, r"^〔\d{4}〕\d+号$")
        self.assertEqual(len(item.assignment_ids), 2)
        lead, co = self._lead(item), self._co(item)
        self.assertEqual(lead.department_id, self.unit)
        self.assertEqual(lead.liaison_id, self.liaison)
        self.assertEqual(lead.head_id, self.head)
        self.assertEqual(lead.activity_ids.user_id, self.liaison)
        self.assertEqual(co.activity_ids.user_id, self.co_liaison)
        self.assertFalse(item.activity_ids, "the issue activity is done once issued")

        co.with_user(self.co_liaison).action_sign()
        self.assertEqual(item.state, "issued", "only the lead unit's signature starts the work")
        lead.with_user(self.liaison).action_sign()
        self.assertEqual(item.state, "in_progress")
        self.assertEqual(lead.signed_by_id, self.liaison)
        self.assertFalse(lead.activity_ids)

        contribution = self._report(co, self.co_liaison, "progress")
        self._sign_and_submit(contribution.with_user(self.co_liaison))
        self.assertEqual(contribution.state, "submitted")
        self.assertEqual(item.state, "in_progress", "a co-unit's report does not close anything")
        self.assertEqual(
            contribution.activity_ids.user_id, self.liaison, "it goes to the lead unit"
        )

        report = self._report(lead, self.liaison)
        report.with_user(self.liaison).action_request_sign()
        self.assertEqual(report.activity_ids.user_id, self.head)
        report.with_user(self.head).action_sign()
        self.assertEqual(report.signed_by_id, self.head)
        report.with_user(self.liaison).action_submit()
        self.assertEqual(item.state, "to_review")
        self.assertEqual(lead.state, "reported")
        self.assertEqual(report.activity_ids.user_id, self.officer)

        report.with_user(self.officer).action_accept()
        self.assertEqual(
            item.state, "to_close", "accepting the report leaves closing to the office"
        )
        self.assertEqual(item.activity_ids.user_id, self.officer)
        self._close_item(item, self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual(item.result, "已全部完成。")
        self.assertTrue(item.date_done)
        self.assertEqual(set(item.assignment_ids.mapped("state")), {"done"})
        self.assertFalse(report.activity_ids | contribution.activity_ids | item.activity_ids)

    def test_numbers_follow_the_year_and_pattern(self):
        """Numbers are yearly, follow the company's rules' pattern and are never given to drafts."""
        self._use_policy("policy_university", pre_sign_review="none")
        with freeze_time("2026-05-06"):
            first, second = self._issued_item(), self._issued_item(name="第二项")
        with freeze_time("2027-01-05"):
            third = self._issued_item(
                name="第三项", date_registered="2027-01-04", date_deadline="2027-02-01"
            )
        draft = self._create_item(name="草稿")
        self.assertFalse(draft.number)
        seq_first = int(first.number.split("第")[1].rstrip("号"))
        self.assertEqual(second.number, f"通师督字[2026]第{seq_first + 1}号")
        self.assertEqual(third.number, "通师督字[2027]第1号")

    def test_retried_issue_takes_one_number_and_tells_once(self):
        """An issue rolled back by a serialization failure, as Odoo does before retrying, leaves
        neither a number nor a notification behind: the retry takes the very next number and
        the liaison is told once."""
        first = self._issued_item()
        item = self._create_item(name="重试交办")
        item.action_submit()
        item.with_user(item.approver_id).action_approve()
        with (
            self.assertRaises(psycopg2.errors.SerializationFailure),
            self.env.cr.savepoint(),
        ):
            item.action_issue()
            self.assertEqual(item.number_seq, first.number_seq + 1)
            self.env.flush_all()
            self.env.cr.execute(
                "DO $$ BEGIN RAISE EXCEPTION 'concurrent update' "
                "USING ERRCODE = 'serialization_failure'; END $$"
            )
        self.env.invalidate_all()
        self.assertEqual(item.state, "approved")
        self.assertFalse(item.number or item.number_seq)
        self.assertFalse(item.assignment_ids)

        item.action_issue()
        self.assertEqual(item.number_seq, first.number_seq + 1)
        self.assertEqual(item.number_year, first.number_year)
        lead = self._lead(item)
        told = [
            ("model", "=", "duban.assignment"),
            ("res_id", "=", lead.id),
            ("partner_ids", "in", lead.liaison_id.partner_id.ids),
        ]
        self.assertFalse(self.env["mail.message"].search(told), "told only after the commit")
        # what Odoo runs after the commit (the failed attempt's work finds nothing it made)
        self._after_commit()
        told = self.env["mail.message"].search(told)
        # once: the new work's message, not also the to-do's own notification
        self.assertEqual(len(told), 1, told.mapped("body"))
        self.assertEqual(told.partner_ids, lead.liaison_id.partner_id)
        self.assertIn(item.number, told.body, "the message names the item by its number")
        self.assertIn(item.number, lead.activity_ids.summary)

    def test_major_item_is_signed_by_principal(self):
        """Major items go to the principal leader; the leader in charge cannot sign them."""
        item = self._create_item(importance="major")
        self.assertEqual(item.approver_id, self.principal)
        item.action_submit()
        item.with_user(self.principal).action_approve()
        self.assertEqual(item.state, "approved")

    def test_refusal_returns_to_draft_with_reason(self):
        """A refused notice goes back to the office with the leader's reason."""
        item = self._create_item()
        item.action_submit()
        action = item.with_user(self.leader).action_refuse()
        self._confirm_reason(self.leader, action, "措施不具体")
        self.assertEqual(item.state, "draft")
        self.assertEqual(item.refuse_reason, "措施不具体")
        self.assertFalse(item.activity_ids.filtered(lambda a: a.user_id == self.leader))
        item.action_submit()
        self.assertEqual(item.state, "to_approve")

    def test_objection_and_reassignment(self):
        """A unit objects within a working day; the office gives the share to another unit."""
        with freeze_time("2026-03-06"):  # a Friday: the objection limit is Monday
            item = self._issued_item()
            lead = self._lead(item)
            self.assertEqual(str(lead.date_objection_limit), "2026-03-09")
        with freeze_time("2026-03-09"):
            action = lead.with_user(self.liaison).action_object()
            self._confirm_reason(self.liaison, action, "不属于本科职责")
        self.assertEqual(lead.state, "returned")
        self.assertEqual(lead.objection_reason, "不属于本科职责")
        self.assertEqual(lead.activity_ids.user_id, self.officer)

        wizard = (
            self.env["duban.reassign.wizard"]
            .with_user(self.officer)
            .create({"assignment_id": lead.id, "department_id": self.other_unit.id})
        )
        wizard.action_confirm()
        self.assertEqual(lead.state, "returned", "the objected share stays 已退回")
        new_lead = lead.reassigned_id
        self.assertEqual(new_lead.department_id, self.other_unit)
        self.assertEqual(new_lead.role, "lead")
        self.assertEqual(new_lead.activity_ids.user_id, self.outsider)
        self.assertEqual(item.lead_department_id, self.other_unit)
        self.assertFalse(lead.activity_ids, "the re-assign activity is done")
        new_lead.with_user(self.outsider).action_sign()
        self.assertEqual(item.state, "in_progress")

    def test_closing_ends_an_objection_nobody_reassigned(self):
        """A co-unit's objection still waiting when the item closes is closed with it (found by
        the random workflows): no share is handed out on a closed item, no re-assign task stays."""
        with freeze_time("2026-03-06"):
            item = self._issued_item()
        lead, co = self._lead(item), self._co(item)
        with freeze_time("2026-03-09"):
            lead.with_user(self.liaison).action_sign()
            action = co.with_user(self.co_liaison).action_object()
            self._confirm_reason(self.co_liaison, action, "不属于本科职责")
        self.assertEqual(co.activity_ids.user_id, self.officer)
        report = self._report(lead, self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        self._accept_and_close(report, self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual(co.state, "cancelled")
        self.assertFalse(co.activity_ids, "the re-assign task is closed with the item")
        with self.assertRaisesRegex(UserError, "re-assign"):
            co.with_user(self.officer)._action_reassign(self.other_unit)
        self.assertEqual(len(item.assignment_ids), 2)

    def test_returned_report(self):
        """The office returns a completion report with reasons; the unit reports again."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        self.assertEqual(item.state, "to_review")
        action = report.with_user(self.officer).action_return()
        self._confirm_reason(self.officer, action, "缺少整改台账")
        self.assertEqual(report.state, "returned")
        self.assertEqual(report.review_note, "缺少整改台账")
        self.assertEqual(item.state, "in_progress")
        self.assertEqual(lead.state, "in_progress")

        report.with_user(self.liaison).write({"content": "<p>已补充整改台账。</p>"})
        self._sign_and_submit(report.with_user(self.liaison))
        self._accept_and_close(report, self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual(item.result, "已补充整改台账。")

    def test_progress_report_with_delay_reasons(self):
        """A unit that cannot finish in time reports its progress and reasons."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, "progress", "<p>已完成一半。</p>")
        report.with_user(self.liaison).write({"delay_reason": "等待上级批复经费"})
        self._sign_and_submit(report.with_user(self.liaison))
        report.with_user(self.officer).action_accept()
        self.assertEqual(report.state, "accepted")
        self.assertEqual(item.state, "in_progress", "a progress report never closes the item")

    def test_decision_item_decomposition(self):
        """A decision item splits into sub-items and closes only once they are all closed."""
        parent = self._create_item(kind="decision", source="meeting", co_department_ids=[])
        action = parent.action_split()
        with Form(
            self.env["duban.item"].with_user(self.officer).with_context(**action["context"])
        ) as form:
            form.name = "子任务一"
            form.date_registered = "2026-03-02"
            form.lead_department_id = self.co_unit
            form.date_deadline = "2026-03-15"
        child_one = form.save()
        child_two = self._create_item(
            name="子任务二",
            kind="decision",
            parent_id=parent.id,
            lead_department_id=self.other_unit.id,
            co_department_ids=[],
        )
        self.assertEqual(child_one.parent_id, parent)
        self.assertEqual(parent.child_count, 2)
        self.assertEqual(parent.child_progress, 0.0)

        for item in (parent, child_one):
            item.action_submit()
            item.with_user(self.leader).action_approve()
            item.action_issue()
        lead = self._lead(parent)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        with self.assertRaisesRegex(UserError, "子任务"):
            report.with_user(self.officer).action_accept()

        child_lead = self._lead(child_one)
        child_lead.with_user(self.co_liaison).action_sign()
        child_report = self._report(child_lead, self.co_liaison)
        self._sign_and_submit(child_report.with_user(self.co_liaison))
        self._accept_and_close(child_report, self.officer)
        action = child_two.with_user(self.principal).action_cancel()
        self._confirm_reason(self.principal, action, "并入子任务一")
        parent.invalidate_recordset(["child_progress"])
        self.assertEqual(parent.child_progress, 100.0)

        self._accept_and_close(report, self.officer)
        self.assertEqual(parent.state, "done")

    def test_termination_by_principal(self):
        """The principal leader terminates an issued item; its units stop."""
        item = self._issued_item()
        action = item.with_user(self.principal).action_cancel()
        self._confirm_reason(self.principal, action, "上级政策调整")
        self.assertEqual(item.state, "cancelled")
        self.assertEqual(item.cancel_reason, "上级政策调整")
        self.assertEqual(set(item.assignment_ids.mapped("state")), {"cancelled"})
        self.assertFalse(item.assignment_ids.activity_ids)

    def test_routing_rules_propose_the_office(self):
        """The supervising office follows the routing rules and stays editable."""
        Rule = self.env["duban.routing.rule"]
        Rule.search([]).action_archive()
        Rule.create(
            {"source": "superior", "source_body": "party", "office_id": self.other_office.id}
        )
        Rule.create({"source": "leader", "use_leader_office": True})
        self.env["hr.employee"].create(
            {"name": "分管领导", "user_id": self.leader.id, "department_id": self.office.id}
        )
        with Form(self.env["duban.item"].with_user(self.officer)) as form:
            form.name = "区委批转事项"
            form.source = "superior"
            form.source_body = "party"
            self.assertEqual(form.office_id, self.other_office)
            form.source = "leader"
            form.instructing_leader_id = self.leader
            self.assertEqual(
                form.office_id, self.office, "another leader's instruction goes to their office"
            )
            form.office_id = self.other_office
            form.lead_department_id = self.unit
        self.assertEqual(form.record.office_id, self.other_office)


@tagged("post_install", "-at_install")
class TestIssueTrail(DubanCase):
    """What issuing leaves in the chatter, with Odoo's tracking on as in production."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))

    def test_the_office_to_do_is_done_and_each_share_opens_with_its_work(self):
        item = self._create_item()
        item.action_submit()
        item.with_user(self.leader).action_approve()
        to_issue = item.activity_ids
        self.assertEqual(to_issue.user_id, self.officer)
        item.action_issue()
        self.assertFalse(to_issue.active, "the office's to-do is done")
        self.assertTrue(to_issue.date_done)
        self.assertFalse(
            item.message_ids.filtered("mail_activity_type_id"),
            "no line of its own beside the state's: 已交办 says who issued, and when",
        )
        lead = self._lead(item)
        self.assertFalse(lead.message_ids, "nothing is said of the share before its unit is told")
        self._after_commit()
        self.assertEqual(len(lead.message_ids), 1)
        self.assertIn(item.number, lead.message_ids.body)
        self.assertIn(self.liaison.partner_id, lead.message_ids.partner_ids)
