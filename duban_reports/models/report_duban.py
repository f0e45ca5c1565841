from odoo import api, models
from odoo.exceptions import UserError

from .duban_item import get_report_lang


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
            "rows": items._get_ledger_rows(),
            "columns": items._get_ledger_columns(),
            "company": self.env.company,
        }


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
