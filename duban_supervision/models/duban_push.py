import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# minutes to wait after the n-th failed try worth repeating; after the last, the push fails
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
SEND_BATCH = 100


class DubanPush(models.Model):
    """One outgoing message on one channel to one person: the queue the cron sends from.

    A push that cannot go is kept with the platform's answer and tried again later (network
    errors, rate limits, busy platforms) or marked failed; nothing in the workflow waits on it.
    """

    _name = "duban.push"
    _description = "Supervision push message"
    _inherit = ["duban.write.guard"]
    _order = "id desc"
    # nobody writes a message by hand: the queue writes it as it sends, and "try again" and
    # "send now" are the administrators' only levers
    _write_table = {}

    channel_id = fields.Many2one(
        "duban.channel", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Person", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    notice_ids = fields.Many2many(
        "duban.notice",
        string="Notices",
        readonly=True,
        groups="duban_supervision.group_duban_manager",
    )
    notice_count = fields.Integer(compute="_compute_notice_count", string="Items")
    key = fields.Char(
        required=True, readonly=True, help="The channel, person and notices it carries."
    )
    payload = fields.Text(readonly=True, help="The JSON body sent to the platform.")
    state = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
        help="Queued: waiting for the cron (again, after a failure worth repeating). Sent: the "
        "platform accepted it. Failed: refused, or still failing after every try.",
    )
    attempts = fields.Integer(readonly=True)
    date_next_try = fields.Datetime(
        string="Next try", index=True, readonly=True, default=fields.Datetime.now
    )
    date_sent = fields.Datetime(string="Sent on", readonly=True)
    last_response = fields.Text(readonly=True)

    _key_unique = models.Constraint("UNIQUE(key)", "This message is already queued.")

    @api.depends("notice_ids")
    def _compute_notice_count(self):
        # sudo: people read the messages sent to them; what they carry is the queue's bookkeeping
        for push in self:
            push.notice_count = len(push.sudo().notice_ids)

    @api.depends("channel_id", "user_id")
    def _compute_display_name(self):
        for push in self:
            push.display_name = f"{push.channel_id.name} → {push.user_id.name}"

    # ---- Actions ----

    def action_retry(self):
        """Try failed pushes again at the next run of the cron."""
        self.check_access("write")
        if any(push.state != "failed" for push in self):
            raise UserError(self.env._("Only failed messages can be tried again."))
        if any(not push.payload for push in self):
            raise UserError(
                self.env._(
                    "This message could not be written for its channel; correct what its last "
                    "response says, then remind again."
                )
            )
        # sudo: the queue's state is written by its procedures only, never by hand
        self.sudo().write({"state": "queued", "date_next_try": fields.Datetime.now()})

    def action_send_now(self):
        """Send the selected queued pushes now, without waiting for the cron."""
        self.check_access("write")
        # sudo: sending writes the queue's bookkeeping (attempts, answers), never by hand
        self.filtered(lambda p: p.state == "queued").sudo()._send()

    # ---- Queue ----

    @api.model
    def _queue_message(self, channel, user, notices, now):
        """Queue one message on ``channel`` telling ``user`` of ``notices``."""
        lang_notices = notices.with_context(lang=user.lang or self.env.lang)
        vals = {
            "channel_id": channel.id,
            "user_id": user.id,
            "notice_ids": [(6, 0, notices.ids)],
            "key": notices._message_key(channel, user, notices),
            "date_next_try": now,
        }
        try:
            # sudo: the payload needs the channel's credentials (agent id) and people's userids
            payload = channel.sudo()._prepare_payload(lang_notices._build_message(), user)
            vals["payload"] = json.dumps(payload, ensure_ascii=False)
        except UserError as error:
            vals.update(state="failed", last_response=str(error))
        return self.create(vals)

    @api.model
    def _cron_send(self):
        self._send_due()

    @api.model
    def _send_due(self, now=None):
        """Send the queued pushes that are due, a batch at a time."""
        now = now or fields.Datetime.now()
        in_cron = bool(self.env.context.get("cron_id"))
        pushes = self.search(
            [("state", "=", "queued"), ("date_next_try", "<=", now)],
            order="date_next_try, id",
            limit=SEND_BATCH,
        )
        pushes._send(now)
        if in_cron:
            self.env["ir.cron"]._commit_progress(len(pushes))

    def _send(self, now=None):
        """Send each push; a channel that answered "too many requests" rests for this run."""
        now = now or fields.Datetime.now()
        resting = self.env["duban.channel"]
        for push in self:
            if push.channel_id in resting:
                push.date_next_try = now + timedelta(minutes=BACKOFF_MINUTES[0])
                continue
            # sudo: sending uses the channel's secrets and its cached token
            result = push.channel_id.sudo()._deliver(json.loads(push.payload))
            push._record_result(result, now)
            if result.retry:
                resting |= push.channel_id

    def _record_result(self, result, now):
        self.ensure_one()
        attempts = self.attempts + 1
        vals = {"attempts": attempts, "last_response": result.response}
        if result.ok:
            vals.update(state="sent", date_sent=now)
        elif result.retry and attempts <= len(BACKOFF_MINUTES):
            vals["date_next_try"] = now + timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
        else:
            vals["state"] = "failed"
        self.write(vals)
