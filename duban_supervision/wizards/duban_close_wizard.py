from odoo import api, fields, models


class DubanCloseWizard(models.TransientModel):
    """The closing dialog (办结): the result, each unit's share, and why some ended unfinished."""

    _name = "duban.close.wizard"
    _description = "Close a supervision item"
    _inherit = ["duban.text.guard"]

    item_id = fields.Many2one("duban.item", required=True, readonly=True, ondelete="cascade")
    result = fields.Text(
        string="Supervision result",
        required=True,
        help="督办结果, proposed from the accepted completion report.",
    )
    close_opinion = fields.Text(string="Closing opinion", help="办结意见 of the office, optional.")
    line_ids = fields.One2many("duban.close.wizard.line", "wizard_id", string="Units")
    needs_explanation = fields.Boolean(compute="_compute_needs_explanation")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        item = self.env["duban.item"].browse(values.get("item_id"))
        if item:
            values.setdefault("result", item.result)
            to_explain = item._get_units_to_explain()
            values["line_ids"] = [
                fields.Command.create(
                    {"assignment_id": assignment.id, "needs_explanation": assignment in to_explain}
                )
                for assignment in item.assignment_ids.filtered(lambda a: a.state != "cancelled")
            ]
        return values

    @api.depends("line_ids.needs_explanation")
    def _compute_needs_explanation(self):
        for wizard in self:
            wizard.needs_explanation = any(wizard.line_ids.mapped("needs_explanation"))

    def action_confirm(self):
        self.ensure_one()
        self.item_id._close(
            self.result,
            self.close_opinion,
            {line.assignment_id.id: line.explanation for line in self.line_ids},
        )
        return {"type": "ir.actions.act_window_close"}


class DubanCloseWizardLine(models.TransientModel):
    """One unit's share as the closing dialog shows it."""

    _name = "duban.close.wizard.line"
    _description = "Unit in the closing dialog"
    _inherit = ["duban.text.guard"]

    wizard_id = fields.Many2one("duban.close.wizard", required=True, ondelete="cascade")
    assignment_id = fields.Many2one("duban.assignment", required=True, readonly=True)
    department_id = fields.Many2one(related="assignment_id.department_id")
    role = fields.Selection(related="assignment_id.role")
    state = fields.Selection(related="assignment_id.state", string="Status")
    date_signed = fields.Date(related="assignment_id.date_signed")
    needs_explanation = fields.Boolean(
        readonly=True,
        help="The unit never signed for its share or never reported on it: say why before closing.",
    )
    explanation = fields.Text()
