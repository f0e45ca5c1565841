import xmlrpc.client
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestFirstUse(DubanCase):
    """Defects found when duban was tried as a new user would, each kept fixed."""

    def test_explicit_deadline_wins_over_the_rules_days(self):
        """An item created over the API with only a date keeps that date, not the rules' days."""
        self._use_policy("policy_institute")  # proposes 10 calendar days for special items
        item = (
            self.env["duban.item"]
            .with_user(self.officer)
            .create(
                {
                    "name": "接口创建的事项",
                    "kind": "special",
                    "lead_department_id": self.unit.id,
                    "office_id": self.office.id,
                    "date_registered": "2026-03-02",
                    "date_deadline": "2026-04-30",
                }
            )
        )
        self.assertEqual(
            (item.deadline_mode, item.deadline_days, item.date_deadline),
            ("date", 0, date(2026, 4, 30)),
        )
        proposed = self._create_item(date_deadline=None)
        self.assertEqual((proposed.deadline_mode, proposed.deadline_days), ("calendar_days", 10))
        self.assertEqual(proposed.date_deadline, date(2026, 3, 12))

    def test_covered_years_travel_over_xml_rpc(self):
        """The calendar's covered years are a sorted list, which XML-RPC can marshal."""
        years = self.env["duban.calendar"].covered_years()
        self.assertIsInstance(years, list)
        self.assertEqual(years, sorted(years))
        self.assertIn(str(years[0]), xmlrpc.client.dumps((years,), methodresponse=True))

    def test_secret_item_refused_for_a_unit_without_clearance(self):
        """A 秘密 item cannot go to a unit whose liaison could not see it; the unit is named."""
        item = self._create_item(security_level="secret", co_department_ids=[])
        with self.assertRaisesRegex(UserError, "主办科 cannot be given .*主办联络人.*Secret"):
            item.action_submit()
        self.assertEqual(item.state, "draft", "nothing was sent")
        self.liaison.duban_clearance = "secret"
        with self.assertRaisesRegex(UserError, "主办科长"):
            item.action_submit()
        self.head.duban_clearance = "secret"
        item.action_submit()
        self.assertEqual(item.state, "to_approve")

    def test_secret_item_refused_for_an_added_unit_without_clearance(self):
        """A unit added to a live secret item is checked as well."""
        (self.liaison | self.head).write({"duban_clearance": "secret"})
        item = self._issued_item(security_level="secret", co_department_ids=[])
        with self.assertRaisesRegex(UserError, "协办科 cannot be given"):
            item._add_unit(self.co_unit)
        self.assertEqual(item.assignment_ids.department_id, self.unit)

    def test_time_limit_counted_from_the_registration_date(self):
        """计时起点 is the registration date, not the day the form was opened."""
        with (
            freeze_time("2026-03-10"),
            Form(self.env["duban.item"].with_user(self.officer)) as form,
        ):
            form.name = "补登记的事项"
            form.lead_department_id = self.unit
            form.date_registered = date(2026, 3, 2)
            self.assertEqual(form.deadline_start, date(2026, 3, 2))
            form.deadline_mode = "working_days"
            form.deadline_days = 5
            self.assertEqual(form.date_deadline, date(2026, 3, 9))
        with freeze_time("2026-03-10"):
            item = self._create_item(
                date_deadline=None, deadline_mode="calendar_days", deadline_days=10
            )
        self.assertEqual(item.deadline_start, date(2026, 3, 2))
        self.assertEqual(item.date_deadline, date(2026, 3, 12))

    def test_typed_date_in_an_uncovered_year_is_flagged(self):
        """A time limit typed as a date in a year the official calendar lacks gets the banner."""
        self.env["duban.workday"].search([("date", ">=", "2030-01-01")]).unlink()
        item = self._create_item(date_deadline="2030-03-01")
        self.assertEqual(item.deadline_mode, "date")
        self.assertTrue(item.deadline_uncovered)
        covered = self._create_item(date_deadline="2026-03-20")
        self.assertFalse(covered.deadline_uncovered)

    def test_reassigned_objection_stays_returned(self):
        """After re-assigning, the objected share reads 已退回, points at the new unit, and
        can neither be re-assigned again nor be closed or cancelled later."""
        with freeze_time("2026-03-06"):
            item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        with freeze_time("2026-03-09"):
            action = lead.with_user(self.liaison).action_object()
            self._confirm_reason(self.liaison, action, "不属于本科职责")
        new = lead.with_user(self.officer)._action_reassign(self.co_unit)
        self.assertEqual((lead.state, lead.reassigned_id), ("returned", new))
        self.assertFalse(lead.activity_ids)
        self.assertEqual(self._lead(item), new)
        with self.assertRaisesRegex(UserError, "already re-assigned"):
            lead.with_user(self.officer)._action_reassign(self.other_unit)
        new.with_user(self.co_liaison).action_sign()
        report = self._report(new, self.co_liaison)
        self._sign_and_submit(report.with_user(self.co_liaison))
        report.with_user(self.officer).action_accept()
        self._close_item(item, self.officer)
        self.assertEqual(item.state, "done")
        self.assertEqual((lead.state, new.state), ("returned", "done"))
