import base64
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..models.duban_text_guard import CONTENT_MAX, TEXT_MAX
from .common import DubanCase


@tagged("post_install", "-at_install")
class TestWriteBoundaries(DubanCase):
    """The security review's findings on writes (issue 14: 3, 4, 6, 11 and the low ones), each
    replayed as the user who tried it, over the ORM as RPC calls it."""

    def _closed_item(self):
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison)
        self._sign_and_submit(report.with_user(self.liaison))
        report.with_user(self.officer).action_accept()
        self._close_item(item)
        self.assertEqual(item.state, "done")
        return item, report

    def _signed_report(self):
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        report.with_user(self.liaison).action_request_sign()
        report.with_user(self.head).action_sign()
        return report

    def _attach(self, record, user, name="证明材料.txt"):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"evidence"),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    # ---- Finding 3: an officer signs as the leader and closes alone ----

    def test_approver_is_fixed_once_submitted(self):
        """The officer cannot make themselves the signing leader after submission."""
        item = self._create_item()
        item.with_user(self.officer).write({"approver_id": self.principal.id})
        item.with_user(self.officer).write({"approver_id": self.leader.id})
        item.action_submit()
        with self.assertRaises(AccessError):
            item.with_user(self.officer).write({"approver_id": self.officer.id})
        self.assertEqual(item.approver_id, self.leader)
        with self.assertRaises(AccessError):
            item.with_user(self.officer).action_approve()

    def test_signed_and_issued_notice_keeps_its_text(self):
        """Name, content, units, time limit, importance and 密级 are what the leader signed."""
        item = self._create_item()
        item.action_submit()
        item.with_user(self.leader).action_approve()
        attempts = {
            "name": "改过的标题",
            "content": "<p>改过的要求</p>",
            "lead_department_id": self.other_unit.id,
            "co_department_ids": [(6, 0, [self.other_unit.id])],
            "date_deadline": date(2026, 6, 30),
            "importance": "major",
            "security_level": "public",
            "urgency": "very_urgent",
        }
        for stage in ("signed", "issued"):
            if stage == "issued":
                item.with_user(self.officer).action_issue()
            for name, value in attempts.items():
                with self.subTest(stage=stage, field=name), self.assertRaises(AccessError):
                    item.with_user(self.officer).write({name: value})
        self.assertEqual(item.name, "推进校园安全专项整治")
        self.assertEqual(item.lead_department_id, self.unit)
        self.assertEqual(item.date_deadline, date(2026, 3, 20))
        self.assertEqual(item.security_level, "internal")
        # the office still follows the item up
        item.with_user(self.officer).write({"measures": "每周调度一次"})
        self.assertEqual(item.measures, "每周调度一次")

    def test_officer_cannot_act_as_the_unit(self):
        """Officers cannot make themselves a unit's liaison or head, so nobody closes alone."""
        item = self._issued_item()
        lead = self._lead(item)
        for name in ("liaison_id", "head_id"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                lead.with_user(self.officer).write({name: self.officer.id})
        self.assertEqual(lead.liaison_id, self.liaison)
        self.assertEqual(lead.head_id, self.head)
        with self.assertRaises(AccessError):
            lead.with_user(self.officer).action_sign()

    def test_refusal_is_in_chinese_and_names_the_field(self):
        """A refused write says, in Chinese, which field may not change and in which state."""
        self._load_chinese()
        item = self._create_item()
        item.action_submit()
        officer = self.officer.with_context(lang="zh_CN")
        with self.assertRaises(AccessError) as refusal:
            item.with_user(officer).with_context(lang="zh_CN").write(
                {"approver_id": self.officer.id}
            )
        message = str(refusal.exception)
        self.assertIn("签发领导", message)
        self.assertIn("待签发", message)
        self.assertIn("不能修改", message)

    # ---- Finding 4: change requests rewritten after submission ----

    def _extension(self, item, user=None, **vals):
        lead = self._lead(item)
        return (
            self.env["duban.extension"]
            .with_user(user or self.liaison)
            .create(
                dict(
                    {
                        "item_id": item.id,
                        "assignment_id": lead.id,
                        "request_type": "extend",
                        "reason": "上级政策调整，需要更多时间",
                        "date_deadline_new": date(2026, 4, 30),
                    },
                    **vals,
                )
            )
        )

    def test_submitted_request_cannot_be_rewritten(self):
        """A pending “extend” cannot become “terminate” nor move to another item."""
        item, other = self._issued_item(), self._issued_item(name="另一事项")
        request = self._extension(item)
        request.with_user(self.liaison).write({"reason": "补充说明理由"})
        request.with_user(self.liaison).action_submit()
        for vals in (
            {"request_type": "terminate"},
            {"item_id": other.id, "assignment_id": self._lead(other).id},
            {"date_deadline_new": date(2026, 12, 31)},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                request.with_user(self.liaison).write(vals)
        self.assertEqual(request.request_type, "extend")
        self.assertEqual(request.item_id, item)
        request.with_user(self.principal).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.liaison).write({"request_type": "terminate"})
        self.assertEqual(item.state, "issued")
        self.assertEqual(item.date_deadline, date(2026, 4, 30))

    def test_request_only_on_a_readable_item(self):
        """Nobody files a request on an item they cannot read, even naming their own unit."""
        item = self._issued_item()
        hidden = self._issued_item(
            name="别的单位的事项", lead_department_id=self.other_unit.id, co_department_ids=None
        )
        with self.assertRaises(AccessError):
            hidden.with_user(self.liaison).read(["name"])
        with self.assertRaises(UserError):
            self._extension(hidden, request_type="terminate", assignment_id=self._lead(item).id)
        with self.assertRaises(AccessError):
            self.env["duban.extension"].with_user(self.other_officer).create(
                {"item_id": item.id, "request_type": "terminate", "reason": "替人申请"}
            )
        self.assertFalse((item | hidden).sudo().extension_ids)

    def test_request_unit_belongs_to_the_item(self):
        """The requesting unit's assignment must be on the request's item."""
        item, other = self._issued_item(), self._issued_item(name="另一事项")
        with self.assertRaises(ValidationError):
            self._extension(other, assignment_id=self._lead(item).id)
        request = self._extension(item)
        with self.assertRaises(ValidationError):
            request.with_user(self.liaison).write({"item_id": other.id})

    # ---- Finding 6: records moved across units ----

    def test_sub_item_only_under_own_office_item(self):
        """An officer cannot hang a sub-item on another office's item."""
        parent = self._create_item(kind="decision")
        vals = self._item_vals(
            name="挂到别处的子事项", kind="decision", office_id=self.other_office.id
        )
        with self.assertRaises(AccessError):
            self.env["duban.item"].with_user(self.other_officer).create(
                dict(vals, parent_id=parent.id)
            )
        own = self.env["duban.item"].with_user(self.other_officer).create(vals)
        with self.assertRaises(AccessError):
            own.write({"parent_id": parent.id})
        self.assertFalse(parent.child_ids)
        child = self._create_item(name="本科室子事项", parent_id=parent.id)
        self.assertEqual(parent.child_ids, child)

    def test_report_and_difficulty_stay_on_their_assignment(self):
        """A unit cannot move its report or difficulty onto another unit's assignment."""
        item = self._issued_item()
        lead, co = self._lead(item), self._co(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        risk = (
            self.env["duban.risk"]
            .with_user(self.liaison)
            .create(
                {
                    "assignment_id": lead.id,
                    "description": "经费未到位",
                    "help_needed": "请协调财务科",
                }
            )
        )
        for record in (report, risk):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.liaison).write({"assignment_id": co.id})
            self.assertEqual(record.assignment_id, lead)

    # ---- Finding 11: time limits, 密级 and company move without a procedure ----

    def test_issued_item_deadline_clearance_company_fixed(self):
        """Only an approved request, a re-assignment or an instruction moves a live item."""
        item = self._issued_item()
        other_company = self.env["res.company"].create({"name": "另一单位"})
        self.officer.company_ids |= other_company
        for vals in (
            {"date_deadline": date(2026, 9, 30)},
            {"deadline_mode": "working_days", "deadline_days": 60},
            {"security_level": "public"},
            {"company_id": other_company.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                item.with_user(self.officer).write(vals)
        self.assertEqual(item.date_deadline, date(2026, 3, 20))
        self.assertEqual(len(item.deadline_history_ids), 1)

    # ---- Low ----

    def test_signed_report_files_are_final(self):
        """Files cannot be added to, renamed on or removed from a signed report."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        draft_file = self._attach(report, self.liaison)
        report.with_user(self.liaison).action_request_sign()
        report.with_user(self.head).action_sign()
        with self.assertRaises(UserError):
            self._attach(report, self.liaison, name="补交材料.txt")
        with self.assertRaises(UserError):
            draft_file.with_user(self.liaison).write({"name": "换过的材料.txt"})
        with self.assertRaises(UserError):
            draft_file.with_user(self.liaison).unlink()
        self.assertTrue(draft_file.exists())

    def test_closed_item_files_are_final(self):
        """A closed item keeps its files, and its report too."""
        item, report = self._closed_item()
        with self.assertRaises(UserError):
            self._attach(item, self.officer)
        # as the superuser: a file attached while the item was open
        earlier = self.env["ir.attachment"].create(
            {"name": "立项依据.txt", "raw": b"basis", "res_model": item._name, "res_id": item.id}
        )
        with self.assertRaises(UserError):
            earlier.with_user(self.officer).unlink()
        with self.assertRaises(UserError):
            self._attach(report, self.liaison)

    def test_texts_have_size_limits(self):
        """Reports, requests, urges and difficulties refuse novels, and keep what they had."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        with self.assertRaises(ValidationError):
            report.with_user(self.liaison).write({"content": "长" * (CONTENT_MAX + 1)})
        self.assertEqual(report.content, "<p>已全部完成。</p>")
        request = self._extension(item)
        with self.assertRaises(ValidationError):
            request.with_user(self.liaison).write({"reason": "因" * (TEXT_MAX + 1)})
        urge = (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create({"assignment_id": lead.id, "method": "phone", "content": "<p>请加快</p>"})
        )
        urge.action_send()
        with self.assertRaises(ValidationError):
            urge.with_user(self.liaison).write({"answer": "答" * (TEXT_MAX + 1)})
        with self.assertRaises(ValidationError):
            self.env["duban.risk"].with_user(self.liaison).create(
                {
                    "assignment_id": lead.id,
                    "description": "难" * (TEXT_MAX + 1),
                    "help_needed": "请协调",
                }
            )
        urge.with_user(self.liaison).write({"answer": "本周内报送"})
        self.assertEqual(urge.answer, "本周内报送")

    def test_instruction_cannot_forge_what_it_created(self):
        """An instruction's assignment and report request are made by applying it, not typed."""
        item = self._issued_item()
        request = self.env["duban.report.request"]._open_request(item, date(2026, 3, 31), "x")
        for vals in ({"assignment_id": self._lead(item).id}, {"request_id": request.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.env["duban.instruction"].with_user(self.leader).create(
                    dict({"item_id": item.id, "text": "请抓紧落实"}, **vals)
                )
        self.assertFalse(item.instruction_ids)

    def test_instruction_does_not_move_a_draft_deadline(self):
        """A registered item's time limit is the office's until signing, not an instruction's."""
        item = self._create_item()
        with self.assertRaises(UserError):
            self.env["duban.instruction"].with_user(self.leader).create(
                {
                    "item_id": item.id,
                    "text": "延到月底",
                    "action": "deadline",
                    "date_deadline": date(2026, 3, 31),
                }
            )
        self.assertEqual(item.date_deadline, date(2026, 3, 20))
        self.assertFalse(item.deadline_history_ids)
