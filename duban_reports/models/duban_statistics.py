from odoo import api, models
from odoo.fields import Domain

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
    """The figures of supervision summaries, each counted with one grouped query.

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
        Item = self.env["duban.item"]
        result = {}
        for figure, figure_domain in FIGURES.items():
            for group, count in Item._read_group(
                Domain(domain) & Domain(figure_domain), [groupby], ["__count"]
            ):
                result.setdefault(group, dict.fromkeys(FIGURES, 0))[figure] = count
        for figures in result.values():
            figures["rate"] = self._on_time_rate(figures)
        return result

    @api.model
    def _totals(self, domain):
        """The same figures for the whole domain."""
        Item = self.env["duban.item"]
        totals = {
            figure: Item.search_count(Domain(domain) & Domain(figure_domain))
            for figure, figure_domain in FIGURES.items()
        }
        totals["rate"] = self._on_time_rate(totals)
        return totals

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
