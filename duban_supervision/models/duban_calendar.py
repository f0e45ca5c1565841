from datetime import timedelta

from odoo import api, fields, models


class DubanCalendar(models.AbstractModel):
    """The one place that knows which days are working days.

    Weekends rest and weekdays work, except for the dates listed in ``duban.workday``.
    The exceptions are read once per call over the whole range involved, never per day.
    """

    _name = "duban.calendar"
    _description = "Supervision working-day calendar"

    @api.model
    def _get_exceptions(self, date_from, date_to):
        rows = self.env["duban.workday"].sudo().search_read(
            [("date", ">=", date_from), ("date", "<=", date_to)], ["date", "day_type"]
        )
        return {row["date"]: row["day_type"] == "workday" for row in rows}

    @api.model
    def _is_workday_with(self, day, exceptions):
        if day in exceptions:
            return exceptions[day]
        return day.weekday() < 5

    @api.model
    def is_workday(self, day):
        day = fields.Date.to_date(day)
        return self._is_workday_with(day, self._get_exceptions(day, day))

    @api.model
    def add_workdays(self, day, count):
        """The date ``count`` working days after ``day`` (``day`` itself not counted)."""
        day = fields.Date.to_date(day)
        if count <= 0:
            return day
        # a span of 3 calendar days per working day (plus two weeks) covers the longest holidays
        exceptions = self._get_exceptions(day, day + timedelta(days=count * 3 + 14))
        while count:
            day += timedelta(days=1)
            if self._is_workday_with(day, exceptions):
                count -= 1
        return day

    @api.model
    def count_workdays(self, date_from, date_to):
        """Working days after ``date_from`` up to and including ``date_to``; negative if earlier."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        sign = 1
        if date_to < date_from:
            date_from, date_to, sign = date_to, date_from, -1
        exceptions = self._get_exceptions(date_from, date_to)
        days = (date_to - date_from).days
        count = sum(
            1
            for offset in range(1, days + 1)
            if self._is_workday_with(date_from + timedelta(days=offset), exceptions)
        )
        return sign * count
