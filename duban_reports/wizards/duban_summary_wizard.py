from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.duban_item import get_report_lang


class DubanSummaryWizard(models.TransientModel):
    """Chooses the period of a summary for leaders and prints it, or drafts a circular from it."""

    _name = "duban.summary.wizard"
    _description = "Supervision summary"

    summary_type = fields.Selection(
        [
            ("instructions", "Quarterly report on leaders' instructions"),
            ("analysis", "Supervision analysis report"),
            ("progress", "Progress of annual decisions"),
        ],
        string="Summary",
        required=True,
        default="analysis",
        help="Quarterly report (专报): how leaders' instructions were handled. Analysis report "
        "(督办分析报告): every item of the period, by office and unit. Progress: the decision "
        "items (决策督办) of the period.",
    )
    date_from = fields.Date(required=True, default=lambda self: self._default_quarter()[0])
    date_to = fields.Date(required=True, default=lambda self: self._default_quarter()[1])
    office_id = fields.Many2one(
        "hr.department",
        string="Supervising office",
        help="Leave empty for the whole organization.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def _default_quarter(self):
        today = fields.Date.context_today(self)
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = today.replace(month=first_month, day=1)
        return start, fields.Date.end_of(start.replace(month=first_month + 2), "month")

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period must end after it starts."))

    @api.depends("summary_type", "date_from", "date_to")
    def _compute_display_name(self):
        labels = dict(self._fields["summary_type"]._description_selection(self.env))
        for wizard in self:
            period = f"{wizard.date_from or ''}–{wizard.date_to or ''}"
            wizard.display_name = f"{labels.get(wizard.summary_type, '')} {period}"

    def _get_domain(self):
        """Every item of the company open during the period (not only those issued in it)."""
        self.ensure_one()
        extra = [("company_id", "=", self.company_id.id)]
        if self.summary_type == "instructions":
            extra.append(("source", "=", "leader"))
        elif self.summary_type == "progress":
            extra.append(("kind", "=", "decision"))
        return self.env["duban.statistics"]._open_during_domain(
            self.date_from, self.date_to, self.office_id, extra
        )

    def _get_summary_values(self):
        """Everything the printed summary shows, each figure from a grouped query."""
        self.ensure_one()
        lang = get_report_lang(self.env)
        self = self.with_context(lang=lang)
        stats = self.env["duban.statistics"]
        domain = self._get_domain()
        labels = dict(self._fields["summary_type"]._description_selection(self.env))
        by_unit = stats._figures_by(domain, "lead_department_id")
        by_office = (
            stats._figures_by(domain, "office_id")
            if self.summary_type == "analysis" and not self.office_id
            else {}
        )
        return {
            "lang": lang,
            "institute_report": self._is_institute_report(),
            "items": self.env["duban.item"].search(domain, order="date_issued, number, id"),
            "title": labels[self.summary_type],
            "states": stats._state_counts(domain),
            "totals": stats._totals(domain),
            "by_unit": sorted(by_unit.items(), key=lambda kv: kv[0].display_name if kv[0] else ""),
            "by_office": sorted(
                by_office.items(), key=lambda kv: kv[0].display_name if kv[0] else ""
            ),
            "overdue": stats._overdue_items(domain),
            "resolution_days": sorted(
                stats._resolution_days_by(domain).items(),
                key=lambda kv: kv[0].display_name if kv[0] else "",
            ),
        }

    def _is_institute_report(self):
        """The institute prints its quarterly report on instructions as 督办工作（专报）."""
        self.ensure_one()
        return (
            self.summary_type == "instructions"
            and self.company_id.duban_notice_layout == "institute"
        )

    def action_print(self):
        self.ensure_one()
        return self.env.ref("duban_reports.action_report_duban_summary").report_action(self)

    def action_draft_circular(self):
        """Open a draft circular (通报) on the same period, its text written from the results."""
        self.ensure_one()
        circular = self.env["duban.circular"].create(
            {
                "name": self.env._(
                    "Circular on supervision from %(start)s to %(end)s",
                    start=self.date_from,
                    end=self.date_to,
                ),
                "date_from": self.date_from,
                "date_to": self.date_to,
                "office_id": self.office_id.id,
            }
        )
        circular.action_generate_body()
        return {
            "type": "ir.actions.act_window",
            "res_model": "duban.circular",
            "res_id": circular.id,
            "view_mode": "form",
            "target": "current",
        }
