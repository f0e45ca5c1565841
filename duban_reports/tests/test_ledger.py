import io
import re
import subprocess

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.duban_reports.models.duban_item import LEDGER_WIDTHS

from .common import DubanReportCase

LEDGER = "duban_reports.action_report_duban_ledger"
# EC 附件3: the 14 columns in order
LEDGER_HEADER = [
    "序号",
    "督办事项编号",
    "督办事项内容",
    "来文编号",
    "紧急程度",
    "密级",
    "任务下达时间",
    "要求完成时间",
    "督办科室或单位",
    "协办科室或单位",
    "承办单位负责人",
    "签收日期",
    "督办结果",
    "备注",
]


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

    def _ledger_pages(self, items):
        """The ledger's pages as ``pdftotext -layout`` lays them out."""
        env = self.env(
            user=self.officer, context=dict(self.env.context, force_report_rendering=True)
        )
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(LEDGER, items.ids)
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        return [page for page in text.split("\f") if page.strip()]

    def test_ledger_pdf_as_the_register(self):
        """The register on several pages: its 14 columns in order on one header line on every
        page, a page number on each, dates in 年月日, and no cell one character wide."""
        with freeze_time("2026-03-02"):
            items = self.env["duban.item"]
            for index in range(40):
                items |= self._issued_item(
                    name=f"第{index + 1}项：组织开展全区中小学校园安全隐患大排查大整治行动",
                    document_number=f"区委办〔2026〕{index + 100}号",
                )
        pages = self._ledger_pages(items)
        self.assertGreater(len(pages), 1)
        for number, page in enumerate(pages, start=1):
            header = next(line for line in page.splitlines() if "序号" in line)
            self.assertEqual(
                re.findall("|".join(LEDGER_HEADER), header), LEDGER_HEADER, "header on one line"
            )
            self.assertRegex(page, rf"—\s*{number}\s*—", "page number")
            self.assertNotRegex(page, r"\d{4}[/-]\d{1,2}[/-]\d{1,2}")
        lines = "\n".join(pages).splitlines()
        for item in items:
            line = next((line for line in lines if item.number in line), "")
            self.assertIn("2026年3月2日", line, "the number and dates whole on the item's line")
            self.assertIn("2026年3月20日", line)
            self.assertIn(item.document_number, line)
            self.assertIn(item.name[:12], line.replace(" ", ""), "content in lines, not columns")
        self.assertFalse(
            [key for key, width in LEDGER_WIDTHS.items() if width is not None and width < 4],
            "no column narrower than four characters",
        )
        width, height = self._pdf_page_size(LEDGER, items)
        self.assertEqual((width, height), (842, 595), "landscape A4")

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
        self.assertEqual(header, LEDGER_HEADER, "the register's 14 columns in order")
        self.assertEqual(sheet["A1"].value, "督办事项登记表")
        for letter, key in zip("ABCDEFGHIJKLMN", LEDGER_WIDTHS, strict=True):
            width = sheet.column_dimensions[letter].width
            self.assertGreaterEqual(width, 8, f"column {key} at least four characters")
        self.assertGreater(sheet.column_dimensions["C"].width, sheet.column_dimensions["A"].width)
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertEqual(str(sheet.page_setup.paperSize), "9", "A4")
        self.assertEqual(sheet.print_title_rows, "$2:$2", "the header on every printed page")
        self.assertIn("&P", sheet.oddFooter.center.text)
        dated = sheet.cell(row=3, column=7)
        self.assertEqual(dated.number_format, 'yyyy"年"m"月"d"日"')

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
