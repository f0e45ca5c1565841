from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

from odoo.addons.duban_supervision.models.duban_item import CLOSED_STATES

# the units shown in the by-unit bars: those with the most overdue, then open items
UNIT_LIMIT = 15
TREND_MONTHS = 12
OVERDUE_LIMIT = 10


class DubanCockpit(models.AbstractModel):
    """The leaders' cockpit (领导驾驶舱): the figures of the items the reader may see, each with
    the domain of the items behind it, read in a few grouped queries whatever the number of items.
    """

    _name = "duban.cockpit"
    _description = "Leaders' cockpit"

    @api.model
    def get_cockpit_data(self):
        """Everything the cockpit shows, for the current user under their record rules."""
        self._check_cockpit_access()
        today = fields.Date.context_today(self)
        year_start = date(today.year, 1, 1)
        figures = self._cockpit_figures(year_start)
        base = self._cockpit_base_domain()
        # one scan by lead unit gives the bars, and the tiles as their sums
        by_unit = self._count(base, figures, "lead_department_id")
        totals = {key: sum(counts[key] for _unit, counts in by_unit) for key in figures}
        return {
            "year": today.year,
            "kpis": self._cockpit_kpis(base, figures, totals),
            "units": self._cockpit_units(base, figures, by_unit),
            "trend": self._cockpit_trend(base, today),
            "overdue_items": self._cockpit_overdue_items(base, figures),
        }

    @api.model
    def _check_cockpit_access(self):
        user = self.env.user
        if not (
            user.has_group("duban_supervision.group_duban_leader")
            or user.has_group("duban_supervision.group_duban_officer")
        ):
            raise AccessError(self.env._("Only leaders and the office may open the cockpit."))

    @api.model
    def _cockpit_base_domain(self):
        """Issued items, in any state from issue on: the summaries' own period, without dates."""
        return list(self.env["duban.statistics"]._period_domain())

    @api.model
    def _cockpit_figures(self, year_start):
        """Each figure of the cockpit and the items it counts, on top of the base domain."""
        year = fields.Date.to_string(year_start)
        open_ = [("state", "not in", list(CLOSED_STATES))]
        return {
            "open": open_,
            "overdue": [*open_, ("traffic_light", "=", "red")],
            "yellow": [*open_, ("traffic_light", "=", "yellow")],
            "closed": [("state", "=", "done"), ("date_done", ">=", year)],
            "on_time": [("closed_on_time", "=", True), ("date_done", ">=", year)],
        }

    @api.model
    def _count(self, domain, figures, groupby=None):
        """``[(group, {figure: count})]`` in one scan, through the summaries' statistics."""
        rows = self.env["duban.statistics"]._count_figures(domain, groupby, figures)
        if not groupby:
            rows = [(None, *row) for row in rows]
        return [(group, dict(zip(figures, counts, strict=True))) for group, *counts in rows]

    @api.model
    def _rate(self, counts):
        closed = counts.get("closed", 0)
        return round(100.0 * counts.get("on_time", 0) / closed, 1) if closed else None

    @api.model
    def _cockpit_kpis(self, base, figures, totals):
        todo_domain = [("my_todo", "=", True)]
        Item = self.env["duban.item"]

        def tile(key, label, value, domain, **extra):
            return {"key": key, "label": label, "value": value, "domain": domain, **extra}

        return [
            tile("open", self.env._("Items in progress"), totals["open"], base + figures["open"]),
            tile(
                "overdue",
                self.env._("Items overdue"),
                totals["overdue"],
                base + figures["overdue"],
                tone="danger",
            ),
            tile(
                "yellow",
                self.env._("Yellow light"),
                totals["yellow"],
                base + figures["yellow"],
                tone="warning",
            ),
            tile(
                "closed",
                self.env._("Closed this year"),
                totals["closed"],
                base + figures["closed"],
                tone="success",
            ),
            tile(
                "rate",
                self.env._("On-time rate"),
                self._rate(totals),
                base + figures["closed"],
                unit="%",
                group_by=["closed_on_time"],
            ),
            tile(
                "todo",
                self.env._("To sign or approve"),
                Item.search_count(todo_domain),
                todo_domain,
                tone="info",
            ),
        ]

    @api.model
    def _cockpit_units(self, base, figures, by_unit):
        """The lead units with open items or closures this year: open, overdue, on-time rate."""
        rows = [
            (unit, counts)
            for unit, counts in by_unit
            if unit and (counts["open"] or counts["closed"])
        ]
        rows.sort(key=lambda row: (-row[1]["overdue"], -row[1]["open"], row[0].id))
        return [
            {
                "id": unit.id,
                "name": unit.display_name,
                "open": counts["open"],
                "overdue": counts["overdue"],
                "rate": self._rate(counts),
                "domain": base + figures["open"] + [("lead_department_id", "=", unit.id)],
            }
            for unit, counts in rows[:UNIT_LIMIT]
        ]

    @api.model
    def _cockpit_trend(self, base, today):
        """Items issued and closed (and closed on time) in each of the last twelve months."""
        start = today.replace(day=1) - relativedelta(months=TREND_MONTHS - 1)
        months = [start + relativedelta(months=n) for n in range(TREND_MONTHS)]
        since = fields.Date.to_string(start)
        issued = dict(
            self._count([*base, ("date_issued", ">=", since)], {"issued": []}, "date_issued:month")
        )
        closed = dict(
            self._count(
                [*base, ("state", "=", "done"), ("date_done", ">=", since)],
                {"closed": [], "on_time": [("closed_on_time", "=", True)]},
                "date_done:month",
            )
        )
        return [
            {
                "month": month.strftime("%Y-%m"),
                "issued": issued.get(month, {}).get("issued", 0),
                "closed": closed.get(month, {}).get("closed", 0),
                "on_time": closed.get(month, {}).get("on_time", 0),
            }
            for month in months
        ]

    @api.model
    def _cockpit_overdue_items(self, base, figures):
        """The ten items longest past their time limit, with working days overdue."""
        items = self.env["duban.item"].search(
            Domain(base) & Domain(figures["overdue"]),
            order="date_deadline, id",
            limit=OVERDUE_LIMIT,
        )
        return [
            {
                "id": item.id,
                "name": item.display_name,
                "unit": item.lead_department_id.display_name or "",
                "deadline": fields.Date.to_string(item.date_deadline),
                "days": -item.days_left,
            }
            for item in items
        ]
