from odoo import api, fields, models
from odoo.exceptions import AccessError

# the table entry of every state, and the entry read when a record is created (if it has one)
ANY_STATE = "*"
CREATE = "create"
# roles given by a group; "liaison" and "head" are given by the record (its unit's people)
ROLE_GROUPS = {
    "officer": "duban_supervision.group_duban_officer",
    "officer_all": "duban_supervision.group_duban_officer_all",
    "manager": "duban_supervision.group_duban_manager",
    "leader": "duban_supervision.group_duban_leader",
    "principal": "duban_supervision.group_duban_principal",
}
ROLES = ("liaison", "head", *ROLE_GROUPS)


class DubanWriteGuard(models.AbstractModel):
    """Deny by default: a user writes only the fields the model's write table gives their role.

    Views mark fields read-only, but anything can be written over RPC. Each duban model
    declares, like a view's ``readonly=``, which fields each role may write in each state::

        _write_table = {
            "create": {"officer": ("name", "content")},  # creating (else: the initial state)
            "draft": {"officer": ("name", "content"), "liaison": ("answer",)},
            "*": {"manager": ("active",)},               # in every state
        }

    Roles: ``liaison`` (anyone acting for the record's unit, see ``_get_write_assignment``),
    ``head`` (that unit's head on the assignment), and the group roles ``officer``,
    ``officer_all``, ``manager``, ``leader``, ``principal`` (a user has every role their groups
    give). A field missing from the table is refused to everyone: a new field stays read-only
    until someone adds it here. Superuser writes (``sudo()``, the transitions'
    ``_write_transition``) pass; they are the procedures that leave history.
    ``duban_supervision/tests/test_write_table.py`` walks every field of every model against
    its table.
    """

    _name = "duban.write.guard"
    _description = "Supervision write table"
    _inherit = ["duban.text.guard"]

    _write_table = {}

    writable_fields = fields.Char(
        string="Fields you may change",
        compute="_compute_writable_fields",
        help="The fields the current user may write now, as “,name,content,”: forms test "
        "“',name,' not in writable_fields” so that they offer exactly what the table allows.",
    )

    @api.depends(lambda self: ("state",) if "state" in self._fields else ())
    @api.depends_context("uid")
    def _compute_writable_fields(self):
        for record in self:
            names = record._get_writable_fields(creating=not record._origin.id)
            record.writable_fields = f",{','.join(sorted(names))},"

    # ---- The table ----

    def _get_write_table(self):
        """The model's table; addons extending a model extend the dict returned here."""
        return self._write_table

    def _get_write_state(self):
        """The state the table is read in: the record's own ``state``, if it has one."""
        self.ensure_one()
        return self.state if "state" in self._fields else ANY_STATE

    def _get_write_assignment(self):
        """The assignment whose unit's liaison, head and staff act on this record (none here)."""
        return self.env["duban.assignment"]

    def _get_write_roles(self):
        """The roles the current user plays on this record."""
        self.ensure_one()
        user = self.env.user
        roles = {role for role, group in ROLE_GROUPS.items() if user.has_group(group)}
        assignment = self._get_write_assignment()
        if assignment:
            if assignment._is_unit_member(user):
                roles.add("liaison")
            if user == assignment.head_id:
                roles.add("head")
        return roles

    def _get_writable_fields(self, creating=False):
        """The fields the current user may write on this record now (or set when creating)."""
        self.ensure_one()
        table = self._get_write_table()
        state = self._get_write_state()
        entries = [table.get(ANY_STATE, {})]
        entries.append(table[CREATE] if creating and CREATE in table else table.get(state, {}))
        roles = self._get_write_roles()
        return {name for entry in entries for role in roles for name in entry.get(role, ())}

    def _check_attachments_editable(self):
        """Refuse adding or removing files on records whose files are final (none here)."""

    # ---- The check ----

    def _check_write_table(self, field_names, creating=False):
        if self.env.su or not field_names:
            return
        for record in self:
            refused = set(field_names) - record._get_writable_fields(creating)
            if refused:
                raise AccessError(record._get_write_refusal(refused, creating))

    def _get_write_refusal(self, refused, creating):
        labels = self.env._(", ").join(
            sorted(
                f"“{self._fields[name]._description_string(self.env)}”"
                if name in self._fields
                else name
                for name in refused
            )
        )
        model = self.env["ir.model"]._get(self._name).name
        if creating:
            return self.env._(
                "You may not set %(fields)s when creating a %(model)s record.",
                fields=labels,
                model=model,
            )
        if "state" in self._fields:
            states = dict(self._fields["state"]._description_selection(self.env))
            return self.env._(
                "You may not change %(fields)s of the %(model)s “%(record)s” while it is "
                "%(state)s.",
                fields=labels,
                model=model,
                record=self.display_name,
                state=states.get(self.state, self.state),
            )
        return self.env._(
            "You may not change %(fields)s of the %(model)s “%(record)s”.",
            fields=labels,
            model=model,
            record=self.display_name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.su:
            for record, vals in zip(records, vals_list, strict=True):
                record._check_write_table(vals, creating=True)
        return records

    def write(self, vals):
        if not self.env.su and vals:
            # first the user's right to write at all, so that a refusal names nothing unreadable
            self.check_access("write")
            self._check_write_table(vals)
        return super().write(vals)
