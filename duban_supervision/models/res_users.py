from odoo import api, fields, models, tools

from .selections import SECURITY_LEVELS, SECURITY_RANKS


class ResUsers(models.Model):
    _inherit = "res.users"

    duban_clearance = fields.Selection(
        SECURITY_LEVELS,
        string="Supervision clearance",
        default="internal",
        required=True,
        help="The highest confidentiality level (密级) of supervision items this user may see.",
    )
    duban_clearance_rank = fields.Integer(compute="_compute_duban_clearance_rank")
    duban_charge_department_ids = fields.One2many(
        "hr.department",
        "duban_leader_id",
        string="Units in charge",
        help="Departments this user leads as 分管领导.",
    )
    duban_charge_unit_ids = fields.Many2many(
        "hr.department",
        string="Units in charge, with their sub-units",
        compute="_compute_duban_charge_unit_ids",
        help="The departments this user leads as 分管领导 and every department under them.",
    )

    duban_unit_ids = fields.Many2many(
        "hr.department",
        "duban_unit_users_rel",  # never stored: a name apart from the units in charge
        string="Own units, with their sub-units",
        compute="_compute_duban_unit_ids",
        help="The departments this user works in and every department under them: their items, "
        "shares and reports are this user's to see as liaison, head or officer.",
    )

    duban_channel_choice = fields.Selection(
        [("default", "As my role"), ("custom", "My own choice")],
        string="Reminders reach me",
        default="default",
        required=True,
        help="As my role: the channels the company set for your role. My own choice: the "
        "channels listed. The Odoo inbox always gets everything.",
    )
    duban_channel_ids = fields.Many2many(
        "duban.channel",
        "duban_channel_res_users_rel",
        "user_id",
        "channel_id",
        string="Reminder channels",
        domain="[('company_id', '=', company_id)]",
        help="The channels that reach you when you choose them yourself.",
    )
    duban_reaching_channel_ids = fields.Many2many(
        "duban.channel",
        string="Reaching me now",
        compute="_compute_duban_reaching_channel_ids",
        help="The channels your reminders go to now: your own choice, or your role's defaults.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [
            *super().SELF_READABLE_FIELDS,
            "duban_channel_choice",
            "duban_channel_ids",
            "duban_reaching_channel_ids",
        ]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "duban_channel_choice", "duban_channel_ids"]

    @api.depends("duban_clearance")
    def _compute_duban_clearance_rank(self):
        for user in self:
            user.duban_clearance_rank = SECURITY_RANKS[user.duban_clearance]

    @api.depends("duban_channel_choice", "duban_channel_ids", "all_group_ids", "company_id")
    def _compute_duban_reaching_channel_ids(self):
        # sudo: channels are the company's configuration, read once for all these users
        company_channels = self.env["duban.channel"].sudo().search([])
        for user in self:
            user.duban_reaching_channel_ids = user._duban_get_push_channels(company_channels)

    def _duban_get_push_channels(self, company_channels=None):
        """The active channels of the user's company that reach the user: their own choice, or
        the company's defaults for their roles. ``company_channels``, when given, are the
        active channels already read, to save a search per user."""
        self.ensure_one()
        # sudo: channels are the company's configuration; only which ones apply is read here
        user = self.sudo()
        if user.duban_channel_choice == "custom":
            channels = user.duban_channel_ids
        else:
            if company_channels is None:
                company_channels = self.env["duban.channel"].sudo().search([])
            channels = company_channels.filtered(
                lambda c: c.default_group_ids and c.default_group_ids & user.all_group_ids
            )
        return channels.filtered(lambda c: c.active and c.company_id == user.company_id)

    @api.depends("duban_charge_department_ids")
    def _compute_duban_charge_unit_ids(self):
        """The leaders' record rules give them the items of these units. Listing the units once,
        here, lets the database compare each share's unit with a list of ids; ``child_of`` over
        the units in charge compared every share's unit path with each unit's, one pattern per
        unit (a leader of 60 units: 60 patterns for each of the 12,000 shares, at every search).
        The rules' cached domains are dropped when a unit moves or changes leader."""
        for user in self:
            in_charge = user.sudo().duban_charge_department_ids
            user.duban_charge_unit_ids = in_charge._duban_with_sub_units()

    @api.depends("employee_ids.department_id")
    @api.depends_context("company", "allowed_company_ids")
    def _compute_duban_unit_ids(self):
        """The record rules of liaisons and officers give them the items of these units. Listed
        here once, the database compares each share's unit with a list of ids, through its index;
        ``child_of`` compared the path of every share's unit with a pattern, a scan of all the
        shares at each search. Kept between requests (every form asks which shares are the
        user's): the cache is dropped when a unit moves or a person changes unit
        (``duban.unit.guard``), as are the rules' cached domains."""
        # as employee_ids: the employees of the companies the user works in now
        company_ids = tuple(
            sorted({*self.env.company.ids, *self.env.context.get("allowed_company_ids", ())})
        )
        Department = self.env["hr.department"]
        for user in self:
            user.duban_unit_ids = Department.browse(self._duban_unit_ids_of(user.id, company_ids))

    @api.model
    @tools.ormcache("user_id", "company_ids")
    def _duban_unit_ids_of(self, user_id, company_ids):
        """The ids of the units ``user_id`` works in, in ``company_ids``, and of every unit
        under them."""
        # sudo: where people work is the organisation's to know, whoever asks
        own = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "=", user_id), ("company_id", "in", company_ids)])
            .department_id
        )
        return tuple(own._duban_with_sub_units().ids)

    def write(self, vals):
        newcomers = self.browse()
        if "group_ids" in vals and "notification_type" not in vals:
            newcomers = self.filtered(lambda u: not u._duban_has_role())
        res = super().write(vals)
        if "duban_clearance" in vals:
            # record rules compare items with the clearance, and their domains are cached
            self.env.registry.clear_cache()
        if "group_ids" in vals:
            self.filtered(lambda u: not u.action_id)._duban_set_home_action()
            newcomers.filtered(lambda u: u._duban_has_role())._duban_default_to_inbox()
        return res

    # ---- Home actions and notifications ----

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda u: not u.action_id)._duban_set_home_action()
        unchosen = [
            user.id
            for user, vals in zip(users, vals_list, strict=True)
            if "notification_type" not in vals
        ]
        self.browse(unchosen).filtered(lambda u: u._duban_has_role())._duban_default_to_inbox()
        return users

    def _duban_has_role(self):
        """Whether the user takes part in supervision: every duban role implies the liaison's."""
        self.ensure_one()
        return self.has_group("duban_supervision.group_duban_liaison")

    def _duban_default_to_inbox(self):
        """New work must be noticed in Odoo the day it arrives: people given a supervision role
        get Odoo's own inbox notifications, unless they chose otherwise when created. Only
        internal users may (Odoo's constraint); they may switch back in their preferences."""
        inbox = self.filtered(lambda u: not u.share and u.notification_type != "inbox")
        # sudo: the default is set by the system from the role, not by whoever grants it
        inbox.sudo().notification_type = "inbox"

    def _duban_set_home_action(self):
        """Give each user the desk of their supervision role as the page they land on."""
        for user in self:
            action = user._duban_home_action()
            if action:
                # sudo: the home action is set by the system from the role, not by the user
                user.sudo().action_id = action.id

    def _duban_home_action(self):
        """The action a user of this supervision role lands on; none outside supervision.

        duban_reports overrides it with the office's dashboard and the leaders' cockpit.
        """
        self.ensure_one()
        if self.has_group("duban_supervision.group_duban_officer") or self.has_group(
            "duban_supervision.group_duban_leader"
        ):
            return self.env.ref("duban_supervision.duban_item_action")
        if self.has_group("duban_supervision.group_duban_liaison"):
            return self.env.ref("duban_supervision.duban_item_action_my")
        return self.env["ir.actions.act_window"]
