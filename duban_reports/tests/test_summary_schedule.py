from contextlib import closing
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import DubanReportCase


@tagged("post_install", "-at_install")
class TestSummarySchedule(DubanReportCase):
    """Periodic summaries drafted by the rules' cadence (RI 四(二)6 and 五(二), EC 四(四), UN
    三(六) by hand), reviewed by the office and sent to the leaders with their PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ri = cls._company_org("植保所", "policy_institute")
        cls.ec = cls._company_org("区教委", "policy_education")
        cls.un = cls._company_org("师范学院", "policy_university")
        cls.ec_office2 = cls.env["hr.department"].create(
            {"name": "区教委督导室", "duban_is_office": True, "company_id": cls.ec.company.id}
        )

    def _org_items(self, org, rows):
        """Items of ``org`` written as they stand, without their workflow: one dict each."""
        vals_list = []
        for index, row in enumerate(rows):
            vals = {
                "name": f"事项{index}",
                "kind": "special",
                "source": "leader",
                "company_id": org.company.id,
                "office_id": org.office.id,
                "lead_department_id": org.unit.id,
                "state": "in_progress",
                "number": f"〔2026〕T{org.company.id}-{index}号",
                "date_deadline": "2026-12-31",
            }
            vals.update(row)
            vals.setdefault("date_issued", vals.get("date_registered"))
            vals_list.append(vals)
        return self.env["duban.item"].sudo().create(vals_list)

    def _drafts(self, org):
        return self.env["duban.summary"].sudo().search([("company_id", "=", org.company.id)])

    def test_ri_quarterly_report_covers_every_item_open_in_the_quarter(self):
        """RI 四(二)6: the quarter's 专报 on instructions takes the older items still open, not
        only those issued in the quarter; the cron run twice drafts it once."""
        older, closed_in, closed_before, later, meeting = self._org_items(
            self.ri,
            [
                {"date_registered": "2025-11-03"},
                {"date_registered": "2026-02-10", "state": "done", "date_done": "2026-03-20"},
                {"date_registered": "2025-10-08", "state": "done", "date_done": "2025-12-20"},
                {"date_registered": "2026-04-02"},
                {"date_registered": "2026-02-10", "source": "meeting"},
            ],
        )
        Summary = self.env["duban.summary"]
        with freeze_time("2026-04-01"):
            Summary._cron_draft_summaries()
            Summary._cron_draft_summaries()
        drafts = self._drafts(self.ri)
        self.assertEqual(
            sorted((s.kind, s.date_from, s.date_to, s.state) for s in drafts),
            [
                ("instructions", date(2026, 1, 1), date(2026, 3, 31), "draft"),
                ("progress", date(2025, 7, 1), date(2025, 12, 31), "draft"),
            ],
            "one draft per period: the quarter's 专报 and the half year's progress (五(二))",
        )
        report = drafts.filtered(lambda s: s.kind == "instructions")
        self.assertEqual(report._get_summary_values()["items"], older | closed_in)
        self.assertNotIn(closed_before | later | meeting, report._get_summary_values()["items"])
        self.assertEqual(
            report.activity_ids.user_id,
            self.ri.officer | self.ri.office_head,
            "the draft waits for the office's review",
        )

        # the leaders cannot approve in the office's place; a liaison cannot even read it
        with self.assertRaises(AccessError):
            report.with_user(self.ri.leader).action_approve()
        with self.assertRaises(AccessError):
            report.with_user(self.ri.liaison).read(["name"])
        with freeze_time("2026-04-02"):
            report.with_user(self.ri.officer).with_context(
                force_report_rendering=True
            ).action_approve()
        self.assertEqual(report.state, "done")
        self.assertEqual(report.reviewed_by_id, self.ri.officer)
        self.assertEqual(report.leader_ids, self.ri.leader | self.ri.principal, "所领导")
        leader_activities = report.activity_ids
        self.assertEqual(leader_activities.user_id, self.ri.leader | self.ri.principal)
        for activity in leader_activities:
            self.assertEqual(activity.attachment_ids, report.attachment_id)
        self.assertEqual(report.attachment_id.mimetype, "application/pdf")
        self.assertTrue(report.attachment_id.raw.startswith(b"%PDF"))
        text = self._pdf_text("duban_reports.action_report_duban_periodic_summary", report)
        for expected in ("督办工作（专报）", "2026年1月1日", "2026年3月31日", "事项0", "事项1"):
            self.assertIn(expected, text)
        self.assertNotIn("事项3", text)
        # approved once: a second approval is refused in Chinese, nothing changes
        with self.assertRaisesRegex(UserError, "无法"):
            report.with_user(self.ri.officer).with_context(lang="zh_CN").action_approve()

    def test_ec_semester_analysis_per_office_merged_by_the_office(self):
        """EC 四(四): each supervising office's analysis at the end of the semester, merged by
        办公室 into one for the leaders once every office's is approved."""
        self._org_items(
            self.ec,
            [
                {"date_registered": "2026-01-10"},
                {"date_registered": "2026-03-02", "office_id": self.ec_office2.id},
                {"date_registered": "2026-09-01"},
            ],
        )
        with freeze_time("2026-08-03"):
            self.env["duban.summary"]._cron_draft_summaries()
            self.env["duban.summary"]._cron_draft_summaries()
        drafts = self._drafts(self.ec)
        self.assertEqual(len(drafts), 3, "the organization's and one per office with items")
        merged = drafts.filtered(lambda s: not s.office_id)
        offices = drafts - merged
        self.assertEqual(set(drafts.mapped("kind")), {"analysis"})
        self.assertEqual((merged.date_from, merged.date_to), (date(2026, 2, 1), date(2026, 7, 31)))
        self.assertEqual(offices.office_id, self.ec.office | self.ec_office2)
        self.assertEqual(offices.parent_id, merged)
        self.assertEqual(merged.child_ids, offices)
        # the item registered in January and still open is in its office's analysis
        own = offices.filtered(lambda s: s.office_id == self.ec.office)
        self.assertEqual(own.activity_ids.user_id, self.ec.office_head, "科室负责人 reviews it")
        self.assertEqual(
            merged.activity_ids.user_id, self.ec.officer | self.ec.office_head, "办公室汇总"
        )
        self.assertEqual(own._get_summary_values()["items"].mapped("name"), ["事项0"])
        self.assertEqual(len(merged._get_summary_values()["by_office"]), 2)

        officer = self.ec.officer
        with self.assertRaisesRegex(UserError, "offices' reports first"):
            merged.with_user(officer).action_approve()
        # an officer reviews their own office's analysis, not another office's
        with self.assertRaises(AccessError):
            (offices - own).with_user(officer).action_approve()
        own.with_user(officer).action_approve()
        (offices - own).sudo().action_approve()
        self.assertFalse(own.leader_ids, "an office's analysis goes to the office, not leaders")
        merged.with_user(officer).action_approve()
        self.assertEqual(merged.state, "done")
        self.assertEqual(merged.activity_ids.user_id, self.ec.leader | self.ec.principal)

    def test_drafting_costs_the_same_whatever_the_number_of_items(self):
        """The cron reads the offices and the drafts already there in grouped queries: its
        number of queries does not grow with the items of the period."""

        def queries_with(count):
            with closing(self.env.cr.savepoint()):
                offices = (self.ec.office, self.ec_office2)
                self._org_items(
                    self.ec,
                    [
                        {"date_registered": "2026-03-02", "office_id": offices[i % 2].id}
                        for i in range(count)
                    ],
                )
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                with freeze_time("2026-08-03"):
                    self.env["duban.summary"]._cron_draft_summaries()
                spent = self.env.cr.sql_log_count - before
                self.assertEqual(len(self._drafts(self.ec)), 3)
            self.env.invalidate_all()
            return spent

        queries_with(4)  # warms the caches any earlier request would have warmed
        few, many = queries_with(4), queries_with(60)
        self.assertEqual(few, many)

    def test_un_circulates_by_hand_only(self):
        """UN 三(六): 不定期通报 — the rules draft nothing on their own."""
        self._org_items(self.un, [{"date_registered": "2026-01-10"}])
        for day in ("2026-01-01", "2026-04-01", "2026-07-01", "2026-08-03"):
            with freeze_time(day):
                self.env["duban.summary"]._cron_draft_summaries()
        self.assertFalse(self._drafts(self.un))

    def test_nothing_to_draft_mid_period_and_no_one_creates_by_hand(self):
        """Between two period ends the cron drafts nothing new; nobody creates a summary."""
        with freeze_time("2026-04-01"):
            self.env["duban.summary"]._cron_draft_summaries()
        before = self._drafts(self.ri)
        with freeze_time("2026-05-20"):
            self.env["duban.summary"]._cron_draft_summaries()
        self.assertEqual(self._drafts(self.ri), before)
        with self.assertRaises(AccessError):
            self.env["duban.summary"].with_user(self.ri.officer).create(
                {
                    "name": "x",
                    "kind": "analysis",
                    "company_id": self.ri.company.id,
                    "date_from": "2026-01-01",
                    "date_to": "2026-03-31",
                }
            )


@tagged("post_install", "-at_install")
class TestReportAfterClosing(DubanReportCase):
    """EC 四(四): 重要事项和重大专项 get a 督办报告 within 5 working days of closing, signed by
    the 分管领导 (the 主要领导 for 重大) with an opinion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.office.manager_id = cls.other_officer.employee_ids[:1]

    def _report_of(self, item):
        return self.env["duban.summary"].search([("item_id", "=", item.id)])

    def test_important_item_report_due_signed_by_the_leader_in_charge(self):
        with freeze_time("2026-03-10"):
            item = self._closed_item(importance="important")
            ordinary = self._closed_item(name="一般事项")
        self.assertEqual(item.state, "done")
        self.assertFalse(self._report_of(ordinary), "ordinary items need no report")
        report = self._report_of(item).with_user(self.officer)
        self.assertEqual((report.kind, report.state), ("closing", "draft"))
        self.assertEqual(report.date_limit, date(2026, 3, 17), "5 working days after closing")
        # the officer writes it, the office's head (科室负责人) reviews it, both by the 17th
        self.assertEqual(report.activity_ids.user_id, self.officer | self.other_officer)
        self.assertEqual(set(report.activity_ids.mapped("date_deadline")), {date(2026, 3, 17)})

        # overdue: the office's head is reminded, once however often the cron runs
        with freeze_time("2026-03-18"):
            self.env["duban.summary"]._cron_draft_summaries()
            self.env["duban.summary"]._cron_draft_summaries()
        overdue = report.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("duban_reports.mail_act_duban_summary_overdue")
            )
        )
        self.assertEqual(overdue.user_id, self.other_officer)
        self.assertEqual(len(report.activity_ids), 3)

        with self.assertRaisesRegex(UserError, "submit it for signing"):
            report.action_approve()
        with self.assertRaises(AccessError):
            report.with_user(self.leader).action_submit()
        report.write({"body": "<p>整改全部完成，成效明显。</p>"})
        self.assertFalse(report.can_submit)
        with self.assertRaisesRegex(UserError, "负责人"):
            report.with_context(lang="zh_CN").action_submit()
        self.assertEqual(report.state, "draft")
        with freeze_time("2026-03-18"):
            report.with_user(self.other_officer).action_submit()
        self.assertEqual(report.reviewed_by_id, self.other_officer)
        self.assertEqual((report.state, report.signer_id), ("to_sign", self.leader))
        self.assertEqual(report.activity_ids.user_id, self.leader)
        with self.assertRaises(AccessError):
            report.with_user(self.principal).action_sign()
        with self.assertRaisesRegex(UserError, "意见"):
            report.with_user(self.leader).with_context(lang="zh_CN").action_sign()
        self.assertEqual(report.state, "to_sign", "nothing is lost on a refused signature")
        report.with_user(self.leader).write({"sign_opinion": "同意，予以签发。"})
        with freeze_time("2026-03-19"):
            report.with_user(self.leader).with_context(force_report_rendering=True).action_sign()
        self.assertEqual((report.state, report.date_signed), ("done", date(2026, 3, 19)))
        self.assertFalse(report.activity_ids)
        text = self._pdf_text("duban_reports.action_report_duban_periodic_summary", report)
        for expected in ("督办报告", "整改全部完成", "同意，予以签发。", "2026年3月19日"):
            self.assertIn(expected, text)

    def test_major_item_report_signed_by_the_principal(self):
        with freeze_time("2026-03-10"):
            item = self._closed_item(importance="major")
        report = self._report_of(item).with_user(self.other_officer)
        report.action_submit()
        self.assertEqual(report.signer_id, self.principal, "重大事项需呈主要领导签发")
        # a 秘密 item's report is read only within the reader's clearance
        item.sudo().security_level = "secret"
        self.env.invalidate_all()
        self.assertFalse(self.env["duban.summary"].with_user(self.leader).search_count([]))
        self.assertEqual(
            self.env["duban.summary"].with_user(self.officer).search([]), report, "cleared"
        )

    def test_ri_and_un_write_no_report_after_closing(self):
        for preset in ("policy_institute", "policy_university"):
            policy = self.env.ref(f"duban_supervision.{preset}")
            self.assertFalse(policy._closing_report_needed("major"))
        self.env.company.duban_policy_id = self.env.company.duban_policy_id.copy(
            {"closing_report_importance": False}
        )
        with freeze_time("2026-03-10"):
            item = self._closed_item(importance="major")
        self.assertFalse(self._report_of(item))

    def test_circular_goes_out_only_once_a_leader_approved_it(self):
        """EC 四(四): 未经领导同意或要求通报的事项, 不得通报 — not by writing its state either."""
        circular = (
            self.env["duban.circular"]
            .with_user(self.officer)
            .create(
                {
                    "name": "关于督办工作情况的通报",
                    "date_from": "2026-01-01",
                    "date_to": "2026-03-31",
                    "approver_id": self.leader.id,
                    "department_ids": [(6, 0, self.unit.ids)],
                }
            )
        )
        with self.assertRaises(AccessError):
            circular.write({"state": "approved"})
        with self.assertRaises(UserError):
            circular.action_send()
        circular.action_submit()
        with self.assertRaises(UserError):
            circular.action_send()
        self.assertEqual(circular.state, "to_approve")
