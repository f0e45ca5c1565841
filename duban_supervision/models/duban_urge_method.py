from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the supervision methods the documents add to the office's own (UN 四)
DOCUMENT_METHODS = [
    ("research", "Research"),
    ("work_group", "Inspection work group"),
    ("coordination", "Coordination by the leaders"),
    ("inquiry", "Inquiry"),
    ("check_forms", "Checking the forms"),
    ("check_accounts", "Checking the accounts"),
]


class DubanUrgeMethod(models.Model):
    """A way the office may urge a unit (督办方式); each company's rules offer some of them."""

    _name = "duban.urge.method"
    _description = "Supervision method"
    _inherit = ["duban.write.guard"]
    _order = "sequence, id"
    _write_table = {"*": {"manager": ("name", "sequence", "active")}}

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        selection="_selection_code",
        required=True,
        readonly=True,
        help="The urge's method this stands for.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each method is listed once.")

    @api.model
    def _selection_code(self):
        return self.env["duban.urge"]._fields["method"]._description_selection(self.env)


class DubanUrge(models.Model):
    """Urges offer, and accept, only the methods of the company's rules."""

    _inherit = "duban.urge"

    method = fields.Selection(
        selection_add=DOCUMENT_METHODS,
        ondelete={key: "set default" for key, _label in DOCUMENT_METHODS},
    )
    method_id = fields.Many2one(
        "duban.urge.method",
        string="Supervision method",
        compute="_compute_method_id",
        inverse="_inverse_method_id",
        domain="[('id', 'in', offered_method_ids)]",
        help="The methods the company's supervision rules offer.",
    )
    offered_method_ids = fields.Many2many(
        "duban.urge.method", compute="_compute_offered_method_ids"
    )

    def _get_write_table(self):
        table = super()._get_write_table()
        draft = table["draft"]
        return dict(table, draft=dict(draft, officer=(*draft["officer"], "method_id")))

    @api.depends("method")
    def _compute_method_id(self):
        methods = self.env["duban.urge.method"].with_context(active_test=False).search([])
        by_code = {method.code: method for method in methods}
        for urge in self:
            urge.method_id = by_code.get(urge.method, False)

    def _inverse_method_id(self):
        for urge in self.filtered("method_id"):
            urge.method = urge.method_id.code

    @api.depends("company_id")
    def _compute_offered_method_ids(self):
        for urge in self:
            company = urge.company_id or self.env.company
            urge.offered_method_ids = company._duban_policy().urge_method_ids

    @api.onchange("method_id")
    def _onchange_method_id(self):
        if self.method_id:
            self.method = self.method_id.code

    @api.constrains("method", "company_id")
    def _check_method_offered(self):
        for urge in self:
            urge._check_method_of_company(urge.method, urge.company_id)

    @api.model_create_multi
    def create(self, vals_list):
        # refused before anything is written: an urge in a method the rules do not offer
        Assignment = self.env["duban.assignment"]
        default = self._fields["method"].default(self)
        for vals in vals_list:
            company = Assignment.browse(vals.get("assignment_id")).company_id
            self._check_method_of_company(vals.get("method") or default, company)
        return super().create(vals_list)

    @api.model
    def _check_method_of_company(self, method, company):
        policy = (company or self.env.company)._duban_policy()
        if method in policy.urge_method_ids.mapped("code"):
            return
        methods = dict(self._fields["method"]._description_selection(self.env))
        raise ValidationError(
            self.env._(
                "“%(method)s” is not a supervision method of the rules of %(company)s: "
                "they offer %(methods)s.",
                method=methods.get(method, method),
                company=(company or self.env.company).name,
                methods="、".join(policy.urge_method_ids.mapped("name")),
            )
        )
