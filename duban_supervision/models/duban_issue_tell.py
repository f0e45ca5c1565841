import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# issues told per transaction of the cron; each issue is told in a savepoint of its own
TELL_BATCH = 50
# attempts before an issue's telling is given up (and shown as failed to the administrator)
TELL_ATTEMPTS = 3


class DubanIssueTell(models.Model):
    """The people to tell of one issue (交办), told by the cron once the issue is committed.

    Issuing writes a row here in the issuing transaction and wakes the cron; the cron posts the new
    work in each unit's inbox and e-mails the other people who got a to-do. These messages name
    the items by their numbers and are most of an issue's cost (Odoo's mail rendering and inbox
    notifications), so the clerk's answer, and the number each issue holds until its commit, no
    longer wait for them. A retried issue leaves no row behind from its rolled back attempt, so
    everyone is told once.
    """

    _name = "duban.issue.tell"
    _description = "New work to tell"
    _inherit = ["duban.write.guard"]
    _order = "id"
    # nobody writes it by hand: issuing queues it, the cron records how the telling went
    _write_table = {}

    user_id = fields.Many2one("res.users", string="Issued by", required=True, readonly=True)
    # ids, not links: the telling must not hold up deleting what it tells of
    item_id_list = fields.Json(string="Items", readonly=True)
    assignment_id_list = fields.Json(string="Assignments", readonly=True)
    activity_id_list = fields.Json(string="To-dos", readonly=True)
    state = fields.Selection(
        [("pending", "Waiting"), ("done", "Told"), ("failed", "Failed")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    last_error = fields.Text(readonly=True)
    date_done = fields.Datetime(string="Told on", readonly=True)

    @api.depends("item_id_list")
    def _compute_display_name(self):
        # sudo: the numbers of the items told of, which the administrator reading the queue may
        # not otherwise see; numbers only, never a classified title
        items = (
            self.env["duban.item"]
            .sudo()
            .browse({item_id for entry in self for item_id in entry.item_id_list or []})
            .exists()
        )
        number_of = {item.id: item.number for item in items if item.number}
        for entry in self:
            numbers = [number_of[i] for i in entry.item_id_list or [] if i in number_of]
            entry.display_name = self.env._(
                "Telling of %(numbers)s", numbers="、".join(numbers) or "-"
            )

    @api.model
    def _queue(self, items, assignments, activities):
        """Tell, once this transaction is committed, the people of these issued items."""
        self.sudo().create(
            {
                "user_id": self.env.uid,
                "item_id_list": items.ids,
                "assignment_id_list": assignments.ids,
                "activity_id_list": activities.ids,
            }
        )
        # sudo: waking the cron is the system's work, whoever issued
        self.env.ref("duban_supervision.ir_cron_duban_tell").sudo()._trigger()

    @api.model
    def _cron_tell(self):
        """Tell the people of the waiting issues, a batch per transaction, oldest first."""
        in_cron = bool(self.env.context.get("cron_id"))
        # sudo: the queue is the system's, whoever runs it
        queue = self.sudo()
        while True:
            batch = queue.search([("state", "=", "pending")], limit=TELL_BATCH)
            for entry in batch:
                entry._tell()
            if in_cron:
                remaining = queue.search_count([("state", "=", "pending")])
                time_left = self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining)
                if time_left <= 0:
                    return
            if len(batch) < TELL_BATCH:
                return

    def _tell(self):
        """Tell this issue's people, as the clerk who issued it; a failure is recorded and
        retried by the next run, and never undoes the issue."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._tell_people()
        except Exception as error:  # a failed message must not stop the others
            _logger.exception("Telling the people of issued items %s failed", self.item_id_list)
            attempts = self.attempts + 1
            self.write(
                {
                    "attempts": attempts,
                    "last_error": str(error)[:2000],
                    "state": "failed" if attempts >= TELL_ATTEMPTS else "pending",
                }
            )
            return
        self.write({"state": "done", "date_done": fields.Datetime.now()})

    def _tell_people(self):
        """Post the new work in each unit's inbox, and e-mail the others who got a to-do."""
        env = self.env(user=self.user_id.id, su=False)
        # the mails go through Odoo's mail queue rather than being sent from the cron
        env = env(context={**env.context, "mail_notify_force_send": False})
        assignments = env["duban.assignment"].browse(self.assignment_id_list or []).exists()
        activities = env["mail.activity"].browse(self.activity_id_list or []).exists()
        told = assignments._notify_new_work()
        items = env["duban.item"].browse(self.item_id_list or []).exists()
        items._notify_scheduled_activities(activities - told)
