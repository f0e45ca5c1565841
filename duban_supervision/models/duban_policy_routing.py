# kept apart from the reminder budget's file so that each part of the rules has its own
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models

# the policy fields of this file, which the administrators set on a policy of their own
ROUTING_FIELDS = (
    "route_ids",
    "lead_unit_namer",
    "urge_method_ids",
    "sign_for_by",
    "result_reporting",
)


class DubanPolicy(models.Model):
    """Where an institution's items go, who names their lead unit, how the office urges."""

    _inherit = "duban.policy"

    def _get_write_table(self):
        table = super()._get_write_table()
        manager = (*table["*"]["manager"], *ROUTING_FIELDS)
        return dict(table, **{"*": dict(table["*"], manager=manager)})

    route_ids = fields.One2many(
        "duban.policy.route",
        "policy_id",
        string="Routes",
        copy=True,
        help="Which supervising office follows an item, by where it comes from, as the "
        "document divides the work. EC 三(一)–(三): 区委批转 → 秘书科, 区政府批转 → 督导室, "
        "人大/政协批转 and 主要领导批示 → 办公室, other leaders' 批示 → 相关科室, 主任办公会 → "
        "办公室, 工委会 and 党建、意识形态 → 组织科. RI and UN route everything to their office.",
    )
    lead_unit_namer = fields.Selection(
        [
            ("none", "Nobody: the office's proposal stands"),
            ("principal", "The principal leader, when signing or before the signature"),
            ("signer", "The leader who signs the notice"),
        ],
        string="Who names the lead unit",
        required=True,
        default="none",
        help="With two or more units, who names the lead unit (主办) and the co-units (协办) as "
        "part of signing. EC 四(三): 凡涉及两个及两个以上科室的督办事项, "
        "由主要领导指明主办科室和协办科室. RI 四(二)3: 几个部门共同承办的, 由所领导确定牵头部门. "
        "UN: none.",
    )

    sign_for_by = fields.Selection(
        [
            ("unit", "Anyone acting for the unit (its liaison, head or staff)"),
            ("head", "The unit's head, or the delegate the head names"),
        ],
        string="Who signs for a notice",
        required=True,
        default="unit",
        help="UN 三(二): 对学校办公室签发的通知单, 一般应由各单位主要负责人签收 — the head, or "
        "the member of the unit the head names. EC 附件1 and RI 四(二)3: the unit.",
    )
    result_reporting = fields.Selection(
        [
            ("none", "No step beyond the office's acceptance"),
            ("office", "The office submits each accepted report to the signing leader"),
            ("office_head", "The office head reviews the result, the leader in charge reads it"),
        ],
        string="Results go up to the leaders",
        required=True,
        default="none",
        help="RI 四(二)5: 由所办公室呈报所领导. UN 三(五): 学校办公室负责人审阅后, 及时向分管校领导"
        "汇报, 同时向有关部门反馈. EC: none beyond the office's review.",
    )
    urge_method_ids = fields.Many2many(
        "duban.urge.method",
        string="Supervision methods",
        help="The ways the office may urge a unit. EC 四(三): 电话、督办函、催办提示单; "
        "RI 六: 书面, 电话和邮件; UN 四: 催报, 调研, 工作组, 学校领导协调, 质询、查表、查账. "
        "A message on a "
        "delivery channel (WeCom, DingTalk) is offered with each.",
    )

    # ---- What models ask ----

    def _route_office(self, item):
        """The supervising office this policy's routes give ``item``; empty when none does."""
        self.ensure_one()
        route = next((route for route in self.route_ids if route._matches(item)), None)
        return route._target_office(item) if route else self.env["hr.department"]

    def _lead_unit_named_by_principal(self):
        self.ensure_one()
        return self.lead_unit_namer == "principal"
