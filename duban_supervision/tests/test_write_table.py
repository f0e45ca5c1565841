import logging
import time
from contextlib import closing
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..models.duban_write_guard import ANY_STATE, CREATE, ROLES
from .common import DubanCase

_logger = logging.getLogger(__name__)
# AccessError and ValidationError are UserErrors too: any refusal the user can read
REFUSED = UserError
# the roles each test user plays: by their groups, and on a record of their unit's assignment
GROUP_ROLES = {
    "liaison": set(),
    "head": set(),
    "officer": {"officer"},
    "leader": {"leader"},
    "principal": {"leader", "principal"},
    "manager": {"officer", "officer_all", "manager"},
}
UNIT_ROLES = {"liaison": {"liaison"}, "head": {"liaison", "head"}}
# models whose table is read in the state of another record
STATE_HOLDERS = {"duban.report.date": "item_id"}


class WriteTableWalk:
    """Walks every field of every duban model of ``_walked_module``, as each role, in each
    state, and checks that ``write`` succeeds exactly where the model's write table allows.

    One representative record per model is put in each state inside a savepoint; a write that
    should pass is tried field by field and rolled back; what should be refused is tried at once
    and must be refused by the table with the message naming exactly those fields, or else
    (when the user may not write the record at all, or the model refuses first) field by field.
    Where the user may write the record, its form must offer no field the table refuses.
    """

    _walked_module = "duban_supervision"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the supervision administrator, one of the roles walked
        cls.manager = new_test_user(
            cls.env,
            "t_manager",
            "duban_supervision.group_duban_manager",
            name="督办管理员",
            duban_clearance="confidential",
        )

    def _representative_records(self):
        """One record per model, all on the test organization's lead unit and office."""
        raise NotImplementedError

    def _role_users(self):
        return {
            "liaison": self.liaison,
            "head": self.head,
            "officer": self.officer,
            "leader": self.leader,
            "principal": self.principal,
            "manager": self.manager,
        }

    def _walked_models(self):
        """The stored, lasting models the module defines (not those it only extends)."""
        return sorted(
            name
            for name in self.env.registry
            if self.env[name]._original_module == self._walked_module
            and not self.env[name]._transient
            and not self.env[name]._abstract
            and self.env[name]._auto
        )

    def _states(self, record):
        holder = STATE_HOLDERS.get(record._name)
        target = record[holder] if holder else record
        if "state" not in target._fields:
            return [ANY_STATE]
        return [value for value, _label in target._fields["state"].selection]

    def _put_in_state(self, record, state):
        if state == ANY_STATE:
            return
        holder = STATE_HOLDERS.get(record._name)
        target = record[holder] if holder else record
        target.sudo().write({"state": state})

    def _current_vals(self, record, names):
        record = record.sudo()
        return {name: record._fields[name].convert_to_write(record[name], record) for name in names}

    def _expected_roles(self, record, role):
        unit_bound = bool(record.sudo()._get_write_assignment())
        return GROUP_ROLES[role] | (UNIT_ROLES.get(role, set()) if unit_bound else set())

    def _check_table_is_sound(self, model):
        """Every name in a table is a field, a known role and a state of the model."""
        Model = self.env[model]
        states = {ANY_STATE, CREATE}
        if "state" in Model._fields:
            states |= {value for value, _label in Model._fields["state"].selection}
        elif model in STATE_HOLDERS:
            holder = Model._fields[STATE_HOLDERS[model]].comodel_name
            states |= {value for value, _label in self.env[holder]._fields["state"].selection}
        protected = Model._get_protected_fields() if hasattr(Model, "_get_protected_fields") else ()
        for state, entry in Model._get_write_table().items():
            self.assertIn(state, states, f"{model}: unknown state {state!r} in its write table")
            for role, names in entry.items():
                self.assertIn(role, ROLES, f"{model}: unknown role {role!r}")
                for name in names:
                    self.assertIn(name, Model._fields, f"{model}: no field {name!r}")
                    self.assertNotIn(name, protected, f"{model}: {name} is the workflow's")

    def _walk(self, record, users):
        writes = 0
        model = record._name
        all_fields = sorted(record._fields)
        protected = (
            set(record._get_protected_fields())
            if hasattr(record, "_get_protected_fields")
            else set()
        )
        values = self._current_vals(record, all_fields)
        for state in self._states(record):
            with closing(self.env.cr.savepoint()):
                self._put_in_state(record, state)
                state_values = {}  # what the forms' expressions read, in this state
                for role, user in users.items():
                    rec = record.with_user(user)
                    # the table as it reads for this user, even where they may not read
                    as_seen = record.with_env(self.env(user=user, su=True))
                    self.assertEqual(
                        as_seen._get_write_roles(),
                        self._expected_roles(record, role),
                        f"{model}: roles of {role}",
                    )
                    allowed = as_seen._get_writable_fields()
                    if not rec.has_access("write"):
                        self.assertFalse(
                            allowed, f"{model} ({state}): {role} may not write it at all"
                        )
                    if rec.has_access("write"):
                        self._check_form_agrees(rec, state, role, allowed, state_values)
                    for name in sorted(allowed):
                        with closing(self.env.cr.savepoint()):
                            writes += 1
                            try:
                                rec.write({name: values[name]})
                            except REFUSED as error:
                                self.fail(
                                    f"{model} ({state}) as {role}: the table allows {name} "
                                    f"but the write was refused: {error}"
                                )
                    refused = [n for n in all_fields if n not in allowed and n not in protected]
                    writes += self._check_refused(rec, state, role, refused, values)
        # the workflow's own fields, refused in any state and by anyone
        for role, user in users.items():
            for name in sorted(protected):
                writes += 1
                with self.assertRaises(REFUSED, msg=f"{model}: {name} as {role}"):
                    record.with_user(user).write({name: values[name]})
        return writes

    def _check_form_agrees(self, rec, state, role, allowed, state_values):
        """The form offers (shows and leaves editable) only fields the table lets them write.

        Models without a form view of their own (reporting dates, assessment lines) are only
        shown inside their parent's form, read-only or as tags, and are left out.
        """
        key = (rec._name, rec.env.uid)
        if key not in self._archs:
            if not self.env["ir.ui.view"].search_count(
                [("model", "=", rec._name), ("type", "=", "form")], limit=1
            ):
                self._archs[key] = None
            else:
                views = rec.get_views([(False, "form")])["views"]
                self._archs[key] = etree.fromstring(views["form"]["arch"])
        arch = self._archs[key]
        if arch is None:
            return
        nodes = [node for node in arch.iter("field") if node.getparent().tag != "list"]
        nodes = [n for n in nodes if not any(a.tag == "field" for a in n.iterancestors())]
        names = {node.get("name") for node in nodes}
        for node in arch.xpath("//*[@invisible or @readonly]"):
            for expression in (node.get("invisible"), node.get("readonly")):
                names |= {name for name in rec._fields if expression and name in expression}
        record = rec.sudo()
        for name in names - set(state_values) - {"writable_fields"}:
            if name in rec._fields:
                value = record[name]
                state_values[name] = rec._fields[name].convert_to_read(
                    value, record, use_display_name=False
                )
        values = dict(state_values, id=rec.id, context={}, uid=rec.env.uid)
        values["writable_fields"] = f",{','.join(sorted(allowed))},"
        self.assertEqual(rec.writable_fields, values["writable_fields"])

        def holds(node, attribute):
            expression = node.get(attribute)
            return bool(expression and safe_eval(expression, dict(values)))

        offered = set()
        for node in nodes:
            name = node.get("name")
            if holds(node, "invisible") or any(holds(a, "invisible") for a in node.iterancestors()):
                continue
            readonly = (
                holds(node, "readonly") if node.get("readonly") else rec._fields[name].readonly
            )
            if not readonly:
                offered.add(name)
        self.assertLessEqual(
            offered,
            allowed,
            f"{rec._name} ({state}): the form offers {role} fields the table refuses",
        )

    def _check_refused(self, rec, state, role, refused, values):
        """Try ``refused`` at once; field by field where the table is not what refuses it."""
        vals = {name: values[name] for name in refused}
        with self.assertRaises(REFUSED, msg=f"{rec._name} ({state}) as {role}") as caught:
            rec.write(vals)
        if not rec.has_access("write"):
            return 1  # the user writes nothing on this record: no field can pass
        if str(caught.exception) == rec._get_write_refusal(set(refused), creating=False):
            return 1  # the table refused, naming exactly these fields
        for name in refused:
            with self.assertRaises(REFUSED, msg=f"{rec._name} ({state}) {name} as {role}"):
                rec.write({name: vals[name]})
        return 1 + len(refused)

    def _walk_all(self):
        self._archs = {}
        records = self._representative_records()
        users = self._role_users()
        started, writes = time.perf_counter(), 0
        for model in self._walked_models():
            with self.subTest(model=model):
                self.assertIn(model, records, f"{model}: add a representative record")
                self._check_table_is_sound(model)
                writes += self._walk(records[model], users)
        _logger.info(
            "Write tables of %s: %s writes in %.1f s",
            self._walked_module,
            writes,
            time.perf_counter() - started,
        )


@tagged("post_install", "-at_install")
class TestWriteTable(WriteTableWalk, DubanCase):
    def _representative_records(self):
        # the units may be given the secret item that the access log records
        self._clear_unit_people()
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        env = self.env
        return {
            "duban.item": item,
            "duban.assignment": lead,
            "duban.report": self._report(lead, self.liaison, report_type="progress"),
            "duban.urge": env["duban.urge"]
            .with_user(self.officer)
            .create({"assignment_id": lead.id, "method": "phone", "content": "<p>请加快</p>"}),
            "duban.extension": env["duban.extension"]
            .with_user(self.liaison)
            .create(
                {
                    "item_id": item.id,
                    "assignment_id": lead.id,
                    "reason": "需要更多时间",
                    "date_deadline_new": date(2026, 4, 30),
                }
            ),
            "duban.risk": env["duban.risk"]
            .with_user(self.liaison)
            .create({"assignment_id": lead.id, "description": "经费", "help_needed": "协调"}),
            "duban.accountability": env["duban.accountability"]
            .with_user(self.officer)
            .create(
                {
                    "measure": "interview",
                    "department_id": self.unit.id,
                    "item_ids": [(6, 0, item.ids)],
                    "grounds": "逾期未办",
                }
            ),
            "duban.report.request": env["duban.report.request"]._open_request(
                item, date(2026, 3, 31), "2026-03"
            ),
            "duban.instruction": env["duban.instruction"]
            .with_user(self.leader)
            .create({"item_id": item.id, "text": "请抓紧落实"}),
            "duban.deadline.history": item.deadline_history_ids[:1],
            "duban.report.date": env["duban.report.date"].create(
                {"item_id": item.id, "date": date(2026, 3, 10)}
            ),
            "duban.routing.rule": env["duban.routing.rule"].create(
                {"source": "other", "office_id": self.office.id}
            ),
            "duban.meeting.type": env["duban.meeting.type"].create({"name": "测试会议"}),
            "duban.policy.route": env["duban.policy.route"].create(
                {
                    "policy_id": env.company.duban_policy_id.id,
                    "source": "meeting",
                    "target": "office",
                }
            ),
            "duban.urge.method": env.ref("duban_supervision.urge_method_phone"),
            "duban.policy": env["duban.policy"].create({"name": "测试制度"}),
            "duban.access.log": env["duban.access.log"]
            .with_user(self.officer)
            ._log(self._secret_item(), "open"),
            "duban.workday": env["duban.workday"].create(
                {"date": date(2031, 1, 2), "day_type": "holiday", "name": "测试"}
            ),
            **self._push_records(item),
            # the telling of the issue above, waiting for the cron
            "duban.issue.tell": env["duban.issue.tell"].search([], order="id desc", limit=1),
        }

    def _secret_item(self):
        """A 秘密 item, issued to units whose people are cleared for it, as they must be."""
        self._clear_unit_people()
        return self._issued_item(security_level="secret", name="秘密事项")

    def _push_records(self, item):
        """A channel, a message of its queue to the liaison, and a notice waiting for them."""
        channel = self.env["duban.channel"].create(
            {"name": "测试群机器人", "kind": "wecom_robot", "webhook_key": "walk-key"}
        )
        notice = self.env["duban.notice"].create(
            {
                "user_id": self.liaison.id,
                "company_id": self.env.company.id,
                "res_model": "duban.item",
                "res_id": item.id,
                "item_id": item.id,
                "event_key": "walk",
            }
        )
        push = self.env["duban.push"].create(
            {
                "channel_id": channel.id,
                "user_id": self.liaison.id,
                "notice_ids": [(6, 0, notice.ids)],
                "key": "walk",
                "payload": "{}",
            }
        )
        return {"duban.channel": channel, "duban.notice": notice, "duban.push": push}

    def test_every_field_follows_its_table(self):
        """Each role writes exactly what each model's table allows, in each state."""
        self._walk_all()

    def test_create_follows_the_table(self):
        """Creating sets only what the table allows: a unit's report, not its assignment's
        signature; an instruction, not the records it makes."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        with self.assertRaises(AccessError):
            self.env["duban.report"].with_user(self.officer).create(
                {"name": "代写报告", "assignment_id": lead.id, "content": "<p>代写</p>"}
            )
        with self.assertRaises(AccessError):
            self.env["duban.urge"].with_user(self.officer).create(
                {"assignment_id": lead.id, "answer": "自问自答"}
            )
        report = self._report(lead, self.liaison, report_type="progress")
        self.assertEqual(report.create_uid, self.liaison)
