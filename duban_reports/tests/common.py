import io
import re
import subprocess
from datetime import date

from odoo.tests import freeze_time

from odoo.addons.duban_supervision.tests.common import DubanCase


class DubanReportCase(DubanCase):
    """Real PDFs through wkhtmltopdf, read back as text, in the Chinese the forms are printed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese(("duban_supervision", "duban_reports"))
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
        result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return re.sub(r"\s+", "", result.stdout.decode())

    def _pdf_page_size(self, report_xmlid, records):
        from odoo.tools.pdf import PdfReader  # noqa: PLC0415

        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        return round(float(page.mediabox.width)), round(float(page.mediabox.height))

    def _closed_item(self, **overrides):
        """An item taken to its end: signed for, reported, urged, extended and accepted."""
        item = self._issued_item(**overrides)
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        urge = (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create(
                {"assignment_id": lead.id, "method": "prompt", "content": "<p>请抓紧办理。</p>"}
            )
        )
        urge.action_send()
        report = (
            self.env["duban.report"]
            .with_user(self.liaison)
            .create(
                {
                    "name": "关于专项整治的办结报告",
                    "assignment_id": lead.id,
                    "report_type": "completion",
                    "content": "<p>已完成全部整改任务。</p>",
                }
            )
        )
        report.action_request_sign()
        report.with_user(self.head).action_sign()
        report.action_submit()
        self._accept_and_close(report, self.officer)
        return item


class SummaryDataCase(DubanReportCase):
    """Nine items over three units: closed on time, closed late, overdue, urged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-07-06"):
            cls.items = cls.env["duban.item"]
            # three units, items in every condition: closed on time, closed late, overdue, urged
            for index in range(9):
                unit = (cls.unit, cls.co_unit, cls.other_unit)[index % 3]
                vals = cls._item_vals_for(cls, index, unit)
                cls.items |= cls.env["duban.item"].sudo().create(vals)
            cls.env["duban.assignment"].sudo().create(
                [
                    {
                        "item_id": item.id,
                        "department_id": item.lead_department_id.id,
                        "state": "in_progress",
                    }
                    for item in cls.items
                ]
            )
            urged = cls.items[:4]
            cls.env["duban.urge"].sudo().create(
                [
                    {
                        "assignment_id": item.assignment_ids.id,
                        "method": "phone",
                        "state": "sent",
                        "content": "<p>催</p>",
                    }
                    for item in urged
                ]
            )
            cls.env["duban.item"]._refresh_traffic_lights()

    def _item_vals_for(self, index, unit):
        state = ("done", "in_progress", "issued")[index % 3 if index < 6 else 0]
        done_late = index == 6
        return {
            "name": f"统计事项{index}",
            "kind": "special",
            "source": "leader" if index % 2 else "superior",
            "source_body": "party",
            "office_id": self.office.id,
            "lead_department_id": unit.id,
            "state": state,
            "number": f"〔2026〕S{index}号",
            "date_registered": "2026-06-01",
            "date_issued": "2026-06-02",
            "date_deadline": "2026-06-30" if index % 2 else "2026-07-31",
            "date_done": ("2026-07-03" if done_late else "2026-06-20")
            if state == "done"
            else False,
        }

    def _independent_figures(self, items):
        """The figures counted one item at a time, the slow and obvious way."""
        figures = {}
        for item in items:
            row = figures.setdefault(
                item.lead_department_id,
                dict.fromkeys(("received", "closed", "on_time", "overdue", "extended", "urged"), 0),
            )
            row["received"] += 1
            done = item.state == "done"
            on_time = done and item.date_done <= item.date_deadline
            row["closed"] += done
            row["on_time"] += on_time
            row["overdue"] += (done and not on_time) or (
                not done and item.date_deadline < date(2026, 7, 6)
            )
            row["urged"] += bool(item.urge_ids.filtered(lambda u: u.state != "draft"))
        return figures
