from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .duban_accountability import MEASURES

DAY_COUNTINGS = [("working_days", "Working days"), ("calendar_days", "Calendar days")]
# the day fields of a policy: none may be negative
DAY_FIELDS = (
    "special_days",
    "decision_days",
    "registration_days",
    "objection_days",
    "yellow_days",
    "reminder_days",
    "escalate_head_days",
    "escalate_leader_days",
    "escalate_principal_days",
)


# what an administrator sets on a policy of their own (the presets refuse all but the order)
POLICY_FIELDS = (
    "name",
    "sequence",
    "active",
    "document",
    "day_counting",
    *DAY_FIELDS,
    "number_pattern",
    "notice_signer",
    "pre_sign_review",
    "report_signer",
    "extension_approver",
    "award_bar_measure",
)


class DubanPolicy(models.Model):
    """One institution's 督办制度: the rules that differ from one document to another.

    Each company follows one policy (``res.company.duban_policy_id``); models ask it through
    small methods instead of carrying an institution's numbers themselves. Three presets ship
    as data, one per document; they follow the document and are not edited: an administrator
    copies one and edits the copy.
    """

    _name = "duban.policy"
    _description = "Supervision rules"
    _inherit = ["duban.write.guard"]
    _order = "sequence, id"
    _write_table = {"*": {"manager": POLICY_FIELDS}}

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    preset = fields.Boolean(
        readonly=True,
        copy=False,
        help="Shipped with duban and kept equal to its document: copy it to change a rule.",
    )
    document = fields.Char(
        help="The 制度 these rules implement, as the institution published it.",
    )
    company_ids = fields.One2many("res.company", "duban_policy_id", string="Companies")

    # ---- Time limits ----
    day_counting = fields.Selection(
        DAY_COUNTINGS,
        string="Day counting",
        required=True,
        default="working_days",
        help="How a time limit given in days is counted by default. RI 五(一) “10日内” counts "
        "calendar days; EC 四(一) and UN 三 count working days on the official calendar.",
    )
    special_days = fields.Integer(
        string="Special items: default time limit (days)",
        default=0,
        help="Proposed time limit of a special item (专项督办), counted as the day counting says; "
        "0 leaves it to a date. RI 五(一): 专项督办事项一般应在10日内办结. EC 四(一) and UN 三(一) "
        "fix each item's own time limit.",
    )
    decision_days = fields.Integer(
        string="Decision items: default time limit (days)",
        default=0,
        help="Proposed time limit of a decision item (决策督办); 0 leaves it to a date. RI 五(二): "
        "按督办通知要求的时间 — each notice gives its own.",
    )
    registration_days = fields.Integer(
        string="Register within (working days)",
        default=0,
        help="Working days from receiving an instruction, document or decision to registering "
        "its item; 0: no window. EC 四(一): 在5个工作日内确定督办事项. RI and UN set none.",
    )
    objection_days = fields.Integer(
        string="Objection window (working days)",
        default=0,
        help="Working days after its notice during which a unit may object to its assignment; "
        "0: units cannot object. EC 附件1: 收到通知单后1个工作日内提出转办意见函. RI and UN "
        "provide no objection.",
    )

    # ---- Traffic lights and reminders ----
    yellow_days = fields.Integer(
        string="Due soon within (working days)",
        default=3,
        help="The light turns yellow this many working days before the time limit. None of the "
        "documents fixes it (EC 四(三) 强化跟踪督办, RI 四(二)4 适时提醒, UN 三(三) 定期检查): "
        "the office's own choice.",
    )
    reminder_days = fields.Integer(
        string="Remind before (working days)",
        default=2,
        help="The liaison is reminded this many working days before the time limit (RI 四(二)4 "
        "适时提醒、督促; UN 四(一) 催报).",
    )
    escalate_head_days = fields.Integer(
        string="Unit head after (working days overdue)",
        default=1,
        help="Overdue this many working days, the unit head is reminded: the unit's 主要负责人 "
        "is its first responsible (RI 三(二), UN 一).",
    )
    escalate_leader_days = fields.Integer(
        string="Leader in charge after (working days overdue)",
        default=3,
        help="Then the leader in charge (分管领导, UN 一: 分管领导为分管工作的直接责任人).",
    )
    escalate_principal_days = fields.Integer(
        string="Principal leader after (working days overdue)",
        default=5,
        help="Then the principal leader (EC 四(三): 特殊问题可提请主要领导协调解决; UN 四(四) "
        "久拖无果的工作, 学校领导协调).",
    )

    # ---- Signers and authorities ----
    notice_signer = fields.Selection(
        [
            ("by_importance", "Leader in charge; the principal leader for major items"),
            ("principal_or_leader", "The principal leader or the leader in charge"),
            ("leader", "The leader the office submits it to"),
        ],
        string="Who signs a notice",
        required=True,
        default="by_importance",
        help="EC 四(一): 一般事项呈分管领导签发, 重大事项需呈主要领导签发 — a major item must be "
        "signed by a principal leader. UN 三(一): 拟办意见呈送校长或分管领导批示 — the principal "
        "leader may sign any item. RI 四(二)2: 报所领导审批同意 — the institute leader the office "
        "submits it to.",
    )
    pre_sign_review = fields.Selection(
        [
            ("none", "None"),
            ("ordinary", "The supervising office's head reviews ordinary items (审核)"),
            ("all", "The supervising office's head gives the proposed handling (拟办意见)"),
        ],
        string="Review before signing",
        required=True,
        default="none",
        help="Who reviews a notice before the leader signs it. EC 四(一): "
        "一般事项由负责督办科室长审核后呈分管领导签发. UN 三(一): 学校办公室提出拟办意见 (printed "
        "in 学校办公室负责人意见). RI 四(二)2: none.",
    )
    report_signer = fields.Selection(
        [
            ("leader_in_charge", "The unit's leader in charge (分管领导审核签字)"),
            ("unit_head", "The unit's head (主要负责同志审签)"),
            ("unit", "The unit itself, without a signature step"),
        ],
        string="Who signs a unit's report",
        required=True,
        default="unit_head",
        help="EC 四(二): 报告单由分管领导审核签字 (附件1: 经科室分管领导签字并加盖单位公章). RI "
        "四(二)5: 经主要负责同志审签后报告. UN 三(五): 承办单位以书面报告形式交学校办公室.",
    )
    extension_approver = fields.Selection(
        [
            ("principal", "The principal leader"),
            ("office", "The supervising office grants extensions"),
        ],
        string="Who grants an extension",
        required=True,
        default="principal",
        help="EC 四(二): 调整目标、延期或终止办理的, 须经主要领导批准. RI 五(一): "
        "难以在规定时限办结的, 与所办公室沟通联系, 可适当延长办理时间 — the office extends; "
        "adjusting and terminating stay with the principal leader. UN sets nothing: the principal "
        "leader.",
    )

    # ---- Accountability ----
    award_bar_measure = fields.Selection(
        MEASURES,
        string="Measures that bar awards from",
        help="A unit with a confirmed measure of this weight or heavier in the year is not "
        "eligible for awards (评优评先). EC 五(二): 凡受到过通报批评及以上处理的单位, "
        "取消当年评优评先资格. RI 七(三) and UN 五(三) make the record a basis of the annual "
        "assessment without barring: empty.",
    )

    # ---- Numbers ----
    number_pattern = fields.Char(
        string="Notice number pattern",
        required=True,
        default="〔%(year)s〕%(seq)s号",
        help="How issued items are numbered: %(year)s is the year of issue, %(seq)s the "
        "company's yearly number. EC 附件1: 〔2021〕***号; UN 通知单: 通师督字[ ]第 号.",
    )

    # ---- Constraints ----

    @api.constrains(*DAY_FIELDS)
    def _check_days(self):
        for policy in self:
            if any(policy[name] < 0 for name in DAY_FIELDS):
                raise ValidationError(
                    self.env._(
                        "“%(policy)s”: numbers of days cannot be negative.", policy=policy.name
                    )
                )
            if not (
                policy.escalate_head_days
                <= policy.escalate_leader_days
                <= policy.escalate_principal_days
            ):
                raise ValidationError(
                    self.env._(
                        "“%(policy)s”: overdue reminders escalate step by step: the unit head "
                        "first, then the leader in charge, then the principal leader.",
                        policy=policy.name,
                    )
                )

    @api.constrains("number_pattern")
    def _check_number_pattern(self):
        for policy in self:
            policy._check_number_pattern_value(policy.number_pattern)

    def _check_number_pattern_value(self, pattern):
        """Refuse a pattern that cannot number notices, with the reason in the user's words."""
        try:
            (pattern or "") % {"year": 2026, "seq": 1}
        except (KeyError, ValueError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "The notice number pattern “%(pattern)s” is not valid (%(error)s). Use "
                    "%%(year)s for the year and %%(seq)s for the number, "
                    "e.g. 〔%%(year)s〕%%(seq)s号.",
                    pattern=pattern,
                    error=error,
                )
            ) from error
        if "%(seq)" not in (pattern or ""):
            raise ValidationError(
                self.env._(
                    "The notice number pattern “%(pattern)s” must contain %%(seq)s, or every "
                    "notice would get the same number.",
                    pattern=pattern,
                )
            )

    # ---- CRUD ----

    def write(self, vals):
        # the data files themselves (run as superuser) keep the presets equal to their document
        if not self.env.su and any(self.mapped("preset")) and set(vals) - {"sequence"}:
            raise UserError(
                self.env._(
                    "“%(policy)s” is the preset of its document and is not edited: duplicate it "
                    "and edit the copy, then choose the copy in the settings.",
                    policy=self.filtered("preset")[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if any(self.mapped("preset")):
            raise UserError(self.env._("The presets of the documents cannot be deleted."))
        used = self.with_context(active_test=False).company_ids
        if used:
            raise UserError(
                self.env._(
                    "%(company)s follows these rules; choose other rules for it first.",
                    company=used[0].name,
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for policy, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%(name)s (copy)", name=policy.name)
        return vals_list

    # ---- What models ask ----

    def _default_deadline_days(self, kind):
        """The time limit proposed for a new item of ``kind``, in this policy's days; 0: none."""
        self.ensure_one()
        return {"special": self.special_days, "decision": self.decision_days}.get(kind, 0)

    def _registration_limit(self, date_received):
        """The last day to register an item received on ``date_received``; False without a
        registration window."""
        self.ensure_one()
        if not date_received or not self.registration_days:
            return False
        return self.env["duban.calendar"].add_workdays(date_received, self.registration_days)

    def _objection_limit(self, date_notified):
        """The last day a unit notified on ``date_notified`` may object; False when it may not."""
        self.ensure_one()
        if not date_notified or not self.objection_days:
            return False
        return self.env["duban.calendar"].add_workdays(date_notified, self.objection_days)

    def _yellow_limit(self, today):
        """Time limits up to this date light yellow (from ``today`` on)."""
        self.ensure_one()
        return self.env["duban.calendar"].add_workdays(today, self.yellow_days)

    def _reminder_ladder(self, today):
        """The date each step of the reminder ladder starts, as of ``today``."""
        self.ensure_one()
        calendar = self.env["duban.calendar"]
        return {
            "today": today,
            # deadlines up to this date are in the "before" window
            "before": calendar.add_workdays(today, self.reminder_days),
            # deadlines on or before these dates are overdue by that many working days
            "head": calendar.add_workdays(today, -self.escalate_head_days),
            "leader": calendar.add_workdays(today, -self.escalate_leader_days),
            "principal": calendar.add_workdays(today, -self.escalate_principal_days),
        }

    def _pre_sign_needed(self, importance):
        """Whether an item of ``importance`` is reviewed by its office's head before signing."""
        self.ensure_one()
        return self.pre_sign_review == "all" or (
            self.pre_sign_review == "ordinary" and importance != "major"
        )

    def _bars_awards(self, measure):
        """Whether a confirmed ``measure`` removes the unit's eligibility for awards."""
        self.ensure_one()
        if not self.award_bar_measure:
            return False
        rank = [key for key, _label in MEASURES]
        return rank.index(measure) >= rank.index(self.award_bar_measure)

    def _format_number(self, year, seq):
        """A notice number in this policy's pattern."""
        self.ensure_one()
        return self.number_pattern % {"year": year, "seq": seq}
