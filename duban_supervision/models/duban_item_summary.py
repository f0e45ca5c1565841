from odoo import api, models


class DubanItem(models.Model):
    """Decision items report on the schedule their company's rules give them (RI 五(二))."""

    # one concern per file, as for the routing: pylint would have every extension in one
    _inherit = "duban.item"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "report_rhythm" not in vals and vals.get("kind") == "decision":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["report_rhythm"] = company._duban_policy().decision_report_rhythm
        return super().create(vals_list)

    @api.onchange("kind")
    def _onchange_kind_report_rhythm(self):
        """Propose the rules' reporting schedule for a decision item still being registered."""
        if self.state == "draft" and self.kind == "decision" and self.report_rhythm == "none":
            self.report_rhythm = self.company_id._duban_policy().decision_report_rhythm
