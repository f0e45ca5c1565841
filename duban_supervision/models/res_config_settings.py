from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .selections import DEFAULT_DAYS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    duban_principal_id = fields.Many2one(
        related="company_id.duban_principal_id", readonly=False, string="Principal leader"
    )
    duban_number_pattern = fields.Char(
        related="company_id.duban_number_pattern", readonly=False, string="Notice number pattern"
    )

    duban_intake_senders = fields.Text(related="company_id.duban_intake_senders", readonly=False)
    duban_intake_alias_id = fields.Many2one(
        "mail.alias",
        string="Supervision mail alias",
        compute="_compute_duban_intake_alias_id",
    )
    duban_intake_model_ids = fields.Many2many(
        related="company_id.duban_intake_model_ids", readonly=False
    )
    duban_special_days = fields.Integer(
        string="Special items (working days)",
        config_parameter="duban_supervision.special_days",
        default=DEFAULT_DAYS["special_days"],
        help="Default time limit of special items; 0 leaves it to a date.",
    )
    duban_decision_days = fields.Integer(
        string="Decision items (working days)",
        config_parameter="duban_supervision.decision_days",
        default=DEFAULT_DAYS["decision_days"],
        help="Default time limit of decision items; 0 leaves it to a date.",
    )
    duban_registration_days = fields.Integer(
        string="Register within (working days)",
        config_parameter="duban_supervision.registration_days",
        default=DEFAULT_DAYS["registration_days"],
    )
    duban_yellow_days = fields.Integer(
        string="Due soon within (working days)",
        config_parameter="duban_supervision.yellow_days",
        default=DEFAULT_DAYS["yellow_days"],
    )
    duban_reminder_days = fields.Integer(
        string="Remind before (working days)",
        config_parameter="duban_supervision.reminder_days",
        default=DEFAULT_DAYS["reminder_days"],
    )
    duban_escalate_head_days = fields.Integer(
        string="Unit head after (working days overdue)",
        config_parameter="duban_supervision.escalate_head_days",
        default=DEFAULT_DAYS["escalate_head_days"],
    )
    duban_escalate_leader_days = fields.Integer(
        string="Leader in charge after (working days overdue)",
        config_parameter="duban_supervision.escalate_leader_days",
        default=DEFAULT_DAYS["escalate_leader_days"],
    )
    duban_escalate_principal_days = fields.Integer(
        string="Principal leader after (working days overdue)",
        config_parameter="duban_supervision.escalate_principal_days",
        default=DEFAULT_DAYS["escalate_principal_days"],
    )

    def _compute_duban_intake_alias_id(self):
        alias = self.env.ref("duban_supervision.mail_alias_duban_intake", raise_if_not_found=False)
        for settings in self:
            settings.duban_intake_alias_id = alias

    def set_values(self):
        result = super().set_values()
        self.env["duban.item.intake"]._sync_bindings(self.company_id.duban_intake_model_ids)
        return result

    @api.constrains(
        "duban_special_days",
        "duban_decision_days",
        "duban_registration_days",
        "duban_yellow_days",
        "duban_reminder_days",
        "duban_escalate_head_days",
        "duban_escalate_leader_days",
        "duban_escalate_principal_days",
    )
    def _check_duban_days(self):
        for settings in self:
            ladder = (
                settings.duban_escalate_head_days,
                settings.duban_escalate_leader_days,
                settings.duban_escalate_principal_days,
            )
            days = (
                settings.duban_special_days,
                settings.duban_decision_days,
                settings.duban_registration_days,
                settings.duban_yellow_days,
                settings.duban_reminder_days,
                *ladder,
            )
            if any(d < 0 for d in days):
                raise ValidationError(self.env._("Numbers of days cannot be negative."))
            if not ladder[0] <= ladder[1] <= ladder[2]:
                raise ValidationError(
                    self.env._(
                        "Overdue reminders escalate step by step: the unit head first, then the "
                        "leader in charge, then the principal leader."
                    )
                )

    @api.constrains("duban_number_pattern")
    def _check_duban_number_pattern(self):
        for settings in self:
            settings.company_id._check_duban_number_pattern_value(settings.duban_number_pattern)
