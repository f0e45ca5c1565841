from odoo import api, models
from odoo.exceptions import ValidationError

PLAIN_TEXT_TYPES = ("char", "text")


class DubanTextGuard(models.AbstractModel):
    """Refuses text that PostgreSQL cannot store, with a message instead of a server error.

    A NUL character, pasted from a binary file or sent over JSON-RPC, passes every field check
    and then fails deep in the database driver; caught here, the user learns which field to mend
    and nothing typed is lost.
    """

    _name = "duban.text.guard"
    _description = "Supervision text guard"

    def _check_storable_text(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field
                and field.type in PLAIN_TEXT_TYPES
                and isinstance(value, str)
                and "\x00" in value
            ):
                raise ValidationError(
                    self.env._(
                        "“%(field)s” contains an invisible NUL character, perhaps pasted from "
                        "another file: remove it and save again.",
                        field=field._description_string(self.env),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_storable_text(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_storable_text(vals)
        return super().write(vals)
