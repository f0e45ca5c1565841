import io
import re

import openpyxl

from odoo.tests import tagged

from .common import DubanReportCase


@tagged("post_install", "-at_install")
class TestLedger(DubanReportCase):
    def _items(self):
        return (
            self._issued_item(name="台账事项一", document_number="教委〔2026〕1号")
            | self._issued_item(name="台账事项二", urgency="very_urgent", co_department_ids=[])
            | self._create_item(name="台账草稿")
        )

    def test_ledger_pdf(self):
        """The ledger prints landscape with its 14 columns and every item."""
        items = self._items()
        text = self._pdf_text("duban_reports.action_report_duban_ledger", items, self.officer)
        for expected in (
            "督办事项登记表",
            "序号",
            "督办事项编号",
            "来文编号",
            "督办结果",
            "台账事项一",
            "教委〔2026〕1号",
            "特急",
        ):
            self.assertIn(expected, text)
        width, height = self._pdf_page_size("duban_reports.action_report_duban_ledger", items)
        self.assertGreater(width, height, "landscape")

    def test_ledger_xlsx(self):
        """The workbook has the 14 columns and one row per item."""
        items = self._items()
        wizard = (
            self.env["duban.ledger.wizard"]
            .with_user(self.officer)
            .with_context(active_model="duban.item", active_ids=items.ids)
            .create({})
        )
        self.assertEqual(wizard.item_ids, items)
        action = wizard.action_export_xlsx()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        attachment = self.env["ir.attachment"].with_user(self.officer).browse(attachment_id)
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        sheet = book.active
        header = [cell.value for cell in sheet[2]]
        self.assertEqual(len(header), 14)
        self.assertEqual(header[0], "序号")
        self.assertEqual(header[-1], "备注")
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        self.assertEqual(len(rows), len(items))
        self.assertEqual([row[0] for row in rows], [1, 2, 3])
        numbers = {row[1] for row in rows}
        self.assertTrue(set(items.filtered("number").mapped("number")) <= numbers)
        self.assertIn("台账事项一", "".join(str(row[2]) for row in rows))

    def test_ledger_leaves_out_what_the_reader_may_not_see(self):
        """A liaison's ledger holds only their unit's items, never a secret one."""
        secret = self._issued_item(
            name="秘密台账事项", security_level="secret", co_department_ids=[]
        )
        mine = self._issued_item(name="本科台账事项", co_department_ids=[])
        theirs = self._issued_item(
            name="他科台账事项", lead_department_id=self.other_unit.id, co_department_ids=[]
        )
        text = self._pdf_text(
            "duban_reports.action_report_duban_ledger", secret | mine | theirs, self.liaison
        )
        self.assertIn("本科台账事项", text)
        self.assertNotIn("秘密台账事项", text)
        self.assertNotIn("他科台账事项", text)
