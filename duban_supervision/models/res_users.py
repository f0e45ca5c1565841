from odoo import api, fields, models

from .selections import SECURITY_LEVELS, SECURITY_RANKS


class ResUsers(models.Model):
    _inherit = "res.users"

    duban_clearance = fields.Selection(
        SECURITY_LEVELS,
        string="Supervision clearance",
        default="internal",
        required=True,
        help="The highest confidentiality level (密级) of supervision items this user may see.",
    )
    duban_clearance_rank = fields.Integer(compute="_compute_duban_clearance_rank")
    duban_charge_department_ids = fields.One2many(
        "hr.department",
        "duban_leader_id",
        string="Units in charge",
        help="Departments this user leads as 分管领导.",
    )

    @api.depends("duban_clearance")
    def _compute_duban_clearance_rank(self):
        for user in self:
            user.duban_clearance_rank = SECURITY_RANKS[user.duban_clearance]

    def write(self, vals):
        res = super().write(vals)
        if "duban_clearance" in vals:
            # record rules compare items with the clearance, and their domains are cached
            self.env.registry.clear_cache()
        return res
