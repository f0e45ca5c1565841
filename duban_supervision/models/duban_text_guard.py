from odoo import api, fields, models
from odoo.exceptions import ValidationError

PLAIN_TEXT_TYPES = ("char", "text")
DATE_PARSERS = {"date": fields.Date.to_date, "datetime": fields.Datetime.to_datetime}
# the size limits of supervision texts, in characters (HTML counted with its markup)
TITLE_MAX = 200
CONTENT_MAX = 200_000
TEXT_MAX = 20_000


class DubanTextGuard(models.AbstractModel):
    """Refuses text that PostgreSQL cannot store, with a message instead of a server error.

    A NUL character, pasted from a binary file or sent over JSON-RPC, passes every field check
    and then fails deep in the database driver; caught here, the user learns which field to mend
    and nothing typed is lost.
    """

    _name = "duban.text.guard"
    _description = "Supervision text guard"
    # field name: the most characters it holds (a title, a letter, not a pasted archive)
    _text_limits = {}

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

    def _check_storable_dates(self, vals):
        """A malformed date sent over RPC (2026-02-30) is named, not answered by a traceback."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or field.type not in DATE_PARSERS or not isinstance(value, str):
                continue
            try:
                DATE_PARSERS[field.type](value)
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "“%(value)s” is not a valid date for “%(field)s”.",
                        value=value,
                        field=field._description_string(self.env),
                    )
                ) from None

    def _check_text_sizes(self, vals):
        for name, limit in self._text_limits.items():
            value = vals.get(name)
            if isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    self.env._(
                        "“%(field)s” has %(size)s characters, more than the %(max)s it may hold: "
                        "shorten it or attach the long text as a file.",
                        field=self._fields[name]._description_string(self.env),
                        size=len(value),
                        max=limit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_storable_text(vals)
            self._check_storable_dates(vals)
            self._check_text_sizes(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_storable_text(vals)
        self._check_storable_dates(vals)
        self._check_text_sizes(vals)
        return super().write(vals)
