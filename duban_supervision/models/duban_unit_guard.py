from odoo import api, models
from odoo.exceptions import AccessError

# the groups that own an organization's unit data; settings administrators grant any group
# anyway, and Odoo's own user creation (with its employee) goes through them
UNIT_ADMIN_GROUPS = (
    "hr.group_hr_manager",
    "duban_supervision.group_duban_manager",
    "base.group_system",
)


class DubanUnitGuard(models.AbstractModel):
    """Keeps the unit data every supervision boundary rests on in the administrators' hands.

    Record rules, ``child_of`` units, liaisons, heads and leaders in charge are all read from
    departments and employees, which Odoo's own rights let every internal user write. Models
    inheriting this guard name the fields that draw those boundaries; only HR or supervision
    administrators may set them, and any change clears the cached rule domains built from them.
    """

    _name = "duban.unit.guard"
    _description = "Supervision unit data guard"

    def _get_unit_boundary_fields(self):
        """Fields that move a person or a unit across a supervision boundary."""
        return set()

    @api.model
    def _is_unit_admin(self):
        return self.env.su or any(self.env.user.has_group(group) for group in UNIT_ADMIN_GROUPS)

    def _check_unit_boundary_fields(self, vals_list, creating=False):
        touched = set()
        for vals in vals_list:
            # a new record without these fields stays outside every boundary
            touched |= {
                name
                for name in self._get_unit_boundary_fields() & set(vals)
                if vals[name] or not creating
            }
        if touched and not self._is_unit_admin():
            raise AccessError(
                self.env._(
                    "Only HR or supervision administrators may change %(fields)s of %(model)s: "
                    "the supervision units and their people rest on them.",
                    fields="、".join(
                        sorted(self._fields[f]._description_string(self.env) for f in touched)
                    ),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )
        return touched

    def _clear_unit_caches(self):
        """Record rules cache their domains, built from these fields: drop them at once, and
        the units they are built from, each person's own and each leader's in charge (a unit
        moved under another one, a person moved to another unit)."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(["duban_charge_unit_ids", "duban_unit_ids"])

    @api.model_create_multi
    def create(self, vals_list):
        touched = self._check_unit_boundary_fields(vals_list, creating=True)
        records = super().create(vals_list)
        if touched:
            self._clear_unit_caches()
        return records

    def write(self, vals):
        touched = self._check_unit_boundary_fields([vals])
        result = super().write(vals)
        if touched:
            self._clear_unit_caches()
        return result

    def unlink(self):
        self._check_unit_boundary_fields([dict.fromkeys(self._get_unit_boundary_fields())])
        result = super().unlink()
        self._clear_unit_caches()
        return result
