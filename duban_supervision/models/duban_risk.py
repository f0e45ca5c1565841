from odoo import api, fields, models
from odoo.exceptions import UserError

from .duban_text_guard import TEXT_MAX

HELP_FROM = [
    ("office", "The supervising office"),
    ("leader", "The leader in charge"),
    ("unit", "Another unit"),
    ("higher", "A higher authority"),
]


class DubanRisk(models.Model):
    """A difficulty a unit raises early on its assignment (风险/困难上报), and how it was solved.

    The supervising office and the unit's leader in charge are told at once; the time it takes
    to solve is kept, so that the office's duty to help is visible in the statistics.
    """

    _name = "duban.risk"
    _description = "Supervision difficulty"
    _inherit = ["duban.assignment.record.mixin"]
    _order = "date_raised desc, id desc"
    # the unit describes its difficulty while it is open; the office resolves it by its button
    _write_table = {
        "create": {
            "liaison": (
                "assignment_id",
                "description",
                "help_needed",
                "help_from",
                "help_department_id",
            )
        },
        "open": {"liaison": ("description", "help_needed", "help_from", "help_department_id")},
    }
    _text_limits = {"description": TEXT_MAX, "help_needed": TEXT_MAX}
    description = fields.Text(string="Difficulty", required=True)
    help_needed = fields.Text(string="Help needed", required=True)
    help_from = fields.Selection(HELP_FROM, string="Help from", required=True, default="office")
    help_department_id = fields.Many2one(
        "hr.department", string="Unit asked for help", check_company=True
    )
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        help="Open: the difficulty waits for help. Resolved: it was solved, as described.",
    )
    date_raised = fields.Date(
        string="Raised on", default=fields.Date.context_today, required=True, readonly=True
    )
    resolution = fields.Text(readonly=True, copy=False)
    date_resolved = fields.Date(string="Resolved on", readonly=True, copy=False)
    days_to_resolve = fields.Integer(
        compute="_compute_days_to_resolve", store=True, aggregator="avg"
    )

    @api.depends("date_raised", "date_resolved")
    def _compute_days_to_resolve(self):
        for risk in self:
            risk.days_to_resolve = (
                (risk.date_resolved - risk.date_raised).days if risk.date_resolved else 0
            )

    @api.depends("assignment_id", "date_raised")
    def _compute_display_name(self):
        for risk in self:
            risk.display_name = (
                f"{risk.item_id._get_safe_label()} · {risk.department_id.name or ''}"
            )

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {"resolution", "date_resolved", "date_raised"}

    @api.model_create_multi
    def create(self, vals_list):
        risks = super().create(vals_list)
        risks.assignment_id._check_state(
            ("to_sign", "in_progress"), self.env._("raise a difficulty on")
        )
        risks.assignment_id._check_unit_rights()
        risks._activity_sync()
        return risks

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A difficulty raised stays in the item's record."))

    def action_resolve(self):
        self._check_state("open", self.env._("resolve"))
        self.item_id._check_office_rights()
        return self._open_reason_wizard("resolve", self.env._("How was it solved?"))

    def _action_resolve(self, resolution):
        self._check_state("open", self.env._("resolve"))
        self.item_id._check_office_rights()
        self._write_transition(
            {
                "state": "resolved",
                "resolution": resolution,
                "date_resolved": fields.Date.context_today(self),
            }
        )
        self._activity_sync()

    def _get_activity_type_xmlids(self):
        return ["duban_supervision.mail_act_duban_risk"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "open":
            return []
        summary = self.env._(
            "%(unit)s needs help on %(item)s",
            unit=self.department_id.name,
            item=self.item_id._get_safe_label(),
        )
        return [
            {"type": "duban_supervision.mail_act_duban_risk", "user": user, "summary": summary}
            for user in (self.item_id.user_id, self.department_id.duban_leader_id)
            if user
        ]
