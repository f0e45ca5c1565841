from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestResultsGoUpToTheLeaders(DubanCase):
    """RI 四(二)5 由所办公室呈报所领导; UN 三(五) 学校办公室负责人审阅后向分管校领导汇报, 同时
    向有关部门反馈; EC: nothing beyond the office's acceptance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._one_org_per_document()

    def _accepted_report(self, org):
        """The lead unit's completion report, as its rules have it signed, accepted by the office."""
        item = self._org_issued_item(org, co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(org.head).action_sign()
        report = self._report(lead, org.liaison)
        if org.company._duban_policy().report_signer != "unit":
            report.with_user(org.liaison).action_request_sign()
            report.with_user(report._get_signer()).action_sign()
        report.with_user(org.liaison).action_submit()
        report.with_user(org.officer).action_accept()
        return report

    def _step(self, user, report, opinion):
        action = report.with_user(user).action_result_step()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"opinion": opinion})
        )
        return wizard.action_confirm()

    def _result_activity(self, report):
        kind = self.env.ref("duban_supervision.mail_act_duban_result")
        return report.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_ri_office_submits_each_report_to_the_institute_leader(self):
        """RI: the accepted report waits for the 所领导 who signed; their 意见 ends the step."""
        org = self.ri
        report = self._accepted_report(org)
        self.assertEqual((report.result_state, report.result_leader_id), ("to_read", org.leader))
        self.assertEqual(self._result_activity(report).user_id, org.leader)
        with self.assertRaisesRegex(AccessError, "takes the result"):
            report.with_user(org.officer).action_result_step()
        self._step(org.leader, report, "已阅，同意。")
        self.assertEqual(
            (report.result_state, report.result_leader_opinion), ("read", "已阅，同意。")
        )
        self.assertTrue(report.result_date_read)
        self.assertFalse(self._result_activity(report))
        self.assertTrue(report.message_ids.filtered(lambda m: "read the result" in m.body))

    def test_un_office_head_reviews_then_leader_reads_and_units_hear(self):
        """UN: 办公室负责人审阅, then the 分管校领导 of the lead unit, then the units are told."""
        org = self.un
        report = self._accepted_report(org)
        self.assertEqual(report.result_state, "to_review")
        self.assertEqual(self._result_activity(report).user_id, org.office_head)
        with self.assertRaises(AccessError):
            report.with_user(org.leader).action_result_step()
        with self.assertRaisesRegex(UserError, "opinion"):
            self._step(org.office_head, report, "  ")
        self.assertEqual(report.result_state, "to_review", "nothing moved without an opinion")
        self._step(org.office_head, report, "办理结果符合要求，呈分管校领导。")
        self.assertEqual((report.result_state, report.result_leader_id), ("to_read", org.leader))
        self.assertEqual(self._result_activity(report).user_id, org.leader)
        self._step(org.leader, report, "很好。")
        self.assertEqual(report.result_state, "read")
        told = report.item_id.assignment_ids.message_ids.filtered(
            lambda m: "The result was reported to" in (m.body or "")
        )
        self.assertTrue(told, "同时向有关部门反馈")

    def test_ec_stops_at_the_office(self):
        """EC: the office's acceptance is the last step."""
        report = self._accepted_report(self.ec)
        self.assertEqual(report.result_state, "none")
        self.assertFalse(self._result_activity(report))
        with self.assertRaisesRegex(UserError, "waits for no step"):
            report.with_user(self.ec.leader).action_result_step()

    def test_the_steps_are_not_written_directly(self):
        """The result's state and opinions move only through their step."""
        report = self._accepted_report(self.ri)
        with self.assertRaises(AccessError):
            report.with_user(self.ri.leader).write({"result_state": "read"})

    def test_un_unfinished_work_is_reported_to_the_school_leaders(self):
        """UN 三(五): 确实难以办结的, the unit's written report with its reasons goes from the
        office head to the school leaders; a plain progress report does not."""
        org = self.un
        item = self._org_issued_item(org, co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(org.head).action_sign()
        plain = self._report(lead, org.liaison, report_type="progress")
        plain.with_user(org.liaison).action_submit()
        plain.with_user(org.officer).action_accept()
        self.assertEqual(plain.result_state, "none")
        late = self._report(lead, org.liaison, report_type="progress")
        late.with_user(org.liaison).write({"delay_reason": "上级政策调整，无法按期办结。"})
        late.with_user(org.liaison).action_submit()
        late.with_user(org.officer).action_accept()
        self.assertEqual(
            (late.result_state, late.result_reviewer_id), ("to_review", org.office_head)
        )
        self._step(org.office_head, late, "呈校领导阅示。")
        self._step(org.leader, late, "请加快进度。")
        self.assertEqual(late.result_state, "read")
