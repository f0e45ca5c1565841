from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .selections import IMPORTANCES

CADENCES = [
    ("none", "None (made by hand)"),
    ("quarter", "Every quarter"),
    ("half_year", "Every half year (June and December)"),
    ("semester", "Every semester (February–July, August–January)"),
]
# the periodic summaries the rules may schedule: kind → the policy field giving its cadence
SUMMARY_CADENCE_FIELDS = {
    "instructions": "summary_instructions_cadence",
    "analysis": "summary_analysis_cadence",
    "progress": "summary_progress_cadence",
}
# a semester starts on the first day of these months (the school year's two terms)
SEMESTER_START_MONTHS = (2, 8)
SUMMARY_POLICY_FIELDS = (
    *SUMMARY_CADENCE_FIELDS.values(),
    "summary_analysis_by_office",
    "decision_report_rhythm",
    "closing_report_importance",
    "closing_report_days",
)


def period_start(cadence, day):
    """The first day of the ``cadence`` period that contains ``day``."""
    if cadence == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if cadence == "half_year":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if cadence == "semester":
        first, second = SEMESTER_START_MONTHS
        if day.month >= second:
            return date(day.year, second, 1)
        if day.month >= first:
            return date(day.year, first, 1)
        return date(day.year - 1, second, 1)
    raise ValueError(cadence)


def last_period_before(cadence, day):
    """``(first day, last day)`` of the last ``cadence`` period that ended before ``day``."""
    end = period_start(cadence, day) - timedelta(days=1)
    return period_start(cadence, end), end


# kept apart from the policy's other rules so that each part of the rules has its own file
class DubanPolicy(models.Model):
    """The summaries an institution's rules call for: which periodic summaries reach the
    leaders and when, and the report written after closing an important item."""

    _inherit = "duban.policy"  # pylint: disable=consider-merging-classes-inherited

    def _get_write_table(self):
        table = super()._get_write_table()
        manager = (*table["*"]["manager"], *SUMMARY_POLICY_FIELDS)
        return dict(table, **{"*": dict(table["*"], manager=manager)})

    summary_instructions_cadence = fields.Selection(
        CADENCES,
        string="Report on leaders' instructions",
        required=True,
        default="none",
        help="When a summary of how the leaders' instructions (批示件) were handled is drafted for "
        "the leaders. RI 四(二)6: 所办公室要按季度定期对领导同志批示件办理情况进行汇总分析, 以督办"
        "工作（专报）形式报送所领导. EC and UN set none.",
    )
    summary_analysis_cadence = fields.Selection(
        CADENCES,
        string="Analysis report",
        required=True,
        default="none",
        help="When the supervision analysis report (督办分析报告) of every item is drafted. EC "
        "四(四): 每一个学期结束时, 各负责督办科室综合汇总督办工作, 形成书面的督办分析报告, 交办公室"
        "汇总, 形成总的分析报告. RI and UN set none; UN 三(六) circulates (通报) 不定期, by hand.",
    )
    summary_analysis_by_office = fields.Boolean(
        string="Analysis per supervising office, merged by the office",
        help="Each supervising office gets its own draft, and one more draft merges them for "
        "the leaders (EC 四(四): 交办公室汇总, 形成总的分析报告).",
    )
    summary_progress_cadence = fields.Selection(
        CADENCES,
        string="Progress of annual decisions",
        required=True,
        default="none",
        help="When a summary of the progress of decision items (决策督办, 年度性工作任务) is "
        "drafted for the leaders. RI 五(二): 年度性工作任务, 原则上每半年报送一次阶段性进展情况, "
        "年底前报告落实进展情况.",
    )
    decision_report_rhythm = fields.Selection(
        [("none", "None"), ("half_year", "Every half year and at year end")],
        string="Decision items report",
        required=True,
        default="none",
        help="The reporting schedule proposed for a new decision item: its lead unit owes a "
        "progress report by June 30 and by December 31 (RI 五(二): 每半年报送一次阶段性进展情况, "
        "年底前报告落实进展情况). EC and UN: none unless the notice says so.",
    )
    closing_report_importance = fields.Selection(
        IMPORTANCES,
        string="Report after closing, from",
        help="Items of this importance or higher get a supervision report (督办报告) after they "
        "are closed, signed by the leader who signed the notice. EC 四(四): 重要事项和重大专项须"
        "在督办结束后5个工作日内形成督办报告 … 送分管领导签发, 重大事项需呈主要领导签发. "
        "RI and UN: empty, no such report.",
    )
    closing_report_days = fields.Integer(
        string="Report after closing within (working days)",
        default=5,
        help="EC 四(四): 督办结束后5个工作日内.",
    )

    @api.constrains("closing_report_days", "closing_report_importance")
    def _check_closing_report_days(self):
        for policy in self:
            if policy.closing_report_importance and policy.closing_report_days < 1:
                raise ValidationError(
                    self.env._(
                        "“%(policy)s”: a report after closing needs at least one working day.",
                        policy=policy.name,
                    )
                )

    # ---- What models ask ----

    def _summaries_due(self, day):
        """The periodic summaries these rules schedule, as ``(kind, first day, last day)`` of
        the last period of each that ended before ``day``."""
        self.ensure_one()
        return [
            (kind, *last_period_before(self[field], day))
            for kind, field in SUMMARY_CADENCE_FIELDS.items()
            if self[field] != "none"
        ]

    def _closing_report_needed(self, importance):
        """Whether an item of ``importance`` gets a supervision report after closing."""
        self.ensure_one()
        if not self.closing_report_importance:
            return False
        rank = [key for key, _label in IMPORTANCES]
        return rank.index(importance) >= rank.index(self.closing_report_importance)

    def _closing_report_limit(self, date_done):
        """The last day to write the report on an item closed on ``date_done``."""
        self.ensure_one()
        return self.env["duban.calendar"].add_workdays(date_done, self.closing_report_days)
