from datetime import date

from odoo.tests import Form, freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestDeadlines(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Workday = cls.env["duban.workday"]
        Workday.search([("date", ">=", "2026-01-01")]).unlink()
        # the 2026 Spring Festival: 15–23 Feb off, Saturdays 14 and 28 Feb worked
        Workday.create(
            [
                {"date": date(2026, 2, d), "day_type": "holiday", "name": "春节"}
                for d in range(15, 24)
            ]
            + [
                {"date": date(2026, 2, 14), "day_type": "workday", "name": "春节"},
                {"date": date(2026, 2, 28), "day_type": "workday", "name": "春节"},
                {"date": date(2026, 10, 1), "day_type": "holiday", "name": "国庆节"},
            ]
        )

    def test_working_days_across_spring_festival(self):
        """Ten working days from 12 Feb cross the holiday and count both make-up Saturdays."""
        item = self._create_item(
            date_registered="2026-02-12",
            date_deadline=None,
            deadline_mode="working_days",
            deadline_days=10,
            deadline_start="2026-02-12",
        )
        # 13, 14(Sat), 24, 25, 26, 27, 28(Sat), 2 Mar, 3, 4
        self.assertEqual(item.date_deadline, date(2026, 3, 4))
        self.assertFalse(item.deadline_uncovered)

    def test_calendar_days(self):
        """Calendar days count every day."""
        item = self._create_item(
            date_registered="2026-02-12",
            date_deadline=None,
            deadline_mode="calendar_days",
            deadline_days=10,
            deadline_start="2026-02-12",
        )
        self.assertEqual(item.date_deadline, date(2026, 2, 22))

    def test_year_without_calendar_is_flagged(self):
        """Across the year end into an uncovered year, weekends only are counted, and flagged."""
        self.assertNotIn(2027, self.env["duban.calendar"].covered_years())
        item = self._create_item(
            date_registered="2026-12-28",
            date_deadline=None,
            deadline_mode="working_days",
            deadline_days=5,
            deadline_start="2026-12-28",
        )
        # 29, 30, 31 Dec, Fri 1 Jan (no holiday known for 2027), Mon 4 Jan
        self.assertEqual(item.date_deadline, date(2027, 1, 4))
        self.assertTrue(item.deadline_uncovered)
        self.env["duban.workday"].create(
            {"date": date(2027, 1, 1), "day_type": "holiday", "name": "元旦"}
        )
        item.invalidate_recordset(["deadline_uncovered"])
        self.assertFalse(item.deadline_uncovered)

    def test_default_time_limit_of_special_items(self):
        """RI: a new special item takes 10 calendar days (五(一) 10日内) unless a date is given."""
        self._use_policy("policy_institute")
        with (
            freeze_time("2026-03-02"),
            Form(self.env["duban.item"].with_user(self.officer)) as form,
        ):
            form.name = "专项事项"
            form.kind = "special"
            self.assertEqual(form.deadline_mode, "calendar_days")
            self.assertEqual(form.deadline_days, 10)
            self.assertEqual(form.date_deadline, date(2026, 3, 12))
            form.lead_department_id = self.unit

    def test_no_default_time_limit_in_ec(self):
        """EC fixes each item's own 办结时间 (四(一)): nothing is proposed, a date is asked."""
        self._use_policy("policy_education")
        with (
            freeze_time("2026-03-02"),
            Form(self.env["duban.item"].with_user(self.officer)) as form,
        ):
            form.name = "专项事项"
            self.assertEqual(form.deadline_mode, "date")
            self.assertFalse(form.date_deadline)
            form.lead_department_id = self.unit
            form.date_deadline = date(2026, 3, 20)

    def test_traffic_lights_at_the_boundaries(self):
        """Red once past, yellow from three working days before, green before that."""
        with freeze_time("2026-03-02"):  # a Monday
            cases = {
                "2026-02-27": "red",
                "2026-03-02": "yellow",
                "2026-03-05": "yellow",  # third working day ahead
                "2026-03-06": "green",
            }
            items = {
                day: self._create_item(name=day, date_registered="2026-02-20", date_deadline=day)
                for day in cases
            }
            for day, light in cases.items():
                self.assertEqual(items[day].traffic_light, light, day)
            # Saturday 28 Feb is a make-up workday: the deadline is two working days past
            self.assertEqual(items["2026-02-27"].days_left, -2)
            self.assertEqual(items["2026-03-05"].days_left, 3)
            self.assertEqual(items["2026-02-27"].days_left_label, "2 working days overdue")
            self.assertEqual(items["2026-03-02"].days_left_label, "Due today")
            self.assertEqual(items["2026-03-05"].days_left_label, "3 working days left")
            red = self.env["duban.item"].search(
                [("traffic_light", "=", "red"), ("id", "in", [i.id for i in items.values()])]
            )
            self.assertEqual(red, items["2026-02-27"])
        with freeze_time("2026-03-04"):
            self.env["duban.item"]._refresh_traffic_lights()
            self.assertEqual(items["2026-03-02"].traffic_light, "red")
            self.assertEqual(items["2026-03-06"].traffic_light, "yellow")

    def test_closed_items_have_no_light(self):
        """Terminated items leave the lights."""
        with freeze_time("2026-03-25"):
            item = self._issued_item()
            self.assertEqual(item.traffic_light, "red")
            action = item.with_user(self.principal).action_cancel()
            self._confirm_reason(self.principal, action, "终止")
            self.assertEqual(item.traffic_light, "none")
            self.assertEqual(set(item.assignment_ids.mapped("traffic_light")), {"none"})

    def test_registration_limit(self):
        """EC: registering later than five working days after the instruction is flagged."""
        self._use_policy("policy_education")
        item = self._create_item(date_received="2026-02-24", date_registered="2026-03-02")
        # 25, 26, 27 Feb, Saturday 28 Feb (make-up workday), Monday 2 March
        self.assertEqual(item.date_registration_limit, date(2026, 3, 2))
        self.assertFalse(item.registered_late)
        late = self._create_item(date_received="2026-02-12", date_registered="2026-03-02")
        self.assertTrue(late.registered_late)
