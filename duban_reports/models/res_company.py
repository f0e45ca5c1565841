from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    duban_notice_layout = fields.Selection(
        [
            ("commission", "Supervision notice (督办事项通知单)"),
            ("university", "Administrative supervision notice (行政督查督办通知单)"),
        ],
        string="Notice layout",
        default="commission",
        required=True,
        help="The commission's notice, or the university's with boxes for the office head's "
        "opinion, the school leader's opinion and the closing report.",
    )
