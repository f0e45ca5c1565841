from datetime import date

from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCalendar(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["duban.calendar"]
        cls.env["duban.workday"].search(
            [("date", ">=", "2026-02-01"), ("date", "<=", "2026-03-01")]
        ).unlink()
        holidays = [date(2026, 2, d) for d in range(15, 24)]
        cls.env["duban.workday"].create(
            [{"date": d, "day_type": "holiday", "name": "春节"} for d in holidays]
            + [
                {"date": date(2026, 2, 14), "day_type": "workday", "name": "春节"},
                {"date": date(2026, 2, 28), "day_type": "workday", "name": "春节"},
            ]
        )

    def test_weekends_and_weekdays(self):
        """Without exceptions, weekdays work and weekends rest."""
        self.assertTrue(self.calendar.is_workday(date(2026, 3, 6)))
        self.assertFalse(self.calendar.is_workday(date(2026, 3, 7)))
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 9))

    def test_spring_festival(self):
        """Holidays are skipped and make-up Saturdays count."""
        self.assertTrue(self.calendar.is_workday(date(2026, 2, 14)))
        self.assertFalse(self.calendar.is_workday(date(2026, 2, 16)))
        # Friday 13 Feb → Saturday 14 (make-up) → holidays to 23 → Tuesday 24
        self.assertEqual(self.calendar.add_workdays(date(2026, 2, 13), 1), date(2026, 2, 14))
        self.assertEqual(self.calendar.add_workdays(date(2026, 2, 13), 2), date(2026, 2, 24))
        self.assertEqual(self.calendar.count_workdays(date(2026, 2, 13), date(2026, 2, 24)), 2)
        self.assertEqual(self.calendar.count_workdays(date(2026, 2, 24), date(2026, 2, 13)), -2)

    def test_calendar_is_cached_until_it_changes(self):
        """Counting working days reads the calendar once a year, and afresh after a change."""
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 9))
        with self.assertQueryCount(0):
            self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 9))
            self.assertEqual(self.calendar.count_workdays(date(2026, 2, 13), date(2026, 2, 24)), 2)
        # Monday 9 March declared a holiday: the next working day moves to the 10th
        workday = self.env["duban.workday"].create({"date": date(2026, 3, 9), "name": "临时"})
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 10))
        workday.day_type = "workday"
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 9))
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 7), -1), date(2026, 3, 6))
        workday.date = date(2026, 3, 7)  # now the Saturday is a make-up workday
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 7))
        workday.unlink()
        self.assertEqual(self.calendar.add_workdays(date(2026, 3, 6), 1), date(2026, 3, 9))

    def test_duplicate_date_refused(self):
        """A date can be listed once only."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["duban.workday"].create({"date": date(2026, 2, 14), "day_type": "holiday"})
            self.env.flush_all()
