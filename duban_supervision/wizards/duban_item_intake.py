from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.duban_item import TITLE_MAX


class DubanItemIntake(models.TransientModel):
    """Registers a draft item from any record with a chatter, linked both ways."""

    _name = "duban.item.intake"
    _description = "Register a supervision item from a record"
    _inherit = ["duban.text.guard"]

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    name = fields.Char(string="Title", required=True)
    kind = fields.Selection(
        lambda self: self.env["duban.item"]._fields["kind"].selection,
        required=True,
        default="decision",
    )
    lead_department_id = fields.Many2one("hr.department", string="Lead unit")
    date_deadline = fields.Date(string="Time limit")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model, res_id = self.env.context.get("active_model"), self.env.context.get("active_id")
        if model and res_id and model in self.env:
            values.setdefault("res_model", model)
            values.setdefault("res_id", res_id)
            # a title holds what a title may; the whole name goes into the content
            values.setdefault("name", self.env[model].browse(res_id).display_name[:TITLE_MAX])
        return values

    def _get_source(self):
        self.ensure_one()
        if self.res_model not in self.env or "message_post" not in dir(self.env[self.res_model]):
            raise UserError(self.env._("Items are registered from records with a chatter only."))
        source = self.env[self.res_model].browse(self.res_id).exists()
        if not source:
            raise UserError(self.env._("The record to register the item from no longer exists."))
        source.check_access("read")
        return source

    def action_create(self):
        self.ensure_one()
        source = self._get_source()
        item = self.env["duban.item"].create(
            {
                "name": self.name,
                "kind": self.kind,
                "source": "document" if self.kind == "decision" else "other",
                "lead_department_id": self.lead_department_id.id,
                "date_deadline": self.date_deadline,
                "content": Markup("<p>%s</p>") % source.display_name,
            }
        )
        # sudo: the link is set once, here, and never typed in
        item.sudo().source_ref = f"{source._name},{source.id}"
        if source.has_access(getattr(source, "_mail_post_access", "write")):
            source.message_post(
                body=Markup("%s <a href='#' data-oe-model='duban.item' data-oe-id='%s'>%s</a>")
                % (self.env._("Supervision item registered:"), item.id, item.display_name),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "duban.item",
            "res_id": item.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _sync_bindings(self, models):
        """Offer the action on exactly the kinds of records chosen in the settings."""
        Action = self.env["ir.actions.act_window"].sudo()
        actions = Action.search([("res_model", "=", self._name), ("binding_model_id", "!=", False)])
        kept = actions.filtered(lambda a: a.binding_model_id in models)
        (actions - kept).unlink()
        missing = models - kept.binding_model_id
        Action.create(
            [
                {
                    "name": self.env._("Register a supervision item"),
                    "res_model": self._name,
                    "view_mode": "form",
                    "target": "new",
                    "binding_model_id": model.id,
                    "binding_view_types": "form",
                    "group_ids": [(4, self.env.ref("duban_supervision.group_duban_officer").id)],
                }
                for model in missing
            ]
        )
