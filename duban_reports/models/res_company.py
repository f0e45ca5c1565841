from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    duban_notice_layout = fields.Selection(
        related="duban_policy_id.notice_layout",
        string="Notice layout",
        help="The printed notice the company's supervision rules call for.",
    )
    duban_office_room = fields.Char(
        string="Office room",
        help="Where objections are returned, as the commission's notice writes it: "
        "“退回202办公室协调重新交办”. Empty prints “退回办公室”.",
    )

    duban_weight_on_time = fields.Float(
        string="Weight of the on-time rate", default=60.0, help="Points for a 100% on-time rate."
    )
    duban_weight_closed = fields.Float(
        string="Weight of closed items", default=40.0, help="Points when every item is closed."
    )
    duban_weight_overdue = fields.Float(string="Deduction per overdue item", default=2.0)
    duban_weight_measure = fields.Float(string="Deduction per confirmed measure", default=5.0)
