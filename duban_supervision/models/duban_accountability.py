from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import format_date

MEASURES = [
    ("explain_leader", "Explanation to the leader in charge"),
    ("explain_principal", "Explanation to the principal leader"),
    ("explain_meeting", "Explanation at a meeting"),
    ("interview", "Admonitory talk (约谈)"),
    ("criticism", "Circulated criticism (通报批评)"),
    ("warning", "Cautionary talk (诫勉谈话)"),
    ("self_criticism", "Public self-criticism"),
    ("discipline", "Disciplinary sanction proposal"),
]
# who decides each measure: the unit's leader in charge for the lightest steps of the ladders
# (EC 五(一) 约谈; UN 五(二)1 向分管领导说明情况), the principal leader for the others
LEADER_MEASURES = ("explain_leader", "interview")


class DubanAccountability(models.Model):
    """An accountability measure (问责) on a unit: proposed by the rules or by the office, then
    confirmed or dismissed by the leader its level names — the unit's leader in charge for the
    lightest steps, the principal leader for the others. Nothing is sanctioned automatically."""

    _name = "duban.accountability"
    _description = "Supervision accountability measure"
    _inherit = ["mail.thread", "mail.activity.mixin", "duban.workflow.mixin"]
    _order = "date_proposed desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    # the office words a proposal until it decides; a decision is final
    _write_table = {
        "proposed": {
            "officer": (
                "measure",
                "company_id",
                "department_id",
                "responsible_id",
                "item_ids",
                "grounds",
            )
        },
    }

    measure = fields.Selection(MEASURES, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, check_company=True
    )
    responsible_id = fields.Many2one(
        "res.users", string="Person responsible", tracking=True, help="Usually the unit head."
    )
    item_ids = fields.Many2many("duban.item", string="Items concerned", check_company=True)
    assignment_id = fields.Many2one(
        "duban.assignment",
        index=True,
        readonly=True,
        help="The share of work whose history led the rules to this proposal.",
    )
    origin = fields.Selection(
        [("rule", "Proposed by the rules"), ("manual", "Proposed by the office")],
        default="manual",
        required=True,
        readonly=True,
    )
    grounds = fields.Text(help="Why the measure is proposed.")
    date_proposed = fields.Date(
        string="Proposed on", default=fields.Date.context_today, required=True, readonly=True
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Confirmed"), ("dismissed", "Dismissed")],
        default="proposed",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Proposed: waits for the decision of the leader the measure's level names. "
        "Confirmed: the measure was decided. Dismissed: the leader found the delay justified, "
        "with the reason.",
    )
    date_decided = fields.Date(string="Decided on", readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True, copy=False)
    decision_reason = fields.Text(string="Reason of the decision", readonly=True, copy=False)
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    security_rank = fields.Integer(
        compute="_compute_security_rank",
        store=True,
        help="The highest confidentiality of the items concerned.",
    )

    _assignment_measure_unique = models.Constraint(
        "UNIQUE(assignment_id, measure)",
        "The rules propose a measure only once for the same assignment.",
    )

    @api.depends("date_proposed", "date_decided")
    def _compute_year(self):
        for record in self:
            record.year = (record.date_decided or record.date_proposed or fields.Date.today()).year

    @api.depends("item_ids.security_rank")
    def _compute_security_rank(self):
        for record in self:
            record.security_rank = max(record.item_ids.mapped("security_rank") or [0])

    @api.depends("measure", "department_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["measure"]._description_selection(self.env))
        for record in self:
            record.display_name = (
                f"{record.department_id.name or ''} · {labels.get(record.measure, '')}"
            )

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {
            "date_decided",
            "decided_by_id",
            "decision_reason",
            "origin",
            "assignment_id",
            "date_proposed",
        }

    def write(self, vals):
        decided = self.filtered(lambda r: r.state != "proposed")
        if decided and not self.env.su:
            raise UserError(self.env._("A decided measure can no longer be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_decided(self):
        if any(record.state != "proposed" or record.origin == "rule" for record in self):
            raise UserError(
                self.env._(
                    "Decided measures and the rules' proposals stay on record; dismiss them."
                )
            )

    # ---- Actions ----

    def action_confirm(self):
        self._check_state("proposed", self.env._("confirm"))
        self._check_decider_rights()
        self._check_cites_items()
        self._write_transition(
            {
                "state": "confirmed",
                "date_decided": fields.Date.context_today(self),
                "decided_by_id": self.env.user.id,
            }
        )
        self._activity_sync()
        return True

    def action_dismiss(self):
        self._check_state("proposed", self.env._("dismiss"))
        self._check_decider_rights()
        return self._open_reason_wizard("dismiss", self.env._("Dismiss the proposal"))

    def _action_dismiss(self, reason):
        self._check_state("proposed", self.env._("dismiss"))
        self._check_decider_rights()
        self._write_transition(
            {
                "state": "dismissed",
                "date_decided": fields.Date.context_today(self),
                "decided_by_id": self.env.user.id,
                "decision_reason": reason,
            }
        )
        self._activity_sync()

    # ---- Rules ----

    @api.model
    def _cron_propose(self):
        """Daily: propose what the rules say for overdue, urged work; decide nothing."""
        self._propose_interviews()
        self._propose_criticisms()

    @api.model
    def _open_overdue_urged_domain(self):
        return Domain(
            [
                ("state", "in", ("to_sign", "in_progress")),
                ("item_id.state", "in", ("issued", "in_progress")),
                # red against the time limit in force: a delay an approved extension granted is
                # reasonable until the new limit, and an extended item overrunning it is
                # proposed again
                ("traffic_light", "=", "red"),
                ("urge_ids.state", "in", ("sent", "answered")),
            ]
        )

    @api.model
    def _propose_interviews(self):
        """Overdue and urged, with no explanation the office accepted: an admonitory talk."""
        Assignment = self.env["duban.assignment"]
        explained = self.env["duban.report"]._read_group(
            [("state", "=", "accepted"), ("delay_reason", "!=", False)], ["assignment_id"]
        )
        domain = self._open_overdue_urged_domain() & Domain(
            "id", "not in", [assignment.id for (assignment,) in explained]
        )
        already = self.search([("measure", "=", "interview"), ("assignment_id", "!=", False)])
        domain &= Domain("id", "not in", already.assignment_id.ids)
        self._create_proposals(Assignment.search(domain), "interview")

    @api.model
    def _propose_criticisms(self):
        """Still unfinished after the talk and urged again since: a circulated criticism."""
        talks = self.search(
            [
                ("measure", "=", "interview"),
                ("state", "=", "confirmed"),
                ("assignment_id", "!=", False),
            ]
        )
        criticised = self.search([("measure", "=", "criticism")]).assignment_id
        candidates = (
            talks.assignment_id.filtered_domain(self._open_overdue_urged_domain()) - criticised
        )
        due = self.env["duban.assignment"]
        for talk in talks.filtered(lambda t: t.assignment_id in candidates):
            if any(urge.date > talk.date_decided for urge in talk.assignment_id.urge_ids):
                due |= talk.assignment_id
        self._create_proposals(due, "criticism")

    @api.model
    def _create_proposals(self, assignments, measure):
        if not assignments:
            return self.browse()
        labels = dict(self._fields["measure"]._description_selection(self.env))
        proposals = self.sudo().create(
            [
                {
                    "measure": measure,
                    "origin": "rule",
                    "company_id": assignment.company_id.id,
                    "department_id": assignment.department_id.id,
                    "responsible_id": assignment.head_id.id,
                    "assignment_id": assignment.id,
                    "item_ids": [(6, 0, assignment.item_id.ids)],
                    "grounds": self.env._(
                        "%(item)s is overdue since %(deadline)s and was urged %(count)s time(s) "
                        "without an accepted explanation: the rules propose %(measure)s.",
                        item=assignment.item_id._get_safe_label(),
                        deadline=format_date(self.env, assignment.date_deadline),
                        count=assignment.urge_count,
                        measure=labels[measure],
                    ),
                }
                for assignment in assignments
            ]
        )
        proposals._activity_sync()
        return proposals

    # ---- Business methods ----

    def _get_decider(self):
        """The leader who decides this measure: the unit's leader in charge for a talk or an
        explanation to them, else (or when the unit has none) the principal leader."""
        self.ensure_one()
        leader = self.department_id.duban_leader_id.filtered("active")
        if self.measure in LEADER_MEASURES and leader:
            return leader
        return self.company_id.duban_principal_id

    def _check_decider_rights(self):
        """The leader the measure's level names decides it, never the office alone; the
        principal leader and the supervision administrators may decide any."""
        if self.env.su:
            return
        user = self.env.user
        overall = user.has_group("duban_supervision.group_duban_principal") or user.has_group(
            "duban_supervision.group_duban_manager"
        )
        for record in self:
            if not overall and record._get_decider() != user:
                raise AccessError(
                    self.env._(
                        "Only %(leader)s decides on “%(measure)s”: the leaders decide "
                        "accountability, each at the level of the measure.",
                        leader=record._get_decider().name or self.env._("the principal leader"),
                        measure=record.display_name,
                    )
                )
        self.check_access("read")

    def _check_cites_items(self):
        uncited = self.filtered(lambda record: not record.item_ids)
        if uncited:
            raise UserError(
                self.env._(
                    "“%(measure)s” cites no supervision item: a measure is confirmed only on "
                    "the items that justify it.",
                    measure=uncited[0].display_name,
                )
            )

    def _get_activity_type_xmlids(self):
        return ["duban_supervision.mail_act_duban_accountability"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "proposed":
            return []
        return [
            {
                "type": "duban_supervision.mail_act_duban_accountability",
                "user": self._get_decider(),
                "summary": self.env._(
                    "Decide on the proposed measure: %(name)s", name=self.display_name
                ),
            }
        ]
