from odoo import api, fields, models

from ..models.duban_text_guard import TEXT_MAX


class DubanSignWizard(models.TransientModel):
    """The signing dialog of an item given to two or more units: the leader whom the rules name
    confirms or changes its lead unit and co-units, and signs if the notice is theirs to sign."""

    _name = "duban.sign.wizard"
    _description = "Name the lead unit and sign"
    _inherit = ["duban.text.guard"]
    _text_limits = {"opinion": TEXT_MAX}

    item_id = fields.Many2one("duban.item", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="item_id.company_id")
    lead_department_id = fields.Many2one(
        "hr.department",
        string="Lead unit",
        compute="_compute_lead_department_id",
        store=True,
        readonly=False,
        domain="[('company_id', 'in', (company_id, False))]",
    )
    co_department_ids = fields.Many2many(
        "hr.department",
        string="Co-units",
        compute="_compute_co_department_ids",
        store=True,
        readonly=False,
        domain="[('company_id', 'in', (company_id, False)), ('id', '!=', lead_department_id)]",
    )
    sign = fields.Boolean(
        string="Sign the notice",
        compute="_compute_sign",
        help="The notice is yours to sign: naming its lead unit signs it too.",
    )
    opinion = fields.Text(string="Signing opinion")

    @api.depends("item_id")
    def _compute_lead_department_id(self):
        for wizard in self:
            wizard.lead_department_id = wizard.item_id.lead_department_id

    @api.depends("item_id", "lead_department_id")
    def _compute_co_department_ids(self):
        # another lead unit: the item's other units, the former lead among them, assist it
        for wizard in self:
            units = wizard.item_id.lead_department_id | wizard.item_id.co_department_ids
            wizard.co_department_ids = units - wizard.lead_department_id

    @api.depends("item_id")
    @api.depends_context("uid")
    def _compute_sign(self):
        user = self.env.user
        is_principal = user.has_group("duban_supervision.group_duban_principal")
        for wizard in self:
            wizard.sign = bool(wizard.item_id) and wizard.item_id._may_sign(user, is_principal)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.item_id.check_access("read")
        return wizards

    def action_confirm(self):
        self.ensure_one()
        item = self.item_id
        item._name_lead_unit(self.lead_department_id, self.co_department_ids)
        if self.sign:
            item._action_approve((self.opinion or "").strip() or False)
        return {"type": "ir.actions.act_window_close"}
