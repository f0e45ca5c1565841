from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

# each figure: the items it counts, on top of the period's domain
FIGURES = {
    "received": [],
    "closed": [("state", "=", "done")],
    "on_time": [("closed_on_time", "=", True)],
    "overdue": [
        "|",
        ("traffic_light", "=", "red"),
        "&",
        ("state", "=", "done"),
        ("closed_on_time", "=", False),
    ],
    "extended": [("extended", "=", True)],
    "urged": [("urge_count", ">", 0)],
    "flagged": [("risk_count", ">", 0)],
}


class DubanStatistics(models.AbstractModel):
    """The figures of supervision summaries, all counted in one grouped query.

    Every figure counts items: received in the period, closed, closed on time, overdue (open and
    past the time limit, or closed late), extended, urged and flagged with a difficulty; by unit,
    office or in total.
    """

    _name = "duban.statistics"
    _description = "Supervision statistics"

    @api.model
    def _period_domain(self, date_from=None, date_to=None, office=None, extra=None):
        domain = Domain("state", "not in", ("draft", "to_approve", "approved"))
        if date_from:
            domain &= Domain("date_issued", ">=", date_from)
        if date_to:
            domain &= Domain("date_issued", "<=", date_to)
        if office:
            domain &= Domain("office_id", "child_of", office.ids)
        if extra:
            domain &= Domain(extra)
        return domain

    @api.model
    def _figures_by(self, domain, groupby="lead_department_id"):
        """``{group: {figure: count}}`` plus ``rate`` (on-time rate in %), for each group."""
        result = {}
        for group, *counts in self._count_figures(domain, groupby):
            figures = dict(zip(FIGURES, counts, strict=True))
            figures["rate"] = self._on_time_rate(figures)
            result[group] = figures
        return result

    @api.model
    def _totals(self, domain):
        """The same figures for the whole domain."""
        rows = self._count_figures(domain)
        totals = dict(zip(FIGURES, rows[0] if rows else [0] * len(FIGURES), strict=True))
        totals["rate"] = self._on_time_rate(totals)
        return totals

    @api.model
    def _count_figures(self, domain, groupby=None, figures=None):
        """Every figure in one scan: ``[(group, count_1, …, count_n)]`` (no group without
        ``groupby``), with the reader's record rules applied as ``_read_group`` does.

        ``figures`` maps each figure to its domain (the summaries' ``FIGURES`` by default).
        """
        Item = self.env["duban.item"]
        Item.browse().check_access("read")
        query = Item._search(Domain(domain))
        if query.is_empty():
            return []
        counts = [
            SQL(
                "COUNT(*) FILTER (WHERE %s)",
                Domain(figure_domain).optimize_full(Item)._to_sql(Item, Item._table, query),
            )
            for figure_domain in (figures or FIGURES).values()
        ]
        if not groupby:
            return self.env.execute_query(query.select(*counts))
        group = Item._read_group_groupby(Item._table, groupby, query)
        query.groupby = group
        rows = self.env.execute_query(query.select(group, *counts))
        groups = Item._read_group_postprocess_groupby(groupby, [row[0] for row in rows])
        return [(group, *row[1:]) for group, row in zip(groups, rows, strict=True)]

    @api.model
    def _on_time_rate(self, figures):
        return (
            round(100.0 * figures["on_time"] / figures["closed"], 1) if figures["closed"] else 0.0
        )

    @api.model
    def _state_counts(self, domain):
        labels = dict(self.env["duban.item"]._fields["state"]._description_selection(self.env))
        counts = dict(self.env["duban.item"]._read_group(domain, ["state"], ["__count"]))
        return [(labels[state], counts[state]) for state in labels if state in counts]

    @api.model
    def _overdue_items(self, domain, limit=50):
        """Overdue items with the reasons their units gave in their latest progress report."""
        items = self.env["duban.item"].search(
            Domain(domain) & Domain(FIGURES["overdue"]), order="date_deadline", limit=limit
        )
        reports = self.env["duban.report"].search(
            [("item_id", "in", items.ids), ("delay_reason", "!=", False)], order="id"
        )
        reasons = {report.item_id: report.delay_reason for report in reports}
        return [(item, reasons.get(item, "")) for item in items]

    @api.model
    def _resolution_days_by(self, domain, groupby="department_id"):
        """Average days to resolve the difficulties raised on the domain's items, by unit."""
        items = self.env["duban.item"]._search(domain)
        return dict(
            self.env["duban.risk"]._read_group(
                [("item_id", "in", items), ("state", "=", "resolved")],
                [groupby],
                ["days_to_resolve:avg"],
            )
        )

    @api.model
    def _open_during_domain(self, date_from, date_to, office=None, extra=None):
        """Every item open at some time from ``date_from`` to ``date_to``: issued, registered
        by the period's end, and neither closed nor terminated before its start — older items
        still open are in, not only those issued in the period. A terminated item keeps no
        date of termination: it is in when it was registered in the period."""
        domain = Domain("state", "not in", ("draft", "to_approve", "approved")) & Domain(
            "date_registered", "<=", date_to
        )
        domain &= (
            Domain("state", "not in", ("done", "cancelled"))
            | (Domain("state", "=", "done") & Domain("date_done", ">=", date_from))
            | (Domain("state", "=", "cancelled") & Domain("date_registered", ">=", date_from))
        )
        if office:
            domain &= Domain("office_id", "child_of", office.ids)
        if extra:
            domain &= Domain(extra)
        return domain
