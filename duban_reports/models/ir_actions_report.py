import io

from odoo import models
from odoo.tools.pdf import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfReader,
    PdfWriter,
)

# Times-Roman's widths (in thousandths of the font size) of what a page number is made of
GLYPH_WIDTHS = {"\u2014": 1000, " ": 250, **dict.fromkeys("0123456789", 500)}
FONT_SIZE = 11
FONT_NAME = "/FDubanPageNumber"


def _content_stream(writer, data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def stamp_page_numbers(stream):
    """Number every page of a PDF at the bottom centre, as official documents do: — 1 —.

    Each page gets one more small content stream drawing its number, its own drawing wrapped
    in q/Q so that nothing it leaves in the graphics state moves the number. Unlike merging an
    overlay page, this never parses a page's content, so a 50-page register is numbered in a
    fraction of a second.
    """
    reader = PdfReader(stream, strict=False)
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Times-Roman"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save = _content_stream(writer, b"q\n")
    restore = _content_stream(writer, b"\nQ\n")
    for index, page in enumerate(reader.pages):
        label = f"\u2014 {index + 1} \u2014"
        width = sum(GLYPH_WIDTHS[char] for char in label) * FONT_SIZE / 1000
        left = float(page.mediabox.left) + (float(abs(page.mediabox.width)) - width) / 2
        bottom = float(page.mediabox.bottom) + 22
        text = label.encode("cp1252")
        number = _content_stream(
            writer,
            b"BT %s %d Tf %.2f %.2f Td (%s) Tj ET\n"
            % (FONT_NAME.encode(), FONT_SIZE, left, bottom, text),
        )
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else ArrayObject()
        if not isinstance(contents, ArrayObject):
            contents = ArrayObject([page["/Contents"]])
        page[NameObject("/Contents")] = ArrayObject([save, *contents, restore, number])
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT_NAME)] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
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
