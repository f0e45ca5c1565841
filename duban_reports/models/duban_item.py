from odoo import models
from odoo.tools import LazyTranslate, html2plaintext

_lt = LazyTranslate(__name__)

# the 14 columns of the ledger, in the order of the institutions' form
LEDGER_COLUMNS = {
    "sequence": _lt("No."),
    "number": _lt("Item number"),
    "content": _lt("Item and requirements"),
    "document_number": _lt("Incoming document number"),
    "urgency": _lt("Urgency"),
    "security_level": _lt("Confidentiality"),
    "date_issued": _lt("Issued on"),
    "date_deadline": _lt("Required by"),
    "office": _lt("Supervising office or unit"),
    "co_units": _lt("Co-offices or units"),
    "lead_head": _lt("Head of the handling unit"),
    "date_signed": _lt("Signed for on"),
    "result": _lt("Supervision result"),
    "note": _lt("Remarks"),
}

# their widths in Chinese characters, a cell's padding included: each fits its usual content (a
# date as 2026年12月28日, a number as 〔2026〕128号) and none holds fewer than four characters;
# the matter and requirements take the rest of a landscape A4 page
LEDGER_WIDTHS = {
    "sequence": 4,
    "number": 8.5,
    "content": None,
    "document_number": 11,
    "urgency": 5,
    "security_level": 5,
    "date_issued": 8,
    "date_deadline": 8,
    "office": 8,
    "co_units": 8,
    "lead_head": 10,
    "date_signed": 8,
    "result": 12,
    "note": 5,
}
LEDGER_DATES = ("date_issued", "date_deadline", "date_signed")


def get_report_lang(env):
    """Forms are official Chinese documents: print them in Chinese when it is installed."""
    langs = {code for code, _name in env["res.lang"].get_installed()}
    return "zh_CN" if "zh_CN" in langs else env.lang


class DubanItem(models.Model):
    _inherit = "duban.item"

    def _is_readable_by_reader(self):
        """Whether the current reader's clearance reaches this item's confidentiality."""
        self.ensure_one()
        return self.security_rank <= self.env.user.duban_clearance_rank

    def _get_printable_content(self):
        """The matter and requirements as plain text, or a notice when the reader may not see it."""
        self.ensure_one()
        if not self._is_readable_by_reader():
            return self.env._("(confidential: not shown)")
        return html2plaintext(self.content or "").strip()

    def _get_ledger_columns(self):
        """The ledger's column keys with their labels in the reader's language."""
        columns = []
        for key, label in LEDGER_COLUMNS.items():
            columns.append((key, str(label)))  # translated here, where the env gives the language
        return columns

    def _get_ledger_rows(self):
        """The 14 columns of the ledger (督办事项登记表), one dict per item, read in batches."""
        selections = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("urgency", "security_level", "state")
        }
        forms = self.env["duban.form"]
        leads = self.assignment_ids._current().filtered(lambda a: a.role == "lead")
        lead_by_item = {assignment.item_id.id: assignment for assignment in leads}
        rows = []
        for index, item in enumerate(self, start=1):
            lead = lead_by_item.get(item.id, self.env["duban.assignment"])
            readable = item._is_readable_by_reader()
            rows.append(
                {
                    "sequence": index,
                    "number": item.number or "",
                    "content": (item.name + "\n" + item._get_printable_content()).strip()
                    if readable
                    else item._get_printable_content(),
                    "document_number": item.document_number or "",
                    "urgency": selections["urgency"].get(item.urgency, ""),
                    "security_level": selections["security_level"].get(item.security_level, ""),
                    "date_issued": item.date_issued or "",
                    "date_deadline": item.date_deadline or "",
                    "office": item.office_id.name or "",
                    "co_units": "、".join(item.co_department_ids.mapped("name")),
                    "lead_head": " / ".join(
                        filter(
                            None, [item.lead_department_id.name, forms._person_name(lead.head_id)]
                        )
                    ),
                    "date_signed": lead.date_signed or "",
                    "result": (item.result or "") if readable else "",
                    "note": item._get_ledger_note(selections["state"]),
                }
            )
        return rows

    def _get_ledger_note(self, state_labels):
        self.ensure_one()
        notes = [state_labels.get(self.state, "")]
        if self.traffic_light == "red":
            notes.append(self.env._("overdue"))
        if self.extended:
            notes.append(self.env._("extended"))
        return "，".join(filter(None, notes))

    def _get_report_lang(self):
        return get_report_lang(self.env)

    def _close(self, result, opinion=False, explanations=None):
        result = super()._close(result, opinion=opinion, explanations=explanations)
        # EC 四(四): an important item's supervision report is due within working days of closing
        self.env["duban.summary"]._draft_closing_reports(self)
        return result
