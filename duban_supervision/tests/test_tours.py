from datetime import date

from odoo.tests import tagged

from .common import DubanTourCase


def _waiting_extension(case):
    """A lead unit's extension request waiting for the principal leader."""
    item = case._issued_item(co_department_ids=[])
    lead = case._lead(item)
    lead.with_user(case.liaison).action_sign()
    request = (
        case.env["duban.extension"]
        .with_user(case.liaison)
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
    return request


@tagged("post_install", "-at_install")
class TestTours(DubanTourCase):
    def test_register_to_close(self):
        """Clerk registers, leader signs, clerk issues, liaison reports, head signs, clerk accepts."""
        # the company's own rules propose ten working days for special items
        self._use_policy(
            "policy_education", special_days=10, pre_sign_review="none", report_signer="unit_head"
        )
        self._tour(
            "/odoo/action-duban_supervision.duban_item_action/new",
            "duban_register_tour",
            self.officer,
        )
        item = self.env["duban.item"].search([("name", "=", "巡查校舍安全隐患")])
        self.assertEqual(item.state, "to_approve")
        self.assertEqual(item.approver_id, self.leader)
        self._tour(self._form_url(item), "duban_sign_tour", self.leader)
        self._tour(self._form_url(item), "duban_issue_tour", self.officer)
        self.assertEqual(item.state, "issued")
        lead = self._lead(item)
        self._tour(self._form_url(lead), "duban_liaison_report_tour", self.liaison)
        report = lead.report_ids
        self.assertEqual(report.state, "to_sign")
        self._tour(self._form_url(report), "duban_head_sign_tour", self.head)
        self._tour(self._form_url(report), "duban_liaison_submit_tour", self.liaison)
        self.assertEqual(item.state, "to_review")
        self._tour(self._form_url(report), "duban_accept_tour", self.officer)
        self.assertEqual(item.state, "to_close")
        self._tour(self._form_url(item), "duban_close_tour", self.officer)
        self.assertEqual(item.state, "done")
        self.assertIn("已完成全部巡查", item.result)
        self.assertEqual(item.close_opinion, "同意办结")

    def test_reporting_dates_listed_in_the_item_form(self):
        """The clerk has the lead unit report on given dates and lists them in the item's form."""
        item = self._create_item(date_deadline=date(2026, 12, 31))
        self._tour(self._form_url(item), "duban_report_dates_tour", self.officer)
        self.assertEqual(item.report_rhythm, "dates")
        self.assertEqual(item.report_date_ids.mapped("date"), [date(2026, 6, 30)])

    def test_sign_for_from_the_desk(self):
        """From login, the liaison lands on 我的督办 and signs for new work in one click."""
        item = self._issued_item(name="桌面签收事项")
        self._tour("/odoo", "duban_desk_sign_tour", self.liaison)
        self.assertEqual(self._lead(item).state, "in_progress")
        self.assertEqual(self._lead(item).signed_by_id, self.liaison)

    def test_report_written_from_the_desk_and_signed_off(self):
        """From login the liaison writes the report, the head signs it, the liaison submits it."""
        item = self._issued_item(name="桌面报告事项", co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        self._tour("/odoo", "duban_desk_report_tour", self.liaison)
        report = lead.report_ids
        self.assertEqual(report.state, "to_sign")
        self.assertEqual(report.report_type, "completion")
        self.assertEqual(report.name, "关于落实情况的报告")
        self._tour("/odoo", "duban_desk_head_sign_tour", self.head)
        self.assertEqual(report.state, "signed")
        self.assertEqual(report.signed_by_id, self.head)
        self._tour("/odoo", "duban_desk_submit_tour", self.liaison)
        self.assertEqual(report.state, "submitted")
        self.assertEqual(item.state, "to_review")

    def test_leader_in_charge_signs_the_report_from_the_item(self):
        """Where the leader in charge signs (EC 四(二)), they handle the report from the item in
        two clicks; the unit's head is offered nothing to sign."""
        self._use_policy("policy_education", pre_sign_review="none")
        item = self._issued_item(name="分管领导签字事项", co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison)
        report.with_user(self.liaison).action_request_sign()
        self._tour(self._form_url(item), "duban_head_not_offered_sign_tour", self.head)
        self._tour(self._form_url(item), "duban_leader_report_sign_tour", self.leader)
        self.assertEqual(report.state, "signed")
        self.assertEqual(report.signed_by_id, self.leader)

    def test_extension_approved_with_an_opinion(self):
        """The principal leader approves a unit's extension with an opinion."""
        request = _waiting_extension(self)
        self._tour(self._form_url(request), "duban_extension_opinion_tour", self.principal)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decision_opinion, "同意延期，不得再延")

    def test_objection(self):
        """A liaison objects to an assignment through the reason dialog."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        self._tour(self._form_url(lead), "duban_object_tour", self.liaison)
        self.assertEqual(lead.state, "returned")
        self.assertEqual(lead.objection_reason, "不属于本科室职责")


@tagged("post_install", "-at_install")
class TestPhoneTour(DubanTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_head_signs_and_principal_approves_on_a_phone(self):
        """At 390 px the head signs a report off and the principal approves an extension."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, report_type="progress")
        report.with_user(self.liaison).action_request_sign()
        self._tour(self._form_url(report), "duban_phone_head_sign_tour", self.head)
        self.assertEqual(report.state, "signed")
        request = _waiting_extension(self)
        self._tour(self._form_url(request), "duban_phone_extension_opinion_tour", self.principal)
        self.assertEqual(request.decision_opinion, "同意延期，不得再延")

    def test_sign_for_from_the_desk_on_a_phone(self):
        """At 390 px too, the liaison signs for new work from the desk's card in one click."""
        item = self._issued_item(name="手机签收事项", co_department_ids=[])
        self._tour("/odoo", "duban_phone_desk_sign_tour", self.liaison)
        self.assertEqual(self._lead(item).state, "in_progress")

    def test_liaison_on_a_phone(self):
        """On a 390 px wide screen the liaison finds the assignment card and signs for it."""
        item = self._issued_item(name="手机签收事项", co_department_ids=[])
        self._tour(
            "/odoo/action-duban_supervision.duban_assignment_action",
            "duban_phone_tour",
            self.liaison,
        )
        lead = self._lead(item)
        self.assertEqual(lead.state, "in_progress")
        self.assertEqual(lead.report_ids.name, "手机上报的进展")

    def test_report_from_the_desk_on_a_phone(self):
        """At 390 px the liaison writes the report from the desk's card, the head signs it."""
        item = self._issued_item(name="手机报告事项", co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        self._tour("/odoo", "duban_phone_desk_report_tour", self.liaison)
        report = lead.report_ids
        self.assertEqual(report.state, "to_sign")
        self.assertEqual(report.name, "关于落实情况的报告")
        self._tour("/odoo", "duban_phone_desk_head_sign_tour", self.head)
        self.assertEqual(report.state, "signed")

    def test_close_through_the_dialog_on_a_phone(self):
        """At 390 px the office closes an item waiting for closing (待办结) in its dialog."""
        item = self._issued_item(name="手机办结事项", co_department_ids=[])
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison, content="<p>手机上办结的结果。</p>")
        self._sign_and_submit(report)
        report.with_user(self.officer).action_accept()
        self.assertEqual(item.state, "to_close")
        self._tour(self._form_url(item), "duban_phone_close_tour", self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual(item.close_opinion, "同意办结")
