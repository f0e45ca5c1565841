from collections import defaultdict

from odoo import models


class DubanFormRead(models.AbstractModel):
    """A form's read (``web_read``) with the names of all its linked records fetched together.

    Odoo reads the display names of each many2one field on its own, and again for each list of
    the form: two queries per field linking people (the users, then their partners), one per
    field linking units. Here the ids of every many2one of the form and of its lists are gathered
    first, and each linked model's names read in one batch, which ``web_read`` then finds in the
    cache.
    """

    _name = "duban.form.read"
    _description = "Supervision form read with its names prefetched"

    def web_read(self, specification):
        if self:
            self._prefetch_display_names(specification)
        return super().web_read(specification)

    def _prefetch_display_names(self, specification):
        linked = defaultdict(set)
        collect_linked_ids(self, specification, linked)
        for model, ids in linked.items():
            # sudo: as web_read itself shows the display names of the many2one values
            self.env[model].sudo().browse(ids).mapped("display_name")


def collect_linked_ids(records, specification, linked):
    """Add to ``linked`` (model → ids) the records whose names a form of ``records`` shows,
    in its own fields and in its lists."""
    for name, spec in specification.items():
        field = records._fields.get(name)
        if not field or not spec.get("fields") or "context" in spec:
            continue
        if field.type == "many2one" and "display_name" in spec["fields"]:
            linked[field.comodel_name].update(i for i in records[name]._ids if isinstance(i, int))
        elif field.type in ("one2many", "many2many"):
            collect_linked_ids(records[name], spec["fields"], linked)
