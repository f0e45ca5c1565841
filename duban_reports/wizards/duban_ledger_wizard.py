import io
from datetime import date, datetime, time

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.duban_item import LEDGER_COLUMNS


class DubanLedgerWizard(models.TransientModel):
    """Exports the ledger (督办事项登记表) of the chosen items as an .xlsx workbook."""

    _name = "duban.ledger.wizard"
    _description = "Supervision ledger export"

    item_ids = fields.Many2many("duban.item", string="Items")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "duban.item" and "item_ids" in fields_list:
            values["item_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_export_xlsx(self):
        self.ensure_one()
        items = self.item_ids._filtered_access("read")
        if not items:
            raise UserError(self.env._("Choose the items of the ledger first."))
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
            self.item_ids._filtered_access("read")
        )

    @api.model
    def _build_workbook(self, items):
        """The ledger as .xlsx bytes: a title row, the 14 columns, one row per item."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Ledger"))
        title = workbook.add_format({"bold": True, "font_size": 16, "align": "center"})
        header = workbook.add_format(
            {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
        )
        cell = workbook.add_format({"border": 1, "valign": "top", "text_wrap": True})
        date_cell = workbook.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"})
        widths = {"content": 40, "result": 30, "note": 16, "co_units": 18, "office": 16}
        sheet.merge_range(
            0, 0, 0, len(LEDGER_COLUMNS) - 1, self.env._("Register of Supervision Items"), title
        )
        columns = items._get_ledger_columns()
        for col, (key, label) in enumerate(columns):
            sheet.write(1, col, label, header)
            sheet.set_column(col, col, widths.get(key, 12))
        for row_index, row in enumerate(items._get_ledger_rows(), start=2):
            for col, (key, _label) in enumerate(columns):
                value = row[key]
                if isinstance(value, date):
                    sheet.write_datetime(row_index, col, datetime.combine(value, time()), date_cell)
                else:
                    sheet.write(row_index, col, value, cell)
        sheet.freeze_panes(2, 0)
        workbook.close()
        return output.getvalue()
