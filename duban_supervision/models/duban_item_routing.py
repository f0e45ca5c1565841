from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class DubanItem(models.Model):
    """Where an item goes and who signs it, by the company's rules.

    Routing: the company's own rules, then its supervision rules' routes (EC 三), and a signer
    for every routed item. Naming the lead unit (主办/牵头) of an item given to two or more
    units, as part of signing: EC 四(三) 由主要领导指明主办科室和协办科室; RI 四(二)3
    由所领导确定牵头部门 (``duban.policy.lead_unit_namer``).
    """

    _inherit = "duban.item"

    party_work = fields.Boolean(
        string="Party building or ideology",
        tracking=True,
        help="党建、意识形态工作: where the rules route such items to their own office (EC 三(三): "
        "组织科).",
    )

    def _get_write_table(self):
        table = super()._get_write_table()
        draft = table["draft"]
        return dict(table, draft=dict(draft, officer=(*draft["officer"], "party_work")))

    # ---- Computes ----

    @api.depends(
        "source",
        "source_body",
        "instructing_leader_id",
        "meeting_type_id",
        "party_work",
        "company_id",
    )
    def _compute_office_id(self):
        """The company's own routing rules first, then the routes of its supervision rules;
        without either, the office stays as the clerk set it."""
        rules = self.env["duban.routing.rule"]
        for item in self:
            leader = item.instructing_leader_id
            rule = rules._find_rule(item.company_id, item.source, item.source_body, leader)
            office = rule._target_office(leader)
            if not office and item.company_id:
                office = item.company_id._duban_policy()._route_office(item)
            item.office_id = office or item.office_id

    # ---- Business methods ----

    def _my_pending_assignments(self, shares=None):
        # where the unit's head signs for notices, the others of the unit see nothing to sign
        assignments = super()._my_pending_assignments(shares)
        return assignments.filtered(lambda a: a._may_sign_for(self.env.user))

    def _is_principal_leader(self, user):
        """Whether ``user`` is the principal leader (主要领导) of the item's company."""
        self.ensure_one()
        return bool(user) and (
            user == self.company_id.duban_principal_id
            or user.has_group("duban_supervision.group_duban_principal")
        )

    def _check_ready_to_submit(self):
        self._check_signer_found()
        return super()._check_ready_to_submit()

    def _check_signer_found(self):
        """Every item ends up with a signer: the office's 分管领导, or the 主要领导 for 重大.
        Say which office or company lacks one rather than only that a signer is missing."""
        self.ensure_one()
        if self.approver_id or not self.office_id:
            return
        if self.importance == "major":
            raise UserError(
                self.env._(
                    "“%(item)s” is a major item and is signed by the principal leader, but "
                    "%(company)s has none. Set the principal leader in the supervision settings.",
                    item=self.display_name,
                    company=self.company_id.name,
                )
            )
        raise UserError(
            self.env._(
                "%(office)s supervises “%(item)s” but has no leader in charge (分管领导) to sign "
                "it. Set the leader in charge on %(office)s first.",
                office=self.office_id.name,
                item=self.display_name,
            )
        )

    # ---- Naming the lead unit ----

    lead_named_by_id = fields.Many2one(
        "res.users",
        string="Lead unit named by",
        readonly=True,
        copy=False,
        tracking=True,
        help="The leader who named (or confirmed) the lead unit and the co-units while signing.",
    )
    lead_named_date = fields.Date(string="Lead unit named on", readonly=True, copy=False)
    lead_naming_pending = fields.Boolean(
        string="Waits for the lead unit to be named",
        compute="_compute_lead_naming_pending",
        help="Given to two or more units, the notice waits for the leader the rules name to "
        "name its lead unit before it is signed.",
    )
    can_name_lead = fields.Boolean(compute="_compute_can_name_lead")

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {"lead_named_by_id", "lead_named_date"}

    # ---- Computes ----

    @api.depends(
        "state", "lead_department_id", "co_department_ids", "lead_named_by_id", "company_id"
    )
    def _compute_lead_naming_pending(self):
        for item in self:
            item.lead_naming_pending = bool(
                item.state == "to_approve"
                and not item.lead_named_by_id
                and len(item.lead_department_id | item.co_department_ids) >= 2
                and item.company_id._duban_policy().lead_unit_namer != "none"
            )

    @api.depends_context("uid")
    @api.depends("lead_naming_pending", "pre_sign_pending", "approver_id")
    def _compute_can_name_lead(self):
        for item in self:
            item.can_name_lead = (
                item.lead_naming_pending
                and not item.pre_sign_pending
                and item._may_name_lead(self.env.user)
            )

    # ---- Actions ----

    def action_name_lead_unit(self):
        """Open the dialog in which the leader names the lead unit (and signs, if theirs)."""
        self.ensure_one()
        self._check_can_name_lead()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Name the lead unit"),
            "res_model": "duban.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_item_id": self.id},
        }

    def _action_approve(self, opinion):
        # signing without the dialog confirms the office's proposal, when the signer names it
        pending = self.filtered("lead_naming_pending")
        if pending:
            pending._check_pre_signed()
            pending._check_signing_rights()
        for item in pending:
            if self.env.su:
                continue
            if not item._may_name_lead(self.env.user):
                raise UserError(
                    self.env._(
                        "“%(item)s” is given to two or more units: %(namer)s first names its "
                        "lead unit, then it is signed.",
                        item=item.display_name,
                        namer=item._get_lead_namer_label(),
                    )
                )
            item._name_lead_unit(item.lead_department_id, item.co_department_ids)
        return super()._action_approve(opinion)

    def _action_refuse(self, reason):
        result = super()._action_refuse(reason)
        # a notice submitted again is named again: its units may change meanwhile
        self._write_transition({"lead_named_by_id": False, "lead_named_date": False})
        return result

    # ---- Business methods ----

    def _may_name_lead(self, user):
        """Whether ``user`` names the lead unit of this item under its company's rules."""
        self.ensure_one()
        namer = self.company_id._duban_policy().lead_unit_namer
        if namer == "principal":
            return self._is_principal_leader(user)
        if namer == "signer":
            is_principal = user.has_group("duban_supervision.group_duban_principal")
            return self._may_sign(user, is_principal)
        return False

    def _get_lead_namer_label(self):
        self.ensure_one()
        if self.company_id._duban_policy().lead_unit_namer == "principal":
            return self.company_id.duban_principal_id.name or self.env._("the principal leader")
        return self.approver_id.name or self.env._("its signing leader")

    def _check_can_name_lead(self):
        self._check_state("to_approve", self.env._("name the lead unit of"))
        self._check_pre_signed()
        for item in self:
            if not item.lead_naming_pending:
                raise UserError(
                    self.env._(
                        "“%(item)s” waits for nobody to name its lead unit.",
                        item=item.display_name,
                    )
                )
            if not self.env.su and not item._may_name_lead(self.env.user):
                raise AccessError(
                    self.env._(
                        "Only %(namer)s names the lead unit of “%(item)s”.",
                        namer=item._get_lead_namer_label(),
                        item=item.display_name,
                    )
                )

    def _name_lead_unit(self, lead, co_units):
        """Record who named ``lead`` the lead unit and ``co_units`` the co-units, and when."""
        self.ensure_one()
        self._check_can_name_lead()
        if not lead:
            raise UserError(self.env._("Name the lead unit of “%(item)s”.", item=self.display_name))
        co_units -= lead
        foreign = (lead | co_units).filtered(
            lambda d: d.company_id and d.company_id != self.company_id
        )
        if foreign:
            raise UserError(
                self.env._(
                    "%(unit)s belongs to another company and cannot be given “%(item)s”.",
                    unit=foreign[0].name,
                    item=self.display_name,
                )
            )
        vals = {
            "lead_named_by_id": self.env.user.id,
            "lead_named_date": fields.Date.context_today(self),
        }
        changed = lead != self.lead_department_id or co_units != self.co_department_ids
        if changed:
            vals["lead_department_id"] = lead.id
            vals["co_department_ids"] = [Command.set(co_units.ids)]
        self._write_transition(vals)
        if changed:
            self._check_units_reachable()
        self.message_post(
            body=self.env._(
                "%(leader)s named the lead unit: %(lead)s; co-units: %(co_units)s.",
                leader=self.env.user.name,
                lead=lead.name,
                co_units="、".join(co_units.mapped("name")) or self.env._("none"),
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._activity_sync()

    def _get_activity_plan(self):
        plan = super()._get_activity_plan()
        principal = self.company_id.duban_principal_id
        if (
            self.lead_naming_pending
            and not self.pre_sign_pending
            and not self._may_name_lead(self.approver_id)
            and principal
        ):
            return [
                {
                    "type": "duban_supervision.mail_act_duban_sign",
                    "user": principal,
                    "summary": self.env._(
                        "Name the lead unit of %(item)s", item=self._get_safe_label()
                    ),
                }
            ]
        return plan
