from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DubanReportCase


@tagged("post_install", "-at_install")
class TestForms(DubanReportCase):
    def test_notice_commission_layout(self):
        """The commission's notice prints in Chinese with the item's fields and page numbers
        (box by box in test_papers)."""
        item = self._issued_item(document_number="区委办〔2026〕35号")
        text = self._pdf_text("duban_reports.action_report_duban_notice", item)
        for expected in (
            "督办事项通知单",
            item.number,
            "推进校园安全专项整治",
            "全面排查校园安全隐患",
            "测试办公室",
            "协办科",
            "主办科",
            "分管领导",  # the signing leader's name
            "转办意见",  # the standard wording on objecting within one working day
            "t.t@example.com",  # the clerk's e-mail
        ):
            self.assertIn(expected, text)
        self.assertIn("—1—", text, "page numbers as on official documents")
        self.assertEqual(
            self._pdf_page_size("duban_reports.action_report_duban_notice", item), (595, 842), "A4"
        )

    def test_notice_university_layout(self):
        """The university's notice has the opinion and closing-report boxes."""
        self._use_policy("policy_university", pre_sign_review="none")
        item = self._issued_item()
        text = self._pdf_text("duban_reports.action_report_duban_notice", item)
        for expected in (
            "行政督查督办通知单",
            "办公室负责人意见",
            "学校领导意见",
            "办结报告",
            item.number,
        ):
            self.assertIn(expected, text)

    def test_report_form_and_urge_letter(self):
        """The written report and the urging slip carry their records' fields."""
        item = self._closed_item()
        report = item.report_ids
        text = self._pdf_text("duban_reports.action_report_duban_report_form", report)
        for expected in (
            "督办书面报告",
            "已完成全部整改任务",
            "主办科长",
            "主办科",
        ):
            self.assertIn(expected, text)
        text = self._pdf_text("duban_reports.action_report_duban_urge_letter", item.urge_ids)
        for expected in ("催办提示单", "主办科", item.number, "请抓紧办理"):
            self.assertIn(expected, text)

    def test_one_item_report_and_archive(self):
        """A closed item prints its one-item report and its archive bundle with its history."""
        item = self._closed_item(importance="major")
        text = self._pdf_text("duban_reports.action_report_duban_item_report", item)
        self.assertIn("一事一报", text)
        self.assertIn("已完成全部整改任务", text)
        text = self._pdf_text("duban_reports.action_report_duban_archive", item)
        for expected in (
            "督办事项通知单",
            "归档",
            "关于专项整治的办结报告",
            "催办",
            "办理记录",
            "督办员",
        ):
            self.assertIn(expected, text)

    def test_archive_refuses_open_items(self):
        """Only closed items are archived."""
        item = self._issued_item()
        with self.assertRaises(UserError):
            self._pdf_text("duban_reports.action_report_duban_archive", item)

    def test_confidential_content_never_printed_without_clearance(self):
        """A secret item's content stays off paper for readers below its level."""
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", content="<p>绝密内容不得外泄</p>")
        self.liaison.duban_clearance = "internal"
        cleared = self._pdf_text("duban_reports.action_report_duban_notice", item, self.officer)
        self.assertIn("绝密内容不得外泄", cleared)
        with self.assertRaises(AccessError):
            self._pdf_text("duban_reports.action_report_duban_notice", item, self.liaison)
        # even printed on the system's behalf, a reader without clearance gets no content
        text = self._pdf_text(
            "duban_reports.action_report_duban_notice", item, self.liaison, su=True
        )
        self.assertNotIn("绝密内容不得外泄", text)
        self.assertIn("涉密内容，不予显示", text)
