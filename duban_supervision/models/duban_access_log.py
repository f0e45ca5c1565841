from odoo import SUPERUSER_ID, api, fields, models

from .selections import CONFIDENTIAL_RANK, SECURITY_LEVELS


class DubanAccessLog(models.Model):
    """Who opened, printed or exported a secret (秘密) or confidential (机密) item, and when.

    Rows are written by the server as the item is read, printed or exported, never by users,
    and only supervision administrators read them.
    """

    _name = "duban.access.log"
    _description = "Supervision access log of classified items"
    _inherit = ["duban.write.guard"]
    _order = "date desc, id desc"
    _log_access = False
    # the server's record: nobody writes it
    _write_table = {}

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="restrict"
    )
    action = fields.Selection(
        [("open", "Opened"), ("print", "Printed"), ("export", "Exported")],
        required=True,
        readonly=True,
        help="Opened: the item's form was read. Printed: a form or ledger showing it was "
        "printed. Exported: it went into a spreadsheet.",
    )
    item_id = fields.Many2one("duban.item", readonly=True, index=True, ondelete="set null")
    item_label = fields.Char(
        string="Item number", readonly=True, help="The item's number, kept if it is deleted."
    )
    security_level = fields.Selection(SECURITY_LEVELS, string="Confidentiality", readonly=True)
    detail = fields.Char(readonly=True, help="The form printed or the export made.")
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    @api.depends("action", "item_label")
    def _compute_display_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for entry in self:
            entry.display_name = f"{actions.get(entry.action, '')} · {entry.item_label or ''}"

    @api.model
    def _log(self, items, action, detail=""):
        """Log ``action`` by the current user on the classified ones of ``items``. ``detail``
        may be a function, called only when there is something to log."""
        items = self._classified(items)
        if not items:
            return self.browse()
        if callable(detail):
            detail = detail()
        return (
            self.sudo()
            .create(
                [
                    {
                        "user_id": self.env.uid,
                        "action": action,
                        "item_id": item.id,
                        "item_label": item.number or f"#{item.id}",
                        "security_level": item.security_level,
                        "detail": (detail or "")[:200],
                        "company_id": item.company_id.id,
                    }
                    for item in items
                ]
            )
            .sudo(False)
        )

    @api.model
    def _classified(self, items):
        """The secret and confidential ones of ``items``, as the superuser (nothing to log for
        the superuser)."""
        if self.env.uid == SUPERUSER_ID:
            return items.browse()
        # sudo: the log is the server's record of the access, the user may not write it
        return items.sudo().filtered(lambda item: item.security_rank >= CONFIDENTIAL_RANK)

    @api.model
    def _items_of(self, records):
        """The items ``records`` (items, or records of an item) show."""
        if records._name == "duban.item":
            return records
        items = self.env["duban.item"]
        for name in ("item_id", "item_ids"):
            field = records._fields.get(name)
            if field and field.comodel_name == "duban.item":
                items |= records.sudo()[name]
        return items.sudo(False)


class DubanAccessLogged(models.AbstractModel):
    """Opening the form of a classified item, or of its share or report, and exporting it leave
    a row in the access log. Lists, dropdowns and grouped views are not openings."""

    _name = "duban.access.logged"
    _description = "Supervision records whose opening is logged"

    def web_read(self, specification):
        result = super().web_read(specification)
        if not self.env.context.get("duban_listing"):
            Log = self.env["duban.access.log"]
            # the model's name is read only when a classified item was opened
            Log._log(Log._items_of(self), "open", self._get_access_log_detail)
        return result

    # opening writes the log: the web client must not send it to a read-only replica
    web_read._readonly = False

    @api.model
    @api.readonly
    def web_search_read(self, domain, specification, *args, **kwargs):
        return super(DubanAccessLogged, self.with_context(duban_listing=True)).web_search_read(
            domain, specification, *args, **kwargs
        )

    @api.model
    @api.readonly
    def web_name_search(self, name, specification, *args, **kwargs):
        return super(DubanAccessLogged, self.with_context(duban_listing=True)).web_name_search(
            name, specification, *args, **kwargs
        )

    @api.model
    @api.readonly
    def web_read_group(self, domain, groupby, *args, **kwargs):
        return super(DubanAccessLogged, self.with_context(duban_listing=True)).web_read_group(
            domain, groupby, *args, **kwargs
        )

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        Log = self.env["duban.access.log"]
        Log._log(
            Log._items_of(self),
            "export",
            lambda: self._get_access_log_detail(fields_to_export),
        )
        return result

    def _get_access_log_detail(self, fields_to_export=None):
        detail = self.env["ir.model"]._get(self._name).name
        if fields_to_export:
            detail = f"{detail}: {', '.join(fields_to_export)}"
        return detail


class DubanItem(models.Model):
    _name = "duban.item"
    _inherit = ["duban.item", "duban.access.logged"]


class DubanAssignment(models.Model):
    _name = "duban.assignment"
    _inherit = ["duban.assignment", "duban.access.logged"]


class DubanReport(models.Model):
    _name = "duban.report"
    _inherit = ["duban.report", "duban.access.logged"]
