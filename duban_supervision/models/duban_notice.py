import hashlib
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .selections import CONFIDENTIAL_RANK

NOTICE_CATEGORIES = [
    ("red", "Red: overdue"),
    ("yellow", "Yellow: due soon"),
    ("new", "New"),
    ("to_sign", "Awaiting your signature"),
]
# activity types that ask the person to sign something; the others are news
SIGN_ACTIVITY_TYPES = (
    "duban_supervision.mail_act_duban_sign",
    "duban_supervision.mail_act_duban_receive",
    "duban_supervision.mail_act_duban_report_sign",
)
# reminder ladder levels: overdue ones are red, the others yellow; the last two reach leaders
RED_LEVELS = ("head", "leader", "principal")
ESCALATION_LEVELS = ("leader", "principal")
# lines listed per group in one message; the rest are counted
LINES_PER_GROUP = 10
DEFAULT_TZ = "Asia/Shanghai"


class DubanNotice(models.Model):
    """Something one person should hear about outside Odoo, waiting for the reminder budget.

    One per person and event (``event_key``): a reminder step of an assignment, a new activity,
    an urge. The dispatcher gathers a person's waiting notices into one message per channel
    (``duban.push``), within working hours on working days of the official calendar and at most
    N messages a day; escalations to leaders may go at any time if the budget says so.
    """

    _name = "duban.notice"
    _description = "Supervision push notice"
    _inherit = ["duban.write.guard"]
    _order = "id desc"
    _check_company_auto = True
    # the reminder budget's bookkeeping: written by the dispatcher only, never by hand
    _write_table = {}

    user_id = fields.Many2one("res.users", string="Person", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    category = fields.Selection(NOTICE_CATEGORIES, required=True, default="new")
    summary = fields.Char(help="The line of the message, in the person's language.")
    res_model = fields.Char(string="Document model", required=True)
    res_id = fields.Integer(string="Document", required=True)
    item_id = fields.Many2one("duban.item", index=True, ondelete="cascade")
    urge_id = fields.Many2one("duban.urge", index="btree_not_null", ondelete="set null")
    channel_id = fields.Many2one(
        "duban.channel",
        string="Only on",
        ondelete="cascade",
        help="Set when someone chose the channel (an urge): the notice goes there only.",
    )
    activity_id = fields.Many2one(
        "mail.activity",
        ondelete="set null",
        help="The inbox activity it echoes: once that is done, the push has nothing to say.",
    )
    has_activity = fields.Boolean()
    event_key = fields.Char(required=True, help="The event it tells of; one notice per person.")
    is_escalation = fields.Boolean(
        help="A red light escalated to a leader: the budget may let it through at any time."
    )
    state = fields.Selection(
        [("pending", "Waiting"), ("sent", "Handed to the queue"), ("dropped", "Inbox only")],
        default="pending",
        required=True,
        index=True,
        help="Waiting: for working hours or the next digest. Handed to the queue: part of a "
        "message. Inbox only: no channel reaches this person.",
    )
    date_next = fields.Datetime(
        string="Not before",
        required=True,
        default=fields.Datetime.now,
        index=True,
        help="The earliest time the reminder budget lets it go.",
    )
    date_dispatched = fields.Datetime(string="Dispatched on", readonly=True)
    push_ids = fields.Many2many("duban.push", string="Messages")

    _event_unique = models.Constraint(
        "UNIQUE(user_id, event_key)", "A person hears of each event once."
    )

    @api.depends("user_id", "summary", "category")
    def _compute_display_name(self):
        categories = dict(self._fields["category"]._description_selection(self.env))
        for notice in self:
            told = notice.summary or categories.get(notice.category, "")
            notice.display_name = f"{notice.user_id.name or ''} · {told}"

    # ---- Creation ----

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group("duban_supervision.group_duban_manager"):
            raise AccessError(self.env._("Only supervision administrators manage channels."))

    @api.model
    def _add_notices(self, vals_list):
        """Create the notices of ``vals_list`` that are new (by person and event key) and
        reach someone: a person without any channel is left to the inbox."""
        vals_list = [vals for vals in vals_list if vals.get("user_id")]
        if not vals_list:
            return self.browse()
        users = self.env["res.users"].browse({vals["user_id"] for vals in vals_list})
        # sudo: which channels exist is configuration, read on behalf of whoever acted
        channels = self.env["duban.channel"].sudo().search([])
        if not channels:
            return self.browse()
        reachable = {user.id for user in users if user._duban_get_push_channels(channels)}
        vals_list = [
            vals for vals in vals_list if vals["user_id"] in reachable or vals.get("channel_id")
        ]
        if not vals_list:
            return self.browse()
        # sudo: notices are the system's bookkeeping, whoever's action caused them
        notices = self.sudo()
        existing = set(
            map(
                tuple,
                notices.search_fetch(
                    [
                        ("user_id", "in", [vals["user_id"] for vals in vals_list]),
                        ("event_key", "in", [vals["event_key"] for vals in vals_list]),
                    ],
                    ["user_id", "event_key"],
                ).mapped(lambda n: (n.user_id.id, n.event_key)),
            )
        )
        new, seen = [], set()
        for vals in vals_list:
            key = (vals["user_id"], vals["event_key"])
            if key not in existing and key not in seen:
                seen.add(key)
                new.append(vals)
        return notices.create(new)

    @api.model
    def _notice_vals_for_activity(self, record, activity, category=None, **extra):
        """A notice telling ``activity``'s person about it, with its summary as the line."""
        sign_types = {self.env["ir.model.data"]._xmlid_to_res_id(x) for x in SIGN_ACTIVITY_TYPES}
        vals = {
            "user_id": activity.user_id.id,
            "company_id": record._duban_notice_company().id,
            "category": category
            or ("to_sign" if activity.activity_type_id.id in sign_types else "new"),
            "summary": activity.summary or activity.activity_type_id.name,
            "res_model": record._name,
            "res_id": record.id,
            "item_id": record._duban_notice_item().id,
            "event_key": f"mail.activity,{activity.id}",
            "activity_id": activity.id,
            "has_activity": True,
        }
        vals.update(extra)
        return vals

    # ---- Dispatch (the reminder budget) ----

    @api.model
    def _cron_dispatch(self):
        self._dispatch()

    @api.model
    def _dispatch(self, now=None):
        """Hand the waiting notices the budget lets go to the queue, one message a person."""
        now = now or fields.Datetime.now()
        notices = self.search([("state", "=", "pending"), ("date_next", "<=", now)], order="id")
        notices = notices._drop_done()
        if not notices:
            return
        sent_today = self._count_messages_today(notices.user_id, now)
        by_user = {}
        for notice in notices:
            by_user.setdefault(notice.user_id, []).append(notice.id)
        for user, ids in by_user.items():
            mine = self.browse(ids)
            budget = mine[0].company_id._duban_policy()._push_budget()
            local = self._local_now(user, now)
            window_open = self._is_window_open(local, budget)
            if window_open and sent_today.get(user.id, 0) < budget["daily_cap"]:
                going = mine
            elif budget["escalation_anytime"]:
                going = mine.filtered("is_escalation")
            else:
                going = self.browse()
            waiting = mine - going
            if going:
                going._dispatch_as_one_message(user, now)
            if waiting:
                waiting.date_next = self._next_window_start(local, budget, window_open)

    def _drop_done(self):
        """Drop the notices whose activity was done meanwhile, and answer the others."""
        # a deleted activity leaves the notice without one (ondelete set null)
        done = self.filtered(lambda n: n.has_activity and not n.activity_id.active)
        done.state = "dropped"
        return self - done

    @api.model
    def _count_messages_today(self, users, now):
        """Messages already sent to each of ``users`` since midnight of their day."""
        self.flush_model(["user_id", "date_dispatched"])
        self.env.cr.execute(
            SQL(
                "SELECT user_id, date_dispatched FROM duban_notice "
                "WHERE user_id = ANY(%s) AND date_dispatched >= %s GROUP BY user_id, "
                "date_dispatched",
                users.ids,
                now - timedelta(days=1),
            )
        )
        counts = {}
        midnights = {
            user.id: self._local_now(user, now).replace(hour=0, minute=0, second=0, microsecond=0)
            for user in users
        }
        for user_id, dispatched in self.env.cr.fetchall():
            tz = midnights[user_id].tzinfo
            if pytz.utc.localize(dispatched).astimezone(tz) >= midnights[user_id]:
                counts[user_id] = counts.get(user_id, 0) + 1
        return counts

    @api.model
    def _local_now(self, user, now):
        tz = pytz.timezone(user.tz or user.company_id.partner_id.tz or DEFAULT_TZ)
        return pytz.utc.localize(now).astimezone(tz)

    @api.model
    def _is_window_open(self, local, budget):
        hour = local.hour + local.minute / 60
        return budget["hour_from"] <= hour < budget["hour_to"] and self.env[
            "duban.calendar"
        ].is_workday(local.date())

    @api.model
    def _next_window_start(self, local, budget, window_open):
        """When the next digest may go: the start of working hours on the next working day
        (today's start if it is still ahead), as a naive UTC datetime."""
        day = local.date()
        hour = local.hour + local.minute / 60
        calendar = self.env["duban.calendar"]
        if window_open or hour >= budget["hour_from"] or not calendar.is_workday(day):
            day = calendar.add_workdays(day, 1)
        hours, minutes = divmod(round(budget["hour_from"] * 60), 60)
        start = local.tzinfo.localize(datetime.combine(day, time(hours, minutes)))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    def _dispatch_as_one_message(self, user, now):
        """Claim these notices of ``user`` and queue one message per channel that reaches them."""
        claimed = self.browse(self._claim(now))
        if not claimed:
            return
        chosen = user._duban_get_push_channels()
        for channel in chosen | claimed.channel_id:
            # a notice meant for one channel goes there only; the others go on every chosen one
            notices = claimed.filtered(
                lambda n, c=channel: n.channel_id == c or (not n.channel_id and c in chosen)
            )
            if notices:
                self.env["duban.push"]._queue_message(channel, user, notices, now)
        claimed.filtered(lambda n: not n.push_ids).state = "dropped"

    def _claim(self, now):
        """Mark these notices dispatched where they are still waiting; two runs never both do."""
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "UPDATE duban_notice SET state = 'sent', date_dispatched = %s "
                "WHERE id = ANY(%s) AND state = 'pending' RETURNING id",
                now,
                self.ids,
            )
        )
        claimed = [row[0] for row in self.env.cr.fetchall()]
        self.browse(claimed).invalidate_recordset(["state", "date_dispatched"])
        return claimed

    # ---- Messages ----

    def _build_message(self):
        """One message telling of these notices, grouped red / yellow / new / to sign.

        A notice about an item with a 密级 carries neither its title, its content nor its unit:
        only that a classified item awaits, and a link.
        """
        labels = dict(self._fields["category"]._description_selection(self.env))
        shown = self.browse()
        for category, _label in NOTICE_CATEGORIES:
            shown |= self.filtered(lambda n, c=category: n.category == c)[:LINES_PER_GROUP]
        existing = shown._existing_records()
        lines, items = [], []
        title = self.env._("Supervision reminders: %(count)s", count=len(self))
        lines.append(f"### {title}")
        for category, _label in NOTICE_CATEGORIES:
            group = self.filtered(lambda n, c=category: n.category == c)
            if not group:
                continue
            lines.append(f"**{labels[category]}** ({len(group)})")
            for notice in group[:LINES_PER_GROUP]:
                text, url = notice._get_line(existing)
                lines.append(f"- [{text}]({url})")
                items.append({"category": category, "text": text, "url": url})
            if len(group) > LINES_PER_GROUP:
                lines.append(
                    "- " + self.env._("… and %(count)s more", count=len(group) - LINES_PER_GROUP)
                )
        url = self._get_desk_url()
        link_text = self.env._("Open my supervision")
        lines.append(f"[{link_text}]({url})")
        return {"title": title, "markdown": "\n".join(lines), "url": url, "items": items}

    def _existing_records(self):
        """``{model: records}``: the records these notices are about that still exist, read
        together (what a line reads of one record is then fetched for all of them)."""
        by_model = {}
        for notice in self:
            by_model.setdefault(notice.res_model, []).append(notice.res_id)
        # sudo: only whether the records still exist is read
        return {
            model: self.env[model].sudo().browse(ids).exists() for model, ids in by_model.items()
        }

    def _get_line(self, existing):
        self.ensure_one()
        # sudo: the line is written for its recipient, who was given the activity or urge
        found = existing.get(self.res_model, self.env[self.res_model].sudo())
        record = found.browse(self.res_id if self.res_id in found.ids else ())
        record = record.with_prefetch(found._prefetch_ids)
        item = self.sudo().item_id
        target = record or item
        url = self._get_record_url(target, item) if target else self._get_desk_url()
        if item and item.security_rank >= CONFIDENTIAL_RANK:
            return self.env._("A classified item awaits you"), url
        summary = self.activity_id.summary or self.summary
        return summary or (item and item._get_safe_label()) or "", url

    def _get_record_url(self, record, item):
        """The link that opens ``record`` (about ``item``) for this notice's person on the
        action they work from (the form with their buttons); other records open on their own
        form."""
        self.ensure_one()
        if isinstance(record, self.pool["duban.workflow.mixin"]):
            path = record._get_push_path(self.user_id, item)
        else:
            path = f"/odoo/{record._name}/{record.id}"
        return self.env.company.get_base_url() + path

    def _get_desk_url(self):
        return (
            self.env.company.get_base_url() + "/odoo/action-duban_supervision.duban_item_action_my"
        )

    @api.model
    def _build_test_message(self):
        title = self.env._("Supervision: test message")
        url = self._get_desk_url()
        text = self.env._(
            "This channel reaches you. Supervision reminders will come here, at most a few a day."
        )
        return {
            "title": title,
            "markdown": f"### {title}\n{text}\n[{url}]({url})",
            "url": url,
            "items": [],
        }

    @api.model
    def _message_key(self, channel, user, notices):
        raw = f"{channel.id}:{user.id}:{','.join(map(str, sorted(notices.ids)))}"
        return hashlib.sha1(raw.encode()).hexdigest()

    def _raise_if_unreachable(self, channel, user):
        """Refuse to urge through ``channel`` someone it cannot reach, before anything is kept."""
        # sudo: the userids are on employee records, HR data the office may not read
        userid = channel.sudo()._get_platform_userid(user)
        if channel.kind in ("wecom_app", "dingtalk_work") and not userid:
            raise UserError(
                self.env._(
                    "%(user)s has no userid on the channel “%(channel)s”: fill it in on their "
                    "employee record.",
                    user=user.name,
                    channel=channel.name,
                )
            )
