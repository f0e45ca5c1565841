from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestReportDates(DubanCase):
    """报送日期: an item reported on at given dates lists them in its form, one per line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_chinese()

    def test_officer_lists_the_dates_in_the_form_and_the_next_one_is_due(self):
        item = self._create_item(date_deadline=date(2026, 12, 31))
        with Form(item.with_user(self.officer)) as form:
            form.report_rhythm = "dates"
            for day in (date(2026, 9, 30), date(2026, 6, 30)):
                with form.report_date_ids.new() as line:
                    line.date = day
        self.assertEqual(
            item.report_date_ids.mapped("date"), [date(2026, 6, 30), date(2026, 9, 30)]
        )
        self.assertEqual(item._current_report_period(date(2026, 7, 1))[1], date(2026, 9, 30))
        chinese = item.report_date_ids.with_context(lang="zh_CN")
        self.assertEqual(chinese.mapped("display_name"), ["2026/06/30", "2026/09/30"])

    def test_a_date_listed_twice_is_refused_and_the_others_kept(self):
        item = self._create_item()
        item.with_user(self.officer).write(
            {"report_rhythm": "dates", "report_date_ids": [(0, 0, {"date": date(2026, 6, 30)})]}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            item.with_user(self.officer).write(
                {"report_date_ids": [(0, 0, {"date": date(2026, 6, 30)})]}
            )
        self.assertEqual(item.report_date_ids.mapped("date"), [date(2026, 6, 30)])

    def test_a_unit_cannot_change_the_office_dates(self):
        item = self._issued_item(report_rhythm="dates")
        with self.assertRaises(AccessError):
            self.env["duban.report.date"].with_user(self.liaison).create(
                {"item_id": item.id, "date": date(2026, 6, 30)}
            )
        self.assertFalse(item.report_date_ids)
