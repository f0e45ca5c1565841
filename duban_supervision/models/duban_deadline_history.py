from odoo import api, fields, models
from odoo.tools import format_date


class DubanDeadlineHistory(models.Model):
    """Every time limit an item had: the one it was issued with and each approved change."""

    _name = "duban.deadline.history"
    _description = "Supervision deadline history"
    _inherit = ["duban.write.guard"]
    _order = "item_id, id"
    # written only by the procedures that move a time limit
    _write_table = {}

    item_id = fields.Many2one("duban.item", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True)
    security_rank = fields.Integer(related="item_id.security_rank", store=True)
    date_deadline = fields.Date(string="Time limit", required=True)
    date_previous = fields.Date(string="Previous time limit")
    extension_id = fields.Many2one("duban.extension", string="Approved request", index=True)
    reason = fields.Text()
    user_id = fields.Many2one("res.users", string="Changed by", default=lambda self: self.env.user)
    date = fields.Date(string="Changed on", default=fields.Date.context_today)

    @api.depends("item_id", "date_deadline")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for history in self:
            history.display_name = f"{history.item_id._get_safe_label()} · " + (
                format_date(self.env, history.date_deadline) or ""
            )
