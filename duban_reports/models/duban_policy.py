from odoo import fields, models

NOTICE_LAYOUTS = [
    ("commission", "Supervision notice (督办事项通知单)"),
    ("university", "Administrative supervision notice (行政督查督办通知单)"),
    ("institute", "Supervision work notice (督办工作（通知）)"),
]


class DubanPolicy(models.Model):
    """The printed forms an institution's rules call for."""

    _inherit = "duban.policy"

    def _get_write_table(self):
        table = super()._get_write_table()
        manager = (*table["*"]["manager"], "notice_layout")
        return dict(table, **{"*": dict(table["*"], manager=manager)})

    notice_layout = fields.Selection(
        NOTICE_LAYOUTS,
        string="Notice layout",
        required=True,
        default="commission",
        help="The printed papers. EC: 附件1 督办事项通知单, 附件2 督办书面报告, "
        "附件3 督办事项登记表; "
        "UN: 通化师范学院行政督查督办通知单 with boxes for the office head's opinion, the school "
        "leader's opinion and the closing report; RI: 督办工作（通知） and the quarterly "
        "督办工作（专报）, which the document names without a layout, as official documents.",
    )
