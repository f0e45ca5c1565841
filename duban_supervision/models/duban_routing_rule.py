from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .selections import SOURCE_BODIES, SOURCES


class DubanRoutingRule(models.Model):
    """Proposes the supervising office of a new item from where the item comes from.

    Rules are tried in sequence; the first whose criteria all match wins. Empty criteria match
    anything. The proposal is only a default: the office stays editable on the item.
    """

    _name = "duban.routing.rule"
    _description = "Supervision routing rule"
    _order = "sequence, id"
    _inherit = ["duban.write.guard"]
    _check_company_auto = True
    # configuration: the administrators'
    _write_table = {
        "*": {
            "manager": (
                "sequence",
                "active",
                "source",
                "source_body",
                "instructing_leader_id",
                "use_leader_office",
                "office_id",
                "deadline_days",
                "company_id",
            )
        }
    }

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source = fields.Selection(SOURCES, required=True)
    source_body = fields.Selection(
        SOURCE_BODIES,
        string="Referring body",
        help="Only for items referred by a higher authority.",
    )
    instructing_leader_id = fields.Many2one(
        "res.users",
        string="Instructing leader",
        help="Only for items from this leader's instruction.",
    )
    use_leader_office = fields.Boolean(
        string="Leader's own office",
        help="Route the item to the department of the leader who gave the instruction.",
    )
    office_id = fields.Many2one(
        "hr.department", string="Supervising office", check_company=True, ondelete="cascade"
    )
    deadline_days = fields.Integer(
        string="Default time limit (working days)",
        help="Time limit proposed for new items from this source; 0 keeps the kind's default.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("source", "source_body", "instructing_leader_id", "office_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        sources = dict(self._fields["source"]._description_selection(self.env))
        bodies = dict(self._fields["source_body"]._description_selection(self.env))
        for rule in self:
            origin = bodies.get(rule.source_body) or rule.instructing_leader_id.name
            label = sources.get(rule.source, "")
            if origin:
                label = f"{label}（{origin}）"
            rule.display_name = f"{label} → {rule.office_id.name or ''}".rstrip(" →")

    @api.constrains("office_id", "use_leader_office")
    def _check_target(self):
        for rule in self:
            if not rule.office_id and not rule.use_leader_office:
                raise ValidationError(
                    self.env._(
                        "A routing rule needs a supervising office or the leader's own office."
                    )
                )

    def _matches(self, source, source_body, leader):
        self.ensure_one()
        return (
            self.source == source
            and (not self.source_body or self.source_body == source_body)
            and (not self.instructing_leader_id or self.instructing_leader_id == leader)
        )

    def _target_office(self, leader):
        """The office this rule routes to; empty when there is no rule."""
        if not self:
            return self.env["hr.department"]
        self.ensure_one()
        if self.use_leader_office:
            return leader.employee_ids[:1].department_id or self.office_id
        return self.office_id

    @api.model
    def _find_rule(self, company, source, source_body, leader):
        """The first rule of ``company`` matching this origin, or an empty record."""
        rules = self.search([("company_id", "=", company.id), ("source", "=", source)])
        return next(
            (rule for rule in rules if rule._matches(source, source_body, leader)), self.browse()
        )
