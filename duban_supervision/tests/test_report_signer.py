from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestReportSigner(DubanCase):
    """Whoever the company's rules name to sign a report (EC 四(二): the unit's 分管领导; RI: the
    unit's 主要负责同志) is the one offered it: the report's 签字 button, the item's 处理报告 and
    the search for the reports waiting for a signature all follow the same rule, and the other
    one is offered nothing they could not press."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.ec = cls._company_org("区教委", "policy_education")
        cls.ri = cls._company_org("研究所", "policy_institute")

    def _report_to_sign(self, org):
        """A report of ``org``'s lead unit sent for signature on a freshly issued item."""
        with freeze_time("2026-03-10"):
            item = self._org_issued_item(org, co_department_ids=[])
            lead = self._lead(item)
            lead.with_user(org.liaison).action_sign()
            report = self._report(lead, org.liaison)
            report.with_user(org.liaison).action_request_sign()
        return item, report

    def _offered(self, user, item, report):
        """What ``user`` is offered: the 签字 button, the item's report to handle, and whether
        the report is among those their search for reports to sign finds."""
        found = (
            self.env["duban.report"]
            .with_user(user)
            .search([("state", "=", "to_sign"), ("can_sign", "=", True)])
        )
        return (
            report.with_user(user).can_sign,
            item.with_user(user).my_report_id,
            report in found,
        )

    def test_ec_the_leader_in_charge_signs_and_only_they_are_offered_it(self):
        org = self.ec
        item, report = self._report_to_sign(org)
        self.assertEqual(report._get_signer(), org.leader)
        self.assertEqual(self._offered(org.leader, item, report), (True, report, True))
        # the unit's head acts for the unit but does not sign here: no button, nothing to handle
        self.assertEqual(
            self._offered(org.head, item, report), (False, self.env["duban.report"], False)
        )
        with self.assertRaisesRegex(AccessError, "leader in charge"):
            report.with_user(org.head).action_sign()
        action = item.with_user(org.leader).action_open_my_report()
        self.assertEqual(action["res_id"], report.id)
        report.with_user(org.leader).action_sign()
        self.assertEqual(report.signed_by_id, org.leader)
        self.assertFalse(item.with_user(org.leader).my_report_id, "nothing waits for them now")

    def test_ri_the_head_signs_and_the_leader_is_offered_nothing(self):
        org = self.ri
        item, report = self._report_to_sign(org)
        self.assertEqual(report._get_signer(), org.head)
        self.assertEqual(self._offered(org.head, item, report), (True, report, True))
        self.assertEqual(
            self._offered(org.leader, item, report)[::2], (False, False), "no 签字 for the leader"
        )
        report.with_user(org.head).action_sign()
        self.assertEqual(report.signed_by_id, org.head)

    def test_the_search_agrees_with_the_rule_for_everyone(self):
        """For each person of both companies, the reports the search finds for them are exactly
        those ``_get_signer`` names them for, and the negated search finds the rest."""
        reports = self._report_to_sign(self.ec)[1] | self._report_to_sign(self.ri)[1]
        Report = self.env["duban.report"]
        for org in (self.ec, self.ri):
            for user in (org.leader, org.head, org.liaison, org.officer, org.principal):
                with self.subTest(company=org.company.name, user=user.name):
                    expected = reports.filtered(lambda r, u=user: r._get_signer() == u)
                    # sudo keeps the user: every report is searched, not only those they may read
                    found = (
                        Report.with_user(user)
                        .sudo()
                        .search([("id", "in", reports.ids), ("can_sign", "=", True)])
                    )
                    self.assertEqual(found, expected)
                    others = (
                        Report.with_user(user)
                        .sudo()
                        .search([("id", "in", reports.ids), ("can_sign", "!=", True)])
                    )
                    self.assertEqual(others, reports - expected)
