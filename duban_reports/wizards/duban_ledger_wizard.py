import io
from datetime import date, datetime, time

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.duban_item import LEDGER_COLUMNS, LEDGER_WIDTHS, get_report_lang

# the matter and requirements, which fills the rest of the page on the PDF
XLSX_CONTENT_CHARS = 20

# the years a ledger may be asked for
YEARS = (2000, 2100)


class DubanLedgerWizard(models.TransientModel):
    """The ledger (督办事项登记表) as an .xlsx workbook or a PDF: of the items chosen in a list,
    or, opened from its menu, of the items issued in a year, for one lead unit or all."""

    _name = "duban.ledger.wizard"
    _description = "Supervision ledger export"

    use_filters = fields.Boolean(
        string="By year and unit",
        default=True,
        help="The items issued in the year, to the unit and its sub-units; otherwise the items "
        "chosen in the list.",
    )
    year = fields.Integer(default=lambda self: fields.Date.context_today(self).year)
    department_id = fields.Many2one(
        "hr.department",
        string="Lead unit",
        help="Only the items this unit or one of its sub-units leads; all units when empty.",
    )
    item_count = fields.Integer(string="Items in the ledger", compute="_compute_item_count")
    item_ids = fields.Many2many("duban.item", string="Items")

    @api.depends("use_filters", "year", "department_id", "item_ids")
    def _compute_item_count(self):
        for wizard in self:
            wizard.item_count = len(wizard._get_items()) if wizard._has_valid_year() else 0

    @api.constrains("year", "use_filters")
    def _check_year(self):
        if any(not wizard._has_valid_year() for wizard in self):
            raise ValidationError(
                self.env._(
                    "Give a year between %(first)s and %(last)s.", first=YEARS[0], last=YEARS[1]
                )
            )

    def _has_valid_year(self):
        return not self.use_filters or YEARS[0] <= self.year <= YEARS[1]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "duban.item" and "item_ids" in fields_list:
            values["item_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
            values["use_filters"] = False
        return values

    def _get_items(self):
        """The ledger's items that the reader may read, in the order they were issued."""
        self.ensure_one()
        if not self.use_filters:
            return self.item_ids._filtered_access("read")
        extra = (
            [("lead_department_id", "child_of", self.department_id.id)]
            if self.department_id
            else None
        )
        domain = self.env["duban.statistics"]._period_domain(
            date_from=date(self.year, 1, 1), date_to=date(self.year, 12, 31), extra=extra
        )
        return self.env["duban.item"].search(domain, order="date_issued, number, id")

    def _get_items_or_raise(self):
        items = self._get_items()
        if items:
            return items
        if self.use_filters:
            raise UserError(
                self.env._(
                    "No item was issued in %(year)s to %(unit)s.",
                    year=self.year,
                    unit=self.department_id.display_name or self.env._("any unit"),
                )
            )
        raise UserError(self.env._("Choose the items of the ledger first."))

    def action_export_xlsx(self):
        self.ensure_one()
        items = self._get_items_or_raise()
        attachment = self._attach_workbook(self._build_workbook(items))
        self.env["duban.access.log"]._log(items, "export", attachment.name)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _attach_workbook(self, data):
        """The workbook as an attachment of this wizard: only its creator may read the wizard,
        so only the exporter may download it, and it goes when the wizard is vacuumed."""
        self.ensure_one()
        return self.env["ir.attachment"].create(
            {
                "name": "督办事项登记表.xlsx",
                "raw": data,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("duban_reports.action_report_duban_ledger").report_action(
            self._get_items_or_raise()
        )

    @api.model
    def _build_workbook(self, items):
        """The ledger as .xlsx bytes: the title, the 14 columns of the printed register with its
        widths, one row per item; printed landscape on A4 with the header on every page."""
        self = self.with_context(lang=get_report_lang(self.env))
        items = items.with_context(lang=self.env.lang)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Ledger"))
        title = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
        header = workbook.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        cell = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        date_cell = workbook.add_format(
            {"border": 1, "valign": "top", "num_format": 'yyyy"年"m"月"d"日"'}
        )
        sheet.merge_range(
            0, 0, 0, len(LEDGER_COLUMNS) - 1, self.env._("Register of Supervision Items"), title
        )
        columns = items._get_ledger_columns()
        for col, (key, label) in enumerate(columns):
            sheet.write(1, col, label, header)
            sheet.set_column(col, col, self._xlsx_width(key))
        for row_index, row in enumerate(items._get_ledger_rows(), start=2):
            for col, (key, _label) in enumerate(columns):
                value = row[key]
                if isinstance(value, date):
                    sheet.write_datetime(row_index, col, datetime.combine(value, time()), date_cell)
                else:
                    sheet.write(row_index, col, value, cell)
        sheet.freeze_panes(2, 0)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.repeat_rows(1)
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&C\u2014 &P \u2014")
        workbook.close()
        return output.getvalue()

    @api.model
    def _xlsx_width(self, key):
        """A column's width in Excel's units, two to a Chinese character, as on the PDF."""
        chars = LEDGER_WIDTHS[key] or XLSX_CONTENT_CHARS
        return chars * 2 + 1
