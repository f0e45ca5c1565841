from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .duban_text_guard import CONTENT_MAX, TEXT_MAX
from .selections import CONFIDENTIAL_RANK

URGE_METHODS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("letter", "Supervision letter"),
    ("prompt", "Urging slip"),
    ("onsite", "On-site inspection"),
    ("push", "Message (WeCom, DingTalk…)"),
]
PUSH_STATES = [
    ("none", "Not pushed"),
    ("waiting", "Waiting for working hours"),
    ("queued", "Queued"),
    ("sent", "Delivered"),
    ("failed", "Failed"),
]


class DubanUrge(models.Model):
    """An urge (催办) by the office to a unit: how, what was said, and the unit's answer."""

    _name = "duban.urge"
    _description = "Supervision urge"
    _inherit = ["duban.assignment.record.mixin"]
    _order = "date desc, id desc"
    # the office prepares the urge; once made, the unit only answers it
    _write_table = {
        "draft": {
            "officer": (
                "assignment_id",
                "user_id",
                "date",
                "method",
                "team_user_ids",
                "channel_id",
                "content",
            )
        },
        "sent": {"liaison": ("answer",)},
        "answered": {"liaison": ("answer",)},
    }
    _text_limits = {"content": CONTENT_MAX, "answer": TEXT_MAX}
    item_label = fields.Char(
        string="Item reference",
        compute="_compute_item_label",
        help="The item as e-mails and slips may name it: the number only for confidential items.",
    )
    content_in_mail = fields.Boolean(
        compute="_compute_item_label",
        help="Confidential items' urges name the item by number only and carry no text.",
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_recipient_partner_ids", string="E-mailed to"
    )
    user_id = fields.Many2one(
        "res.users", string="Urged by", required=True, default=lambda self: self.env.user
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    method = fields.Selection(URGE_METHODS, required=True, default="phone")
    team_user_ids = fields.Many2many(
        "res.users", string="Inspection team", help="For on-site inspections: who went."
    )
    channel_id = fields.Many2one(
        "duban.channel",
        check_company=True,
        help="For urges by message: the WeCom or DingTalk channel that carries it.",
    )
    push_state = fields.Selection(
        PUSH_STATES,
        string="Delivery",
        compute="_compute_push_state",
        help="How far the message carrying this urge got on its channel.",
    )
    push_response = fields.Text(string="Platform's answer", compute="_compute_push_state")
    push_ids = fields.Many2many(
        "duban.push",
        string="Pushed messages",
        compute="_compute_push_ids",
        groups="duban_supervision.group_duban_manager",
        help="The messages in the push queue that carry this urge.",
    )
    content = fields.Html(string="What was said", sanitize_style=True)
    answer = fields.Text(string="Unit's answer")
    date_answered = fields.Date(string="Answered on", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Urged"), ("answered", "Answered")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Draft: being prepared. Urged: the unit was urged (and e-mailed for the e-mail way). "
        "Answered: the unit gave its answer.",
    )

    @api.depends("assignment_id", "security_rank")
    def _compute_item_label(self):
        for urge in self:
            urge.item_label = urge.item_id._get_safe_label() if urge.item_id else ""
            urge.content_in_mail = urge.security_rank < CONFIDENTIAL_RANK

    @api.depends("channel_id")
    def _compute_push_state(self):
        notices, pushes = self._get_push_messages()
        for urge in self:
            mine = pushes[urge]
            urge.push_response = "\n".join(p.last_response for p in mine if p.last_response)
            if mine:
                states = set(mine.mapped("state"))
                urge.push_state = next(s for s in ("failed", "queued", "sent") if s in states)
            elif notices[urge].filtered(lambda n: n.state == "pending"):
                urge.push_state = "waiting"
            else:
                urge.push_state = "none"

    @api.depends("channel_id")
    def _compute_push_ids(self):
        _notices, pushes = self._get_push_messages()
        for urge in self:
            urge.push_ids = pushes[urge]

    @api.depends("assignment_id.liaison_id", "assignment_id.head_id")
    def _compute_recipient_partner_ids(self):
        for urge in self:
            urge.recipient_partner_ids = urge._get_mail_recipients()

    @api.depends("assignment_id", "date", "method")
    @api.depends_context("lang")
    def _compute_display_name(self):
        methods = dict(self._fields["method"]._description_selection(self.env))
        for urge in self:
            urge.display_name = f"{urge.item_label} · {urge.department_id.name or ''} · " + (
                methods.get(urge.method) or ""
            )

    @api.onchange("method", "assignment_id")
    def _onchange_method(self):
        """An urge by message goes, unless the office chooses otherwise, on the first channel
        that reaches the unit's liaison (their own choice or their role's)."""
        if self.method != "push" or self.channel_id:
            return
        recipient = self.assignment_id.liaison_id or self.assignment_id.head_id
        if recipient:
            self.channel_id = recipient._duban_get_push_channels()[:1]

    def _get_protected_fields(self):
        return super()._get_protected_fields() | {"date_answered"}

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(urge.state != "draft" for urge in self):
            raise UserError(self.env._("An urge that was made stays on record."))

    # ---- Actions ----

    def action_send(self):
        """Record the urge; the e-mail way also e-mails the unit's liaison and head."""
        self._check_state("draft", self.env._("send"))
        self.item_id._check_office_rights()
        for urge in self:
            urge._check_ready()
        self._write_transition({"state": "sent"})
        template = self.env.ref("duban_supervision.mail_template_duban_urge")
        for urge in self.filtered(lambda u: u.method == "email"):
            template.send_mail(
                urge.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(urge.recipient_partner_ids.ids)]},
            )
        self.filtered(lambda u: u.method != "email")._notify_unit()
        self._activity_sync()
        return True

    def action_answer(self):
        """The unit gives its answer to the urge."""
        self._check_state(("sent", "answered"), self.env._("answer"))
        self.assignment_id._check_unit_rights()
        if any(not (urge.answer or "").strip() for urge in self):
            raise UserError(self.env._("Write the unit's answer first."))
        self._write_transition(
            {"state": "answered", "date_answered": fields.Date.context_today(self)}
        )
        self._activity_sync()
        return True

    # ---- Business methods ----

    def _check_ready(self):
        self.ensure_one()
        if self.assignment_id.state not in ("to_sign", "in_progress"):
            raise UserError(
                self.env._(
                    "%(unit)s has nothing open on this item to be urged about.",
                    unit=self.department_id.name,
                )
            )
        if self.method == "onsite" and not self.team_user_ids:
            raise UserError(self.env._("Name the inspection team of an on-site inspection."))
        if is_html_empty(self.content) and self.method != "prompt":
            raise UserError(self.env._("Write down what was said to the unit."))
        if self.method == "push":
            self._check_push_ready()
        if self.method == "email" and not self._get_mail_recipients():
            raise UserError(
                self.env._(
                    "%(unit)s has no liaison or head with an e-mail address to urge.",
                    unit=self.department_id.name,
                )
            )

    def _check_push_ready(self):
        if not self.channel_id:
            raise UserError(self.env._("Choose the channel the urge is sent through."))
        recipient = self.assignment_id.liaison_id or self.assignment_id.head_id
        if not recipient:
            raise UserError(
                self.env._("%(unit)s has nobody to receive the urge.", unit=self.department_id.name)
            )
        self.env["duban.notice"]._raise_if_unreachable(self.channel_id, recipient)

    def _get_push_notice_vals(self, activity):
        """The urge's own message: on the chosen channel for urges by message."""
        vals = super()._get_push_notice_vals(activity)
        vals["urge_id"] = self.id
        if self.method == "push":
            vals["channel_id"] = self.channel_id.id
        return vals

    def _get_push_messages(self):
        """``({urge: notices}, {urge: pushes})``: what each urge asked to be pushed, and the
        messages of the queue that carry it on its channel."""
        # sudo: the queue is the administrator's; the urge only shows how its message fared
        found = self.env["duban.notice"].sudo().search([("urge_id", "in", self._origin.ids)])
        notices, pushes = {}, {}
        for urge in self:
            mine = found.filtered(lambda n, u=urge: n.urge_id.id == u._origin.id)
            carried = mine.push_ids
            if urge.channel_id:
                carried = carried.filtered(lambda p, u=urge: p.channel_id == u.channel_id._origin)
            notices[urge], pushes[urge] = mine, carried
        return notices, pushes

    def _get_mail_recipients(self):
        self.ensure_one()
        people = self.assignment_id.liaison_id | self.assignment_id.head_id
        return people.partner_id.filtered("email")

    def _notify_unit(self):
        for urge in self:
            # sudo: the office urges a unit on an item the unit may only read
            urge.assignment_id.sudo().message_post(
                body=self.env._(
                    "Urged by %(user)s: please report on %(item)s.",
                    user=urge.user_id.name,
                    item=urge.item_label,
                ),
                partner_ids=(
                    urge.assignment_id.liaison_id | urge.assignment_id.head_id
                ).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _get_activity_type_xmlids(self):
        return ["duban_supervision.mail_act_duban_urge"]

    def _get_activity_plan(self):
        self.ensure_one()
        if self.state != "sent" or self.item_id.state in ("done", "cancelled"):
            return []
        return [
            {
                "type": "duban_supervision.mail_act_duban_urge",
                "user": self.assignment_id.liaison_id or self.assignment_id.head_id,
                "summary": self.env._("Answer the urge on %(item)s", item=self.item_label),
            }
        ]
