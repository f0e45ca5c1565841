from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# the desk of the units' people (我的督办): their pushes open records under it
UNIT_DESK_ACTION = "duban_supervision.duban_item_action_my"
# roles that work from the office's and leaders' lists rather than from the units' desk
OFFICE_DESK_GROUPS = (
    "duban_supervision.group_duban_officer",
    "duban_supervision.group_duban_leader",
)


class DubanWorkflowMixin(models.AbstractModel):
    """Keeps the fields a workflow owns (state, numbers, signatures) out of reach of plain writes.

    Views mark them read-only, but a read-only field can still be written over RPC. Every
    transition checks its own rights and then writes through ``_write_transition``; any other
    write or create that touches these fields is refused.
    """

    _name = "duban.workflow.mixin"
    _description = "Supervision workflow guard"
    _inherit = ["duban.write.guard"]

    def _get_protected_fields(self):
        """Fields only a transition may write."""
        return {"state"}

    def _check_protected_fields(self, fields):
        touched = self._get_protected_fields() & set(fields)
        if touched and not self.env.su:
            raise AccessError(
                self.env._(
                    "The fields %(fields)s of %(model)s are changed only by their workflow "
                    "buttons, never directly.",
                    fields=", ".join(
                        sorted(self._fields[f]._description_string(self.env) for f in touched)
                    ),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_fields(vals)
        return super().write(vals)

    def _write_transition(self, vals):
        """Write the workflow's own fields once the caller has checked state and rights."""
        # sudo: the transition has already checked the user's rights on these records
        return self.sudo().write(vals)

    # ---- Transitions ----

    def _check_state(self, states, verb):
        """Refuse the transition ``verb`` unless every record is in one of ``states``.

        The records' rows are taken for this transaction first (``_hold_for_transition``), so
        that two people moving the same record at once never both pass this check.
        """
        states = (states,) if isinstance(states, str) else states
        self._hold_for_transition()
        wrong = self.filtered(lambda r: r.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Cannot %(verb)s “%(record)s”: it is %(state)s.",
                    verb=verb,
                    record=wrong[0].display_name,
                    state=labels[wrong[0].state],
                )
            )

    def _hold_for_transition(self):
        """Lock the records' rows until the commit, before their state is read.

        A colleague's transition of the same record, committed since this transaction began,
        then makes this one fail to serialize: Odoo retries it, it reads the new state and is
        refused in words by ``_check_state``. Without the lock both would pass the check on the
        state they read, and the second would fail later on what they both add (a follower, a
        to-do) with an error that says nothing. Rows are taken in id order, so that two people
        moving the same records never wait for each other in a circle.
        """
        ids = sorted(record_id for record_id in self._ids if isinstance(record_id, int))
        if ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
                    SQL.identifier(self._table),
                    ids,
                )
            )

    def _open_reason_wizard(self, action, title):
        """The dialog that asks why before a refusal, objection, return or termination."""
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "duban.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_ids": str(self.ids),
                "default_action": action,
            },
        }

    # ---- Activities ----

    def _get_activity_plan(self):
        """The activities this record should have now, as dicts with ``type`` (an activity type
        xml id), ``user`` (res.users), ``date_deadline`` and ``summary``.

        Overridden per model; the default has none.
        """
        self.ensure_one()
        return []

    def _get_activity_type_xmlids(self):
        """Every activity type the model's workflow schedules (and may therefore close)."""
        return []

    def _activity_sync(self):
        """Bring the workflow's activities in line with the records' current state.

        Activities that are no longer wanted are marked done, missing ones are scheduled, and
        those already there are kept, so calling it twice changes nothing. Returns the
        activities scheduled.
        """
        if not self:
            return self.env["mail.activity"]
        types = {
            xmlid: self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
            for xmlid in self._get_activity_type_xmlids()
        }
        # sudo: the workflow manages its own activities, whoever's inbox they are in
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", list(types.values())),
                ]
            )
        )
        existing = {(a.res_id, a.activity_type_id.id, a.user_id.id): a for a in activities}
        wanted, to_create = set(), []
        for record in self:
            for plan in record._get_activity_plan():
                if not plan["user"]:
                    continue
                key = (record.id, types[plan["type"]], plan["user"].id)
                wanted.add(key)
                if key not in existing:
                    to_create.append((record, plan))
        obsolete = activities.filtered(
            lambda a: (a.res_id, a.activity_type_id.id, a.user_id.id) not in wanted
        )
        if obsolete:
            self._close_activities(obsolete)
        scheduled = self.env["mail.activity"]
        notice_vals = []
        for record, plan in to_create:
            activity = record.sudo().activity_schedule(
                plan["type"],
                date_deadline=plan.get("date_deadline"),
                summary=record._get_summary_for(plan),
                user_id=plan["user"].id,
            )
            scheduled |= activity
            notice_vals.append(record._get_push_notice_vals(activity))
        self.env["duban.notice"]._add_notices(notice_vals)
        return scheduled

    def _close_activities(self, activities):
        """Mark done the to-dos the records' new state no longer wants: archived, with the date
        they were done, as Odoo keeps done activities. No chatter line of their own: the state's
        tracking line already says who moved the record on, and when (and a to-do dropped because
        someone else acted was not done by its person)."""
        activities.action_archive()

    def _refresh_activity_summaries(self, activities):
        """Write again, from the plan, the summaries of ``activities`` scheduled on these records
        (once something they name, such as an item's number, was given after scheduling)."""
        types = {
            xmlid: self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
            for xmlid in self._get_activity_type_xmlids()
        }
        scheduled = {
            (a.res_id, a.activity_type_id.id, a.user_id.id): a
            for a in activities
            if a.res_model == self._name
        }
        for record in self:
            for plan in record._get_activity_plan():
                key = (record.id, types[plan["type"]], plan["user"].id)
                if key in scheduled:
                    scheduled[key].summary = record._get_summary_for(plan)

    def _get_push_notice_vals(self, activity):
        """The notice that tells ``activity``'s person of it on the channels they read."""
        self.ensure_one()
        return self.env["duban.notice"]._notice_vals_for_activity(self, activity)

    def _get_push_path(self, user, item=None):
        """Where a push to ``user`` about this record opens: its form inside the action
        ``user`` works from, so that it shows the buttons they act with and leads back to
        their desk. The units' people open it under its item in 我的督办 (``item``, when the
        caller knows it already: the notice does)."""
        self.ensure_one()
        item = self._duban_notice_item() if item is None else item
        if item and item != self and self._works_from_unit_desk(user):
            return f"/odoo/action-{UNIT_DESK_ACTION}/{item.id}/{self._name}/{self.id}"
        xmlid = self._get_push_action_xmlid(user)
        if self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False):
            return f"/odoo/action-{xmlid}/{self.id}"
        return f"/odoo/{self._name}/{self.id}"

    def _get_push_action_xmlid(self, user):
        """The action whose form a push to ``user`` opens this record in."""
        return f"duban_supervision.{self._table}_action"

    def _works_from_unit_desk(self, user):
        """Whether ``user`` works from 我的督办 (a unit's people) rather than from the office's
        or leaders' lists. Read from ``all_group_ids``, which the dispatcher has already read
        for every person of the batch."""
        office_groups = self.env["res.groups"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid) for xmlid in OFFICE_DESK_GROUPS
        )
        return not office_groups & user.all_group_ids

    def _duban_notice_company(self):
        company = self["company_id"] if "company_id" in self._fields else False
        return company or self.env.company

    def _duban_notice_item(self):
        """The item a push about this record is about (its 密级 decides what the push says)."""
        if self._name == "duban.item":
            return self
        return self["item_id"] if "item_id" in self._fields else self.env["duban.item"]

    def _get_summary_for(self, plan):
        """The plan's summary in the language of the person whose inbox it goes to."""
        lang = plan["user"].lang
        if not lang or lang == self.env.lang:
            return plan.get("summary", "")
        for localized in self.with_context(lang=lang)._get_activity_plan():
            if localized["type"] == plan["type"] and localized["user"] == plan["user"]:
                return localized.get("summary", "")
        return plan.get("summary", "")
