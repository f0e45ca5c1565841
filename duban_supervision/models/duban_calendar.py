from datetime import date, timedelta
from types import MappingProxyType

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

# what a question to the calendar may span: a time limit decades away is a typing error, and an
# unbounded range would hold a worker for as long as the caller likes
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_SPAN_DAYS = 366 * 20
MAX_WORKDAYS = 5000


class DubanCalendar(models.AbstractModel):
    """The one place that knows which days are working days.

    Weekends rest and weekdays work, except for the dates listed in ``duban.workday``.
    The exceptions are read a year at a time and kept in the registry's cache until the
    calendar changes, so that counting working days costs no query once a year is loaded.
    """

    _name = "duban.calendar"
    _description = "Supervision working-day calendar"

    # ---- Input checks ----

    @api.model
    def _to_date(self, value):
        """``value`` as a date, or a clear error for a malformed or implausible one."""
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if not isinstance(day, date):
            raise UserError(self.env._("“%(value)s” is not a valid date.", value=value))
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise UserError(
                self.env._(
                    "%(day)s is outside the calendar (%(low)s to %(high)s).",
                    day=day,
                    low=MIN_YEAR,
                    high=MAX_YEAR,
                )
            )
        return day

    @api.model
    def _check_span(self, date_from, date_to):
        if abs((date_to - date_from).days) > MAX_SPAN_DAYS:
            raise UserError(
                self.env._(
                    "From %(start)s to %(end)s is too long a period: the calendar counts at "
                    "most %(years)s years at a time.",
                    start=date_from,
                    end=date_to,
                    years=MAX_SPAN_DAYS // 366,
                )
            )

    @api.model
    def _check_count(self, count):
        if not isinstance(count, int) or isinstance(count, bool) or abs(count) > MAX_WORKDAYS:
            raise UserError(
                self.env._(
                    "“%(count)s” is not a number of working days the calendar can count "
                    "(at most %(max)s).",
                    count=count,
                    max=MAX_WORKDAYS,
                )
            )

    # ---- Calendar ----

    @api.model
    def _get_exceptions(self, date_from, date_to):
        """``{day: is_workday}`` for the listed days of the years from ``date_from`` to
        ``date_to``."""
        exceptions = {}
        for year in range(date_from.year, date_to.year + 1):
            exceptions.update(self._get_year_exceptions(year))
        return exceptions

    @api.model
    @tools.ormcache("year")
    def _get_year_exceptions(self, year):
        # sudo: the calendar is the same for everyone; duban.workday clears this cache
        rows = (
            self.env["duban.workday"]
            .sudo()
            .search_read(
                [("date", ">=", date(year, 1, 1)), ("date", "<=", date(year, 12, 31))],
                ["date", "day_type"],
            )
        )
        return MappingProxyType({row["date"]: row["day_type"] == "workday" for row in rows})

    @api.model
    def covered_years(self):
        """Years for which the official calendar lists holidays (announced each November), in
        order: a list, which XML-RPC and JSON can carry, unlike a set."""
        self.env["duban.workday"].flush_model(["date"])
        return sorted(self._get_covered_years())

    @api.model
    @tools.ormcache()
    def _get_covered_years(self):
        # read on every form and list with a time limit: cached like the exceptions, and
        # cleared with them whenever a duban.workday changes
        self.env.cr.execute("SELECT DISTINCT EXTRACT(YEAR FROM date)::int FROM duban_workday")
        return frozenset(row[0] for row in self.env.cr.fetchall())

    @api.model
    def is_covered(self, date_from, date_to=None):
        """Whether every year from ``date_from`` to ``date_to`` is in the official calendar."""
        date_from = self._to_date(date_from)
        date_to = self._to_date(date_to) if date_to else date_from
        self._check_span(date_from, date_to)
        covered = self._get_covered_years()
        low, high = sorted((date_from.year, date_to.year))
        return all(year in covered for year in range(low, high + 1))

    @api.model
    def _is_workday_with(self, day, exceptions):
        if day in exceptions:
            return exceptions[day]
        return day.weekday() < 5

    @api.model
    def is_workday(self, day):
        day = self._to_date(day)
        return self._is_workday_with(day, self._get_exceptions(day, day))

    @api.model
    def add_workdays(self, day, count):
        """The date ``count`` working days after ``day`` (before it if negative).

        ``day`` itself is not counted; zero gives ``day`` back.
        """
        day = self._to_date(day)
        self._check_count(count)
        if not count:
            return day
        step = timedelta(days=1 if count > 0 else -1)
        # 3 calendar days per working day, plus two weeks, covers the longest holidays
        far = day + step * (abs(count) * 3 + 14)
        exceptions = self._get_exceptions(min(day, far), max(day, far))
        remaining = abs(count)
        while remaining:
            day += step
            if self._is_workday_with(day, exceptions):
                remaining -= 1
        return day

    @api.model
    def count_workdays(self, date_from, date_to):
        """Working days after ``date_from`` up to and including ``date_to``; negative if earlier."""
        date_from, date_to = self._to_date(date_from), self._to_date(date_to)
        self._check_span(date_from, date_to)
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

    @api.model
    def count_workdays_to_many(self, date_from, dates):
        """``count_workdays(date_from, d)`` for each of ``dates``, reading the calendar once."""
        date_from = self._to_date(date_from)
        dates = {self._to_date(d) for d in dates if d}
        if not dates:
            return {}
        low, high = min(dates | {date_from}), max(dates | {date_from})
        self._check_span(low, high)
        exceptions = self._get_exceptions(low, high)
        # working days from ``low`` to each day, then differences give any pair
        running, count = {}, 0
        for offset in range((high - low).days + 1):
            day = low + timedelta(days=offset)
            if offset and self._is_workday_with(day, exceptions):
                count += 1
            running[day] = count
        return {day: running[day] - running[date_from] for day in dates}
