import io
import re
import subprocess

from odoo.addons.duban_supervision.tests.common import DubanCase


class DubanReportCase(DubanCase):
    """Real PDFs through wkhtmltopdf, read back as text, in the Chinese the forms are printed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("duban_supervision", "duban_reports"))]
        )._update_translations(["zh_CN"])
        cls.env.company.name = "测试区教育委员会"

    def _pdf_text(self, report_xmlid, records, user=None, su=False):
        """Render ``records`` with ``report_xmlid`` as ``user``; the PDF's text without spaces.

        Spaces and line breaks are dropped: they depend on where the layout wraps lines.
        """
        env = self.env(
            user=user or self.env.user,
            su=su,
            context=dict(self.env.context, force_report_rendering=True),
        )
        pdf, report_type = env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        result = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        )
        return re.sub(r"\s+", "", result.stdout.decode())

    def _pdf_page_size(self, report_xmlid, records):
        from odoo.tools.pdf import PdfFileReader  # noqa: PLC0415

        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)
        page = PdfFileReader(io.BytesIO(pdf)).getPage(0)
        return round(float(page.mediaBox.getWidth())), round(float(page.mediaBox.getHeight()))

    def _closed_item(self, **overrides):
        """An item taken to its end: signed for, reported, urged, extended and accepted."""
        item = self._issued_item(**overrides)
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        urge = self.env["duban.urge"].with_user(self.officer).create(
            {"assignment_id": lead.id, "method": "prompt", "content": "<p>请抓紧办理。</p>"}
        )
        urge.action_send()
        report = self.env["duban.report"].with_user(self.liaison).create(
            {
                "name": "关于专项整治的办结报告",
                "assignment_id": lead.id,
                "report_type": "completion",
                "content": "<p>已完成全部整改任务。</p>",
            }
        )
        report.action_request_sign()
        report.with_user(self.head).action_sign()
        report.action_submit()
        report.with_user(self.officer).action_accept()
        return item
