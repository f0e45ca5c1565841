import math
import unicodedata

from odoo import api, models
from odoo.exceptions import UserError

from .duban_item import LEDGER_DATES, LEDGER_WIDTHS, get_report_lang

# How the register's rows fill a landscape A4 page, measured on wkhtmltopdf's output (its Qt
# cannot repeat a table's header on each page, so the register is cut into pages here, each
# with its header): a row costs ROW_COST plus LINE_COST per line of its tallest cell, a page
# holds PAGE_CAPACITY (the first, under the title, FIRST_PAGE_CAPACITY). Rounded so that a page
# is never overfull: a row measured at 3.6 units per line-one row is counted 3.8.
ROW_COST = 11
LINE_COST = 27
PAGE_CAPACITY = 1280
FIRST_PAGE_CAPACITY = 1160
# characters on one line of the matter and requirements, the column that takes the rest
CONTENT_CHARS = 28


class ReportDubanLedger(models.AbstractModel):
    """The ledger (督办事项登记表) of the items the reader may see, in the order given."""

    _name = "report.duban_reports.report_duban_ledger"
    _description = "Supervision ledger report"

    @api.model
    def _get_report_values(self, docids, data=None):
        items = self.env["duban.item"].browse(docids)._filtered_access("read")
        items = items.with_context(lang=get_report_lang(self.env))
        return {
            "doc_ids": items.ids,
            "doc_model": "duban.item",
            "docs": items,
            "pages": self._paginate(items._get_ledger_rows()),
            "columns": items._get_ledger_columns(),
            "widths": LEDGER_WIDTHS,
            "date_keys": LEDGER_DATES,
            "company": self.env.company,
        }

    @api.model
    def _paginate(self, rows):
        """The rows cut into pages that each fit a landscape A4 page under the header."""
        pages, page, used, capacity = [], [], 0, FIRST_PAGE_CAPACITY
        for row in rows:
            cost = ROW_COST + LINE_COST * self._row_lines(row)
            if page and used + cost > capacity:
                pages.append(page)
                page, used, capacity = [], 0, PAGE_CAPACITY
            page.append(row)
            used += cost
        if page or not pages:
            pages.append(page)
        return pages

    @api.model
    def _row_lines(self, row):
        """How many lines the row's tallest cell takes, its text wrapped at the column's width."""
        lines = 1
        for key, width in LEDGER_WIDTHS.items():
            if key in LEDGER_DATES:
                continue  # dates never wrap
            chars = CONTENT_CHARS if width is None else width - 1
            text = str(row[key] or "")
            lines = max(lines, math.ceil(self._text_width(text) / chars))
        return lines

    @api.model
    def _text_width(self, text):
        """Width in Chinese characters: wide ones count one, Latin letters and digits a half."""
        return sum(1 if unicodedata.east_asian_width(char) in "WF" else 0.55 for char in text)


class ReportDubanArchive(models.AbstractModel):
    """The archive bundle (归档) of closed items: notice, reports, urges, changes and history."""

    _name = "report.duban_reports.report_duban_archive"
    _description = "Supervision archive bundle"

    @api.model
    def _get_report_values(self, docids, data=None):
        items = self.env["duban.item"].browse(docids)
        open_items = items.filtered(lambda i: i.state not in ("done", "cancelled"))
        if open_items:
            raise UserError(
                self.env._(
                    "Only closed or terminated items are archived; “%(item)s” is still open.",
                    item=open_items[0].display_name,
                )
            )
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "duban.item"),
                ("res_id", "in", items.ids),
                ("message_type", "in", ("comment", "notification")),
            ],
            order="date, id",
        )
        history = {item.id: messages.filtered(lambda m, i=item: m.res_id == i.id) for item in items}
        return {
            "doc_ids": items.ids,
            "doc_model": "duban.item",
            "docs": items,
            "history": history,
        }
