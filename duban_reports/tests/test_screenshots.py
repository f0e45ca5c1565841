import subprocess
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.duban_supervision.tests.common import PNG, SHOTS, DubanTourCase


class ScreenshotCase(DubanTourCase):
    """Screens in Chinese, taken into the build folder (docs/ through setup/screenshots)."""

    _translated_modules = ("duban_supervision", "duban_reports")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.name = "示范区教育委员会"
        cls.items = cls._make_showcase_items()

    @classmethod
    def _make_showcase_items(cls):
        """Items as an office has them: overdue, due soon, on time, waiting to be signed."""
        today = fields.Date.context_today(cls.env["duban.item"])
        titles = [
            ("推进校园安全专项整治", -3),
            ("落实教师减负十条措施", 2),
            ("完成学区划片调整方案", 20),
            ("开展食堂食品安全检查", 35),
        ]
        items = cls.env["duban.item"]
        for title, days in titles:
            vals = {
                "name": title,
                "kind": "special",
                "source": "leader",
                "instructing_leader_id": cls.principal.id,
                "content": f"<p>{title}，按期反馈办理情况。</p>",
                "measures": "成立专班，倒排工期，每周调度。",
                "office_id": cls.office.id,
                "lead_department_id": cls.unit.id,
                "co_department_ids": [(6, 0, [cls.co_unit.id])],
                "date_registered": today - timedelta(days=10),
                "date_deadline": today + timedelta(days=days),
            }
            item = cls.env["duban.item"].with_user(cls.officer).create(vals)
            item.action_submit()
            item.with_user(item.approver_id).action_approve()
            item.action_issue()
            items |= item
        items |= (
            cls.env["duban.item"]
            .with_user(cls.officer)
            .create(
                {
                    "name": "制定年度督查工作要点",
                    "kind": "decision",
                    "source": "plan",
                    "office_id": cls.office.id,
                    "lead_department_id": cls.co_unit.id,
                    "date_registered": today,
                    "date_deadline": today + timedelta(days=30),
                }
            )
        )
        return items


@tagged("post_install", "-at_install")
class TestScreenshots(ScreenshotCase):
    """The main screens and desks on a desktop."""

    def test_item_list_with_traffic_lights(self):
        self._screenshot(
            "/odoo/action-duban_supervision.duban_item_action",
            ".o_list_view .o_data_row .o_field_badge",
            "screenshot-list.png",
            self.officer,
        )

    def test_item_form(self):
        self._screenshot(
            f"/odoo/duban.item/{self.items[0].id}",
            ".o_form_view .o_form_statusbar .o_statusbar_status",
            "screenshot-form.png",
            self.officer,
        )

    def test_liaison_desk(self):
        """我的督办 as the liaison lands on it: new work with 签收 and 退回 on each row."""
        self._screenshot(
            "/odoo",
            ".o_list_view .o_data_row button[name='action_sign_for']",
            "screenshot-desk-liaison.png",
            self.liaison,
        )

    def test_head_desk(self):
        """The unit head's 我的督办: a report waiting for their signature among the new work."""
        item = self.items[1]
        lead = item.assignment_ids.filtered(lambda a: a.role == "lead")
        lead.with_user(self.liaison).action_sign()
        report = (
            self.env["duban.report"]
            .with_user(self.liaison)
            .create(
                {
                    "name": "关于教师减负措施落实情况的报告",
                    "assignment_id": lead.id,
                    "report_type": "progress",
                    "content": "<p>十条措施已落实八条，其余两条本月内完成。</p>",
                }
            )
        )
        report.action_request_sign()
        self._screenshot(
            "/odoo",
            ".o_list_view .o_data_row .o_field_badge",
            "screenshot-desk-head.png",
            self.head,
        )

    def test_dashboard(self):
        self._screenshot(
            "/odoo/action-duban_reports.duban_item_action_dashboard",
            ".o_kanban_renderer .o_kanban_record",
            "screenshot-dashboard.png",
            self.officer,
        )

    def test_printed_notice(self):
        """The notice as printed: the PDF's first page as a picture."""
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _kind = env["ir.actions.report"]._render_qweb_pdf(
            "duban_reports.action_report_duban_notice", self.items[0].ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))
        SHOTS.mkdir(parents=True, exist_ok=True)
        target = SHOTS / "screenshot-notice"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-singlefile", "-", str(target)],
            input=pdf,
            capture_output=True,
            check=True,
        )
        self.assertTrue(target.with_suffix(".png").read_bytes().startswith(PNG))

    def test_printed_papers(self):
        """Each institution's papers as printed, their first pages as pictures in docs/forms/."""
        forms = SHOTS / "forms"
        forms.mkdir(parents=True, exist_ok=True)
        company = self.env.company
        company.duban_office_room = "202"
        self.officer.employee_ids.work_phone = "023-47521202"
        item = self.items[0]
        lead = item.assignment_ids.filtered(lambda a: a.role == "lead")
        lead.with_user(self.liaison).action_sign()
        report = (
            self.env["duban.report"]
            .with_user(self.liaison)
            .create(
                {
                    "name": "办结报告",
                    "assignment_id": lead.id,
                    "report_type": "completion",
                    "content": "<p>已完成校园安全隐患排查，整改问题12个，建立长效机制。</p>",
                }
            )
        )
        report.action_request_sign()
        report.with_user(self.head).action_sign()
        report.action_submit()
        self._picture("duban_reports.action_report_duban_notice", item, forms / "ec-notice")
        self._picture("duban_reports.action_report_duban_report_form", report, forms / "ec-report")
        self._picture("duban_reports.action_report_duban_ledger", self.items, forms / "ec-register")

        company.write(
            {
                "name": "通化师范学院",
                "duban_policy_id": self.env.ref("duban_supervision.policy_university").id,
            }
        )
        # the office head gives the 拟办意见 printed in its box
        self.office.manager_id = self.officer.employee_ids[:1]
        self._picture(
            "duban_reports.action_report_duban_notice", self._issue_copy(item), forms / "un-notice"
        )

        company.write(
            {
                "name": "中国农业科学院植物保护研究所",
                "duban_policy_id": self.env.ref("duban_supervision.policy_institute").id,
            }
        )
        self._picture(
            "duban_reports.action_report_duban_notice", self._issue_copy(item), forms / "ri-notice"
        )
        summary = self.env["duban.summary.wizard"].create({"summary_type": "instructions"})
        self._picture("duban_reports.action_report_duban_summary", summary, forms / "ri-report")

    def _issue_copy(self, item):
        """The same matter issued again, numbered as the company now numbers its notices."""
        copy = item.with_user(self.officer).copy({"name": item.name})
        copy.action_submit()
        if copy.pre_sign_pending:
            copy.with_user(copy._get_pre_sign_reviewer())._action_pre_sign("拟同意，请领导签发。")
        copy.with_user(copy.approver_id).action_approve()
        copy.action_issue()
        return copy

    def _picture(self, report_xmlid, records, target):
        """The first page of the PDF as a small PNG, readable on a screen."""
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _kind = env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-singlefile", "-", str(target)],
            input=pdf,
            capture_output=True,
            check=True,
        )
        self.assertTrue(target.with_suffix(".png").read_bytes().startswith(PNG))

    def test_cockpit(self):
        """The leaders' cockpit, as the leader in charge of the office sees it."""
        self._screenshot(
            "/odoo/action-duban_reports.duban_cockpit_action",
            ".o_duban_cockpit_trend canvas",
            "screenshot-cockpit.png",
            self.leader,
        )


@tagged("post_install", "-at_install")
class TestPhoneScreenshots(ScreenshotCase):
    """The desks on a 390 px wide phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_liaison_desk_on_a_phone(self):
        """我的督办 on a phone: one card per item, 签收 on the card."""
        self._screenshot(
            "/odoo",
            ".o_kanban_record button[name='action_sign_for']",
            "screenshot-desk-liaison-phone.png",
            self.liaison,
        )

    def test_cockpit_on_a_phone(self):
        """The cockpit's tiles two by two and its panels stacked."""
        self._screenshot(
            "/odoo/action-duban_reports.duban_cockpit_action",
            ".o_duban_cockpit_trend canvas",
            "screenshot-cockpit-phone.png",
            self.leader,
        )
