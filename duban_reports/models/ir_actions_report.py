import io

from odoo import models
from odoo.tools.pdf import PdfReader, PdfWriter


def stamp_page_numbers(stream):
    """Number every page of a PDF at the bottom centre, as official documents do: — 1 —."""
    from reportlab.pdfgen import canvas  # noqa: PLC0415 (only needed when printing)

    reader = PdfReader(stream, strict=False)
    packet = io.BytesIO()
    overlay = canvas.Canvas(packet)
    for index, page in enumerate(reader.pages):
        width = float(abs(page.mediabox.width))
        overlay.setPageSize((width, float(abs(page.mediabox.height))))
        overlay.setFont("Times-Roman", 11)
        overlay.drawCentredString(width / 2, 22, f"\u2014 {index + 1} \u2014")
        overlay.showPage()
    overlay.save()
    numbers = PdfReader(packet)
    writer = PdfWriter()
    for page, number in zip(reader.pages, numbers.pages, strict=True):
        page.merge_page(number)
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        streams = super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        if self._get_report(report_ref).report_name.startswith("duban_reports."):
            for values in streams.values():
                if values.get("stream"):
                    values["stream"] = stamp_page_numbers(values["stream"])
        return streams

    def _render_qweb_html(self, report_ref, docids, data=None):
        # every printed duban form, PDF or HTML, is first rendered here
        result = super()._render_qweb_html(report_ref, docids, data=data)
        self._log_classified_print(report_ref, docids)
        return result

    def _log_classified_print(self, report_ref, docids):
        report = self._get_report(report_ref)
        if docids and report.report_name.startswith("duban_") and report.model in self.env:
            Log = self.env["duban.access.log"]
            Log._log(Log._items_of(self.env[report.model].browse(docids)), "print", report.name)
