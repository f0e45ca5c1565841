from odoo import api, fields, models
from odoo.exceptions import UserError

from .selections import SOURCE_BODIES, SOURCES

# what a supervising office is for, so that a document's routes find it in each company
OFFICE_ROLES = [
    ("office", "General office"),
    ("secretariat", "Secretariat"),
    ("inspection", "Education inspection office"),
    ("organization", "Organization section"),
]
ROUTE_TARGETS = [
    *OFFICE_ROLES,
    ("leader_office", "The office the instructing leader is in charge of"),
]
INSTRUCTING_ROLES = [
    ("principal", "The principal leader"),
    ("other", "Another leader"),
]


class DubanPolicyRoute(models.Model):
    """One line of a document's 督办内容分工: items from this origin go to that office.

    A route names an office by its role (办公室, 秘书科…), not by a department, so that one
    document's routes serve every company that follows it: each company marks which of its
    supervising offices plays which role. A company's own routing rules come first.
    """

    _name = "duban.policy.route"
    _description = "Supervision route of a policy"
    _inherit = ["duban.write.guard"]
    _order = "policy_id, sequence, id"
    _write_table = {
        "*": {
            "manager": (
                "policy_id",
                "sequence",
                "source",
                "source_body",
                "instructing_role",
                "meeting_type_id",
                "party_work",
                "target",
                "clause",
            )
        }
    }

    policy_id = fields.Many2one(
        "duban.policy", string="Supervision rules", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    source = fields.Selection(SOURCES, help="Only items of this source; empty: any source.")
    source_body = fields.Selection(
        SOURCE_BODIES, string="Referring body", help="Only items referred by this body."
    )
    instructing_role = fields.Selection(
        INSTRUCTING_ROLES,
        string="Instructing leader",
        help="Only leaders' instructions given by the principal leader, or by another leader.",
    )
    meeting_type_id = fields.Many2one(
        "duban.meeting.type", string="Meeting type", help="Only decisions of this meeting."
    )
    party_work = fields.Boolean(
        string="Party building and ideology",
        help="Only items on party building or ideological work (党建、意识形态).",
    )
    target = fields.Selection(ROUTE_TARGETS, string="Supervising office", required=True)
    clause = fields.Char(help="The clause of the document this route implements.")

    @api.depends(
        "source", "source_body", "instructing_role", "meeting_type_id", "party_work", "target"
    )
    @api.depends_context("lang")
    def _compute_display_name(self):
        def labels(name):
            return dict(self._fields[name]._description_selection(self.env))

        sources, bodies, roles, targets = (
            labels(name) for name in ("source", "source_body", "instructing_role", "target")
        )
        for route in self:
            origin = [
                sources.get(route.source),
                bodies.get(route.source_body),
                roles.get(route.instructing_role),
                route.meeting_type_id.name,
                route.party_work and route._fields["party_work"]._description_string(self.env),
            ]
            parts = [part for part in origin if part]
            label = "".join([*parts[:1], *(f"（{part}）" for part in parts[1:])])
            route.display_name = f"{label} → {targets.get(route.target, '')}".strip(" →")

    @api.model_create_multi
    def create(self, vals_list):
        routes = super().create(vals_list)
        routes._check_not_preset()
        return routes

    def write(self, vals):
        self._check_not_preset()
        result = super().write(vals)
        self._check_not_preset()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_preset(self):
        self._check_not_preset()

    def _check_not_preset(self):
        # the data files themselves (run as superuser) keep the presets equal to their document
        preset = self.policy_id.filtered("preset")
        if preset and not self.env.su:
            raise UserError(
                self.env._(
                    "“%(policy)s” is the preset of its document and is not edited: duplicate it "
                    "and edit the copy, then choose the copy in the settings.",
                    policy=preset[0].name,
                )
            )

    def _matches(self, item):
        """Whether ``item``'s origin is the one this route is for."""
        self.ensure_one()
        if self.party_work and not item.party_work:
            return False
        if self.source and self.source != item.source:
            return False
        if self.source_body and self.source_body != item.source_body:
            return False
        if self.meeting_type_id and self.meeting_type_id != item.meeting_type_id:
            return False
        if self.instructing_role:
            if not item.instructing_leader_id:
                return False
            by_principal = item._is_principal_leader(item.instructing_leader_id)
            return by_principal == (self.instructing_role == "principal")
        return True

    def _target_office(self, item):
        """The office of ``item``'s company that plays this route's part; empty if none."""
        self.ensure_one()
        offices = self.env["hr.department"].search(
            [
                ("company_id", "in", (item.company_id.id, False)),
                ("duban_is_office", "=", True),
            ],
            order="id",
        )
        if self.target == "leader_office":
            leader = item.instructing_leader_id
            return offices.filtered(lambda o: leader and o.duban_leader_id == leader)[:1]
        return offices.filtered(lambda o: o.duban_office_role == self.target)[:1]
