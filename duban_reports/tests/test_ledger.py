import io
import re

import openpyxl

from odoo.exceptions import UserError, ValidationError
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
        self._clear_unit_people()
        secret = self._issued_item(
            name="秘密台账事项", security_level="secret", co_department_ids=[]
        )
        self.liaison.duban_clearance = "internal"
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


@tagged("post_install", "-at_install")
class TestLedgerByYearAndUnit(DubanReportCase):
    """The 登记表 from its own menu: the items issued in a year, for one lead unit or all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.issued = {
            key: cls.env["duban.item"]
            .sudo()
            .create(
                {
                    "name": f"年度台账{key}",
                    "kind": "special",
                    "source": "superior",
                    "office_id": cls.office.id,
                    "lead_department_id": unit.id,
                    "state": state,
                    "number": issued and f"〔{issued[:4]}〕L{key}号",
                    "date_registered": issued or "2026-03-02",
                    "date_issued": issued,
                    "date_deadline": "2026-12-31",
                }
            )
            for key, (unit, state, issued) in {
                "unit": (cls.unit, "in_progress", "2026-03-02"),
                "sub_unit": (cls.sub_unit, "issued", "2026-09-01"),
                "co_unit": (cls.co_unit, "done", "2026-04-01"),
                "last_year": (cls.unit, "done", "2025-06-02"),
                "draft": (cls.unit, "draft", None),
            }.items()
        }

    def _wizard(self, user=None, **values):
        return (
            self.env["duban.ledger.wizard"]
            .with_user(user or self.officer)
            .with_context(lang="zh_CN")
            .create({"year": 2026, **values})
        )

    def _names(self, items):
        return {name.removeprefix("年度台账") for name in items.mapped("name")}

    def test_year_and_unit(self):
        """A unit's ledger holds its own and its sub-units' items issued in the year."""
        wizard = self._wizard(department_id=self.unit.id)
        self.assertTrue(wizard.use_filters)
        self.assertEqual(wizard.item_count, 2)
        self.assertEqual(self._names(wizard._get_items()), {"unit", "sub_unit"})
        action = wizard.action_export_xlsx()
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        attachment = self.env["ir.attachment"].with_user(self.officer).browse(attachment_id)
        book = openpyxl.load_workbook(io.BytesIO(attachment.raw))
        rows = list(book.active.iter_rows(min_row=3, values_only=True))
        self.assertEqual([row[1] for row in rows], ["〔2026〕Lunit号", "〔2026〕Lsub_unit号"])

    def test_whole_year(self):
        """Without a unit, every item issued in the year; neither last year's nor a draft."""
        names = self._names(self._wizard()._get_items())
        self.assertTrue({"unit", "sub_unit", "co_unit"} <= names)
        self.assertFalse({"last_year", "draft"} & names)
        last_year = self._wizard(year=2025, department_id=self.unit.id)
        self.assertEqual(self._names(last_year._get_items()), {"last_year"})

    def test_print_pdf_of_the_filtered_items(self):
        """Print PDF sends the ledger report the filtered items."""
        action = self._wizard(department_id=self.co_unit.id).action_print_pdf()
        self.assertEqual(action["report_name"], "duban_reports.report_duban_ledger")
        self.assertEqual(action["context"]["active_ids"], self.issued["co_unit"].ids)

    def test_bad_inputs(self):
        """A year out of range is refused, and an empty ledger says which year and unit."""
        with self.assertRaisesRegex(ValidationError, "2000 到 2100"):
            self._wizard(year=1900)
        wizard = self._wizard(year=2024, department_id=self.unit.id)
        self.assertEqual(wizard.item_count, 0)
        for action in (wizard.action_export_xlsx, wizard.action_print_pdf):
            with self.assertRaisesRegex(UserError, "2024 年没有交办给主办科的督办事项"):
                action()
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", wizard._name), ("res_id", "=", wizard.id)]
        )
        self.assertFalse(attachments, "no workbook is made of an empty ledger")

    def test_reader_sees_only_what_rules_allow(self):
        """A liaison's yearly ledger holds only the items their unit takes part in."""
        self.env["duban.assignment"].sudo().create(
            [
                {"item_id": item.id, "department_id": item.lead_department_id.id}
                for item in self.issued.values()
            ]
        )
        names = self._names(self._wizard(user=self.co_liaison)._get_items())
        self.assertEqual(names, {"co_unit"})

    def test_menu_for_leaders_and_office_only(self):
        """The 登记表 menu shows to the office and leaders, not to a unit's liaison."""
        menu = self.env.ref("duban_reports.duban_ledger_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, Menu.with_user(self.liaison)._visible_menu_ids())
        for user in (self.officer, self.leader, self.principal):
            self.assertIn(menu.id, Menu.with_user(user)._visible_menu_ids())
