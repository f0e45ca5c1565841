from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class DubanAssessment(models.Model):
    """The annual assessment (年度考核) of the units' supervision work for one year.

    Every figure is recomputed from the items and the confirmed accountability measures with
    grouped queries, so computing it again gives the same numbers.
    """

    _name = "duban.assessment"
    _description = "Supervision annual assessment"
    _inherit = ["mail.thread", "duban.write.guard"]
    _order = "year desc, id desc"
    _check_company_auto = True
    # the year is chosen; every figure is computed (action_compute), never typed
    _write_table = {"*": {"officer_all": ("year", "company_id")}}

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    line_ids = fields.One2many("duban.assessment.line", "assessment_id", string="Units")
    date_computed = fields.Datetime(string="Computed on", readonly=True)

    _year_company_unique = models.Constraint(
        "UNIQUE(year, company_id)", "There is one assessment per year."
    )

    @api.depends("year")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "Supervision assessment %(year)s", year=assessment.year
            )

    @api.constrains("year")
    def _check_year(self):
        for assessment in self:
            if not 2000 <= assessment.year <= 2100:
                raise ValidationError(self.env._("Give the year as four digits, e.g. 2026."))

    def action_compute(self):
        """Recompute every unit's figures, score, rank and eligibility from the records."""
        self.check_access("write")
        for assessment in self:
            assessment.line_ids.unlink()
            lines = assessment._prepare_lines()
            # sudo: the figures are computed here and nobody may type them
            assessment.sudo().write(
                {
                    "line_ids": [fields.Command.create(vals) for vals in lines],
                    "date_computed": fields.Datetime.now(),
                }
            )
        return True

    def _get_weights(self):
        company = self.company_id
        return {
            "rate": company.duban_weight_on_time,
            "closed": company.duban_weight_closed,
            "overdue": company.duban_weight_overdue,
            "measure": company.duban_weight_measure,
        }

    def _prepare_lines(self):
        self.ensure_one()
        start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        stats = self.env["duban.statistics"]
        domain = stats._period_domain(start, end, extra=[("company_id", "=", self.company_id.id)])
        figures = stats._figures_by(domain)
        measures = self.env["duban.accountability"]._read_group(
            Domain(
                [
                    ("state", "=", "confirmed"),
                    ("year", "=", self.year),
                    ("company_id", "=", self.company_id.id),
                ]
            ),
            ["department_id", "measure"],
            ["__count"],
        )
        policy = self.company_id._duban_policy()
        confirmed, criticised = {}, set()
        for department, measure, count in measures:
            confirmed[department] = confirmed.get(department, 0) + count
            if policy._bars_awards(measure):
                criticised.add(department)
        weights = self._get_weights()
        units = set(figures) | set(confirmed)
        lines = []
        for unit in units:
            if not unit:
                continue
            row = figures.get(unit) or dict.fromkeys(
                ("received", "closed", "on_time", "overdue", "rate"), 0
            )
            closed_share = row["closed"] / row["received"] if row["received"] else 0.0
            score = (
                weights["rate"] * row["rate"] / 100.0
                + weights["closed"] * closed_share
                - weights["overdue"] * row["overdue"]
                - weights["measure"] * confirmed.get(unit, 0)
            )
            lines.append(
                {
                    "department_id": unit.id,
                    "received": row["received"],
                    "closed": row["closed"],
                    "on_time": row["on_time"],
                    "on_time_rate": row["rate"],
                    "overdue": row["overdue"],
                    "measure_count": confirmed.get(unit, 0),
                    "score": round(score, 2),
                    "eligible": unit not in criticised,
                }
            )
        lines.sort(key=lambda vals: (-vals["score"], vals["department_id"]))
        for rank, vals in enumerate(lines, start=1):
            vals["rank"] = rank
        return lines


class DubanAssessmentLine(models.Model):
    """One unit's figures, score and rank in an annual assessment."""

    _name = "duban.assessment.line"
    _description = "Supervision assessment line"
    _inherit = ["duban.write.guard"]
    _order = "assessment_id, rank"
    # computed by its assessment only
    _write_table = {}

    assessment_id = fields.Many2one(
        "duban.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    year = fields.Integer(related="assessment_id.year", store=True)
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True)
    received = fields.Integer(string="Items received")
    closed = fields.Integer(string="Items closed")
    on_time = fields.Integer(string="Closed on time")
    on_time_rate = fields.Float(string="On-time rate (%)")
    overdue = fields.Integer(string="Overdue items")
    measure_count = fields.Integer(string="Confirmed measures")
    score = fields.Float()
    rank = fields.Integer()
    eligible = fields.Boolean(
        string="Eligible for awards",
        help="A unit with a confirmed measure as heavy as its company's rules say (EC: 通报批评"
        "及以上) in the year cannot be recommended for awards (评优评先).",
    )

    @api.depends("department_id", "year")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.year} · {line.department_id.name or ''}"
