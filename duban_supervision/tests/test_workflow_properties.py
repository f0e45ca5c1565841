import os
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DubanCase

REFUSALS = (AccessError, UserError, ValidationError)
EXPLORE = int(os.environ.get("DUBAN_EXPLORE") or 0)


@tagged("post_install", "-at_install")
class TestWorkflowProperties(DubanCase):
    """Random sequences of actions by random roles never break the register's invariants."""

    def test_random_workflows_keep_invariants(self):  # pylint: disable=missing-return
        """Numbers unique, states possible, closed items frozen, transitions tracked, nothing lost."""
        case = self
        env = self.env(
            context={
                k: v
                for k, v in self.env.context.items()
                if k not in ("tracking_disable", "mail_notrack")
            }
        )
        users = [
            self.officer,
            self.leader,
            self.principal,
            self.liaison,
            self.head,
            self.co_liaison,
            self.outsider,
        ]
        # mostly the right person (None), sometimes anybody: refusals must change nothing
        ACTORS = st.one_of(st.just(None), st.just(None), st.just(None), st.sampled_from(users))

        class Machine(RuleBasedStateMachine):
            def __init__(self):
                super().__init__()
                env.cr.execute("SAVEPOINT duban_machine")
                self.items = env["duban.item"]
                self.numbers = {}
                self.frozen = {}
                self.transitions = {}

            def teardown(self):
                env.cr.execute("ROLLBACK TO SAVEPOINT duban_machine")
                env.invalidate_all()

            def _attempt(self, records, method, user, *args):
                """Try an action as ``user``; a refusal must leave everything as it was."""
                before = {item.id: item.state for item in self.items}
                try:
                    with env.cr.savepoint():
                        getattr(records.with_user(user), method)(*args)
                        env.flush_all()
                except REFUSALS:
                    env.invalidate_all()
                    after = {item.id: item.state for item in self.items}
                    case.assertEqual(before, after, f"{method} refused but changed a state")
                    return
                for item in self.items:
                    if item.state != before[item.id]:
                        self.transitions[item.id] = self.transitions.get(item.id, 0) + 1

            @initialize()
            def start_with_two_items(self):
                self.register(lead=True, co=True, major=False)
                self.register(lead=False, co=False, major=True)

            @rule(lead=st.booleans(), co=st.booleans(), major=st.booleans())
            def register(self, lead, co, major):
                vals = case._item_vals(
                    lead_department_id=(case.unit if lead else case.other_unit).id,
                    co_department_ids=[(6, 0, [case.co_unit.id])] if co else [],
                    importance="major" if major else "normal",
                )
                self.items |= env["duban.item"].with_user(case.officer).create(vals)

            def _next_step(self, item):
                """The action that moves ``item`` on, and who should take it."""
                lead = item.assignment_ids._current().filtered(lambda a: a.role == "lead")[:1]
                steps = {
                    "draft": (item, "action_submit", case.officer, ()),
                    "to_approve": (item, "action_approve", item.approver_id, ()),
                    "approved": (item, "action_issue", case.officer, ()),
                    "issued": (lead, "action_sign", lead.liaison_id, ()),
                    "to_close": (
                        item,
                        "_close",
                        case.officer,
                        ("已办结", "同意", {a.id: "已说明" for a in item.assignment_ids}),
                    ),
                }
                return steps.get(item.state)

            @rule(index=st.integers(0, 20), user=ACTORS)
            def advance(self, index, user):
                """Move an item on, as the right person (None) or as anybody."""
                if not self.items:
                    return
                step = self._next_step(self.items[index % len(self.items)])
                if step:
                    records, method, right_user, args = step
                    self._attempt(records, method, user or right_user, *args)

            @rule(index=st.integers(0, 20), user=ACTORS, reason=st.text(max_size=8))
            def refuse_or_cancel(self, index, user, reason):
                if not self.items:
                    return
                item = self.items[index % len(self.items)]
                if item.state == "to_approve":
                    self._attempt(
                        item, "_action_refuse", user or item.approver_id, reason or "原因"
                    )
                else:
                    self._attempt(item, "_action_cancel", user or case.principal, reason or "原因")

            @rule(index=st.integers(0, 40), user=ACTORS)
            def object_or_reassign(self, index, user):
                assignments = self.items.assignment_ids.filtered(
                    lambda a: a.state in ("to_sign", "returned")
                )
                if not assignments:
                    return
                assignment = assignments[index % len(assignments)]
                if assignment.state == "to_sign":
                    self._attempt(
                        assignment,
                        "_action_object",
                        user or assignment.liaison_id,
                        "不属于本单位职责",
                    )
                else:
                    free = (
                        case.unit | case.co_unit | case.other_unit
                    ) - assignment.item_id.assignment_ids.department_id
                    if free:
                        self._attempt(
                            assignment, "_action_reassign", user or case.officer, free[:1]
                        )

            @rule(
                index=st.integers(0, 40),
                user=ACTORS,
                completion=st.booleans(),
                accept=st.booleans(),
            )
            def report_cycle(self, index, user, completion, accept):
                assignments = self.items.assignment_ids.filtered(lambda a: a.state == "in_progress")
                if not assignments:
                    return
                assignment = assignments[index % len(assignments)]
                try:
                    with env.cr.savepoint():
                        report = (
                            env["duban.report"]
                            .with_user(user or assignment.liaison_id)
                            .create(
                                {
                                    "name": "报告",
                                    "assignment_id": assignment.id,
                                    "content": "<p>情况</p>",
                                    "report_type": "completion" if completion else "progress",
                                }
                            )
                        )
                except REFUSALS:
                    env.invalidate_all()
                    return
                self._attempt(report, "action_sign", assignment.head_id)
                self._attempt(report, "action_submit", user or assignment.liaison_id)
                if accept:
                    self._attempt(report, "action_accept", case.officer)
                else:
                    self._attempt(report, "_action_return", case.officer, "补充材料")

            @rule(
                index=st.integers(0, 20),
                user=ACTORS,
                kind=st.sampled_from(["extend", "terminate"]),
                days=st.integers(-5, 40),
                approve=st.booleans(),
            )
            def request_change(self, index, user, kind, days, approve):
                """A unit asks for a new time limit or to terminate; the principal decides."""
                if not self.items:
                    return
                item = self.items[index % len(self.items)]
                lead = item.assignment_ids.filtered(
                    lambda a: a.role == "lead" and a.state in ("to_sign", "in_progress")
                )[:1]
                if not lead or not item.date_deadline:
                    return
                try:
                    with env.cr.savepoint():
                        request = (
                            env["duban.extension"]
                            .with_user(user or lead.liaison_id)
                            .create(
                                {
                                    "item_id": item.id,
                                    "assignment_id": lead.id,
                                    "request_type": kind,
                                    "reason": "客观条件变化",
                                    "date_deadline_new": kind == "extend"
                                    and item.date_deadline + timedelta(days=days),
                                }
                            )
                        )
                        request.action_submit()
                except REFUSALS:
                    env.invalidate_all()
                    return
                if approve:
                    self._attempt(request, "action_approve", case.principal)
                else:
                    self._attempt(request, "_action_refuse", case.principal, "理由不充分")

            @invariant()
            def numbers_unique_and_kept(self):
                numbered = self.items.filtered("number")
                case.assertEqual(len(set(numbered.mapped("number"))), len(numbered))
                for item in numbered:
                    case.assertEqual(self.numbers.setdefault(item.id, item.number), item.number)
                for item in self.items - numbered:
                    case.assertIn(item.state, ("draft", "to_approve", "approved", "cancelled"))

            @invariant()
            def states_are_possible(self):
                for item in self.items:
                    leads = item.assignment_ids._current().filtered(lambda a: a.role == "lead")
                    if item.state in ("issued", "in_progress", "to_review", "to_close", "done"):
                        case.assertTrue(item.number and item.date_issued and item.assignment_ids)
                    if item.state in ("in_progress", "to_review"):
                        case.assertIn(leads.state, ("in_progress", "reported"))
                    if item.state == "to_close":
                        case.assertEqual(leads.state, "reported")
                        case.assertTrue(item.result)
                    if item.state == "done":
                        case.assertTrue(item.date_done)
                        case.assertFalse(
                            item.assignment_ids.filtered(
                                lambda a: a.state in ("to_sign", "in_progress")
                            )
                        )
                    if item.state == "cancelled":
                        case.assertTrue(item.cancel_reason)
                    if item.state in ("done", "cancelled"):
                        case.assertFalse(
                            item.extension_ids.filtered(
                                lambda r: r.state in ("draft", "to_approve")
                            ),
                            "a request still waits on a closed item",
                        )
                    history = item.deadline_history_ids
                    if history:
                        case.assertEqual(history[-1].date_deadline, item.date_deadline)

            @invariant()
            def closed_items_never_change(self):
                for item in self.items.filtered(lambda i: i.state in ("done", "cancelled")):
                    snapshot = (item.state, item.name, item.number, item.date_deadline, item.result)
                    case.assertEqual(self.frozen.setdefault(item.id, snapshot), snapshot)

            @invariant()
            def transitions_tracked_and_nothing_deleted(self):
                case.assertEqual(len(self.items.exists()), len(self.items))
                for item in self.items:
                    tracked = (
                        env["mail.tracking.value"]
                        .sudo()
                        .search_count(
                            [
                                ("mail_message_id.model", "=", "duban.item"),
                                ("mail_message_id.res_id", "=", item.id),
                                ("field_id.name", "=", "state"),
                            ]
                        )
                    )
                    case.assertEqual(tracked, self.transitions.get(item.id, 0), item.name)

        run_state_machine_as_test(
            Machine,
            settings=settings(
                # the same workflows on every run, so that a red test command is reproducible;
                # DUBAN_EXPLORE=<number of workflows> tries that many new random ones instead
                derandomize=not EXPLORE,
                max_examples=EXPLORE or 20,
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            ),
        )
