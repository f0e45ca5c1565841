"""The office day under load, for locust (run it through ``setup/load``).

Each simulated person logs in to the web client once (together: the morning login burst), then
makes the web client's own calls with 1-3 s of thought between actions:

- liaisons: 我的督办 → open an item → 签收 what waits → write a report for the head;
  submit what the head signed;
- heads: 我的督办 → open a report to sign → sign it off;
- officers: the item list, a filter, a search, open an item, urge a unit, issue a signed item;
- leaders: the cockpit (驾驶舱), the dashboard (督办看板), the statistics, the notices to
  sign (签发);
- the reminder cron, triggered once in the middle of the run;
- a baseline of HR officers doing the same kinds of requests on Odoo's own ``hr.employee``
  (list, filter, search, kanban, form, chatter), so that duban's cost reads as a ratio.

At the end it prints, per action and in total, requests, failures, p50/p95/p99 and requests/s,
the ratios against the baseline, the steady state once everyone has logged in (requests/s and
p50/p95/p99 after the burst), and exits non-zero on any failed request. duban's refusal of a
transition the record has already made (two simulated people sharing a demo login pressing 签收
on the same share) is the right answer, not a failure: it is counted and printed apart.
"""

import collections
import itertools
import json
import math
import os
import random
import re
import sys
import time
from pathlib import Path

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from web_client import WebSession

LOGINS = json.loads(os.environ.get("DUBAN_LOAD_LOGINS") or "{}")
DB = os.environ.get("DUBAN_LOAD_DB", "duban")
CRON_AFTER = float(os.environ.get("DUBAN_LOAD_CRON_AFTER") or 60)
STARTED = time.monotonic()
TOPICS = ["安全", "项目", "人才", "预算", "信访", "科研", "网络", "民生"]
OPEN = [("state", "not in", ["done", "cancelled"])]
# duban's requests and the baseline's of the same kind, for the cost ratios
KINDS = {
    "list": ("officer: item list", "hr: employee list"),
    "filter": ("officer: filter red/yellow", "hr: filter by department"),
    "search": ("officer: search", "hr: search"),
    "kanban": ("liaison: 我的督办 (kanban)", "hr: employee kanban"),
    "form": ("item form", "hr: employee form"),
    "chatter": ("item chatter", "hr: employee chatter"),
}
_taken = {role: itertools.count() for role in ("liaison", "head", "officer", "leader", "hr")}


# without a prepared database (setup/load --no-prepare): the demo organization's people
DEMO_LOGINS = {
    "liaison": ["liaison", "safety"],
    "head": ["head", "safety_head"],
    "officer": ["officer", "officer_all"],
    "leader": ["leader", "principal"],
    "hr": ["admin"],
}


# refusals because the record had already moved on: several simulated people share each demo
# login (setup/load --no-prepare), and two of them may press 签收 on the same share at once
RACED = collections.Counter()
STATE_MOVED = re.compile(r"^Cannot .+: it is .+\.$|^无法.+：当前状态为.+。$", re.DOTALL)


def colleague_was_first(error_data):
    """Whether an error answer is duban's refusal of a transition from a state the record has
    left (``_check_state``), as when a colleague acted on it a moment before."""
    return error_data.get("name") == "odoo.exceptions.UserError" and bool(
        STATE_MOVED.match(error_data.get("message") or "")
    )


def take_login(role):
    """Each simulated person is someone else, as long as the pool lasts."""
    pool = LOGINS.get(role) or DEMO_LOGINS[role]
    return pool[next(_taken[role]) % len(pool)]


class OfficeUser(FastHttpUser):
    """geventhttpclient rather than requests: the load generator shares the server's two cores,
    and takes a third of the CPU it would with requests. Requests wait in nginx's queue rather
    than time out (the run itself is bounded)."""

    abstract = True
    network_timeout = 600.0
    connection_timeout = 600.0
    wait_time = between(1, 3)
    role = None

    def on_start(self):
        self.web = WebSession(self.post, DB, self.login())

    def login(self):
        return take_login(self.role)

    def post(self, path, payload, name):
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                answer = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
                return {"error": {"data": {"name": "http", "message": str(response.status_code)}}}
            if "error" in answer:
                data = answer["error"].get("data") or {}
                if colleague_was_first(data):
                    # answered as it must be: the server refused, in words, what a colleague
                    # sharing this login had just done; nothing failed
                    RACED[name] += 1
                    response.success()
                else:
                    response.failure(f"{data.get('name')}: {data.get('message')}"[:300])
            return answer

    def open_with_chatter(self, model, record_id, prefix=""):
        self.web.open(model, record_id, name=f"{prefix}item form")
        self.web.chatter(model, record_id, name=f"{prefix}item chatter")


class Liaison(OfficeUser):
    weight = 5
    role = "liaison"

    @task
    def walk(self):
        todo = self.web.list(
            "duban.item",
            [("my_todo", "=", True)],
            view_type="kanban",
            name="liaison: 我的督办 (kanban)",
        )
        if not todo["records"]:
            return
        item_id = random.choice(todo["records"])["id"]
        self.open_with_chatter("duban.item", item_id)
        assignments = self.web.call(
            "duban.assignment",
            "search_read",
            [("item_id", "=", item_id), ("liaison_id", "=", self.web.uid)],
            fields=["state", "report_ids"],
            name="liaison: the item's assignments",
        )
        for assignment in assignments:
            if assignment["state"] == "to_sign":
                self.web.call(
                    "duban.assignment", "action_sign", [assignment["id"]], name="liaison: 签收"
                )
            elif assignment["state"] == "in_progress":
                self.report_on(assignment)

    def report_on(self, assignment):
        signed = self.web.call(
            "duban.report",
            "search",
            [("assignment_id", "=", assignment["id"]), ("state", "=", "signed")],
            name="liaison: signed reports",
        )
        if signed:
            self.web.call(
                "duban.report", "action_submit", signed[:1], name="liaison: submit report"
            )
            return
        report_id = self.web.call(
            "duban.report",
            "create",
            {
                "name": "阶段进展",
                "assignment_id": assignment["id"],
                "report_type": "progress",
                "content": "<p>按计划推进，本周完成调研。</p>",
            },
            name="liaison: write report",
        )
        self.web.call(
            "duban.report", "action_request_sign", [report_id], name="liaison: ask the head"
        )


def sign_a_report(web, prefix):
    """Sign off one of the units' reports that waits for this user's signature, as the company's
    rules name the signer (the unit's leader in charge, EC 四(二), or else the unit's head)."""
    reports = web.call(
        "duban.report",
        "search",
        [("state", "=", "to_sign"), ("can_sign", "=", True)],
        limit=5,
        name=f"{prefix}reports to sign",
    )
    if reports:
        report_id = random.choice(reports)
        web.open("duban.report", report_id, name=f"{prefix}report form")
        web.call("duban.report", "action_sign", [report_id], name=f"{prefix}签字")


class Head(OfficeUser):
    weight = 1
    role = "head"

    @task
    def sign_off(self):
        self.web.list(
            "duban.item", [("my_todo", "=", True)], view_type="kanban", name="head: 我的督办"
        )
        sign_a_report(self.web, "head: ")


class Officer(OfficeUser):
    weight = 4
    role = "officer"

    @task(4)
    def item_list(self):
        self.web.list("duban.item", OPEN, name="officer: item list")

    @task(2)
    def filter_lights(self):
        self.web.list(
            "duban.item",
            [*OPEN, ("traffic_light", "in", ["red", "yellow"])],
            name="officer: filter red/yellow",
        )

    @task(2)
    def search(self):
        self.web.list(
            "duban.item", [("name", "ilike", random.choice(TOPICS))], name="officer: search"
        )

    @task(3)
    def open_item(self):
        page = self.web.list("duban.item", OPEN, limit=20, name="officer: item list")
        if page["records"]:
            self.open_with_chatter("duban.item", random.choice(page["records"])["id"])

    @task(1)
    def urge(self):
        late = self.web.call(
            "duban.assignment",
            "search",
            [("state", "=", "in_progress"), ("item_id.user_id", "=", self.web.uid)],
            limit=20,
            name="officer: assignments to urge",
        )
        if late:
            urge_id = self.web.call(
                "duban.urge",
                "create",
                {
                    "assignment_id": random.choice(late),
                    "method": "phone",
                    "content": "<p>请抓紧办理并按时反馈。</p>",
                },
                name="officer: 催办 (write)",
            )
            self.web.call("duban.urge", "action_send", [urge_id], name="officer: 催办 (send)")

    @task(1)
    def issue(self):
        signed = self.web.call(
            "duban.item",
            "search",
            [("state", "=", "approved"), ("user_id", "=", self.web.uid)],
            limit=10,
            name="officer: signed notices",
        )
        if signed:
            self.web.call(
                "duban.item", "action_issue", [random.choice(signed)], name="officer: 交办"
            )


class Leader(OfficeUser):
    weight = 1
    role = "leader"

    @task(1)
    def sign_units_reports(self):
        sign_a_report(self.web, "leader: ")

    @task(3)
    def dashboard(self):
        self.web.call(
            "duban.item",
            "web_read_group",
            [("state", "in", ["issued", "in_progress", "to_review"])],
            ["traffic_light"],
            aggregates=["__count"],
            auto_unfold=True,
            unfold_read_specification=self.web.spec("duban.item", "kanban"),
            unfold_read_default_limit=40,
            name="leader: 督办看板",
        )

    @task(3)
    def cockpit(self):
        self.web.call("duban.cockpit", "get_cockpit_data", name="leader: 驾驶舱 (cockpit)")

    @task(1)
    def statistics(self):
        self.web.call(
            "duban.item.analysis",
            "formatted_read_group",
            [],
            ["lead_department_id", "state"],
            aggregates=["__count"],
            name="leader: statistics",
        )

    @task(2)
    def approvals(self):
        waiting = self.web.list(
            "duban.item",
            # reviewed by the office head first where the rules ask it (EC 四(一) 科室长审核)
            [
                ("state", "=", "to_approve"),
                ("approver_id", "=", self.web.uid),
                ("pre_sign_date", "!=", False),
            ],
            limit=10,
            name="leader: notices to sign",
        )
        if waiting["records"]:
            item_id = random.choice(waiting["records"])["id"]
            self.open_with_chatter("duban.item", item_id, prefix="leader: ")
            self.web.call("duban.item", "action_approve", [item_id], name="leader: 签发")


class HrBaseline(OfficeUser):
    """Odoo's own employees, the same kinds of requests: the baseline of the ratios."""

    weight = 3
    role = "hr"

    def on_start(self):
        super().on_start()
        self.departments = self.web.call(
            "hr.department", "search", [], limit=50, name="hr: departments"
        )

    @task(4)
    def employee_list(self):
        self.web.list("hr.employee", [], name="hr: employee list")

    @task(2)
    def filter_department(self):
        department = random.choice(self.departments) if self.departments else False
        self.web.list(
            "hr.employee", [("department_id", "=", department)], name="hr: filter by department"
        )

    @task(2)
    def search(self):
        self.web.list(
            "hr.employee", [("name", "ilike", random.choice("0123456789"))], name="hr: search"
        )

    @task(2)
    def kanban(self):
        self.web.list("hr.employee", [], view_type="kanban", name="hr: employee kanban")

    @task(3)
    def open_employee(self):
        page = self.web.list("hr.employee", [], limit=20, name="hr: employee list")
        if page["records"]:
            employee_id = random.choice(page["records"])["id"]
            self.web.open("hr.employee", employee_id, name="hr: employee form")
            self.web.chatter("hr.employee", employee_id, name="hr: employee chatter")


class ReminderCron(OfficeUser):
    """The reminder cron, run once in the middle of the day's traffic."""

    fixed_count = 1
    wait_time = between(1, 2)

    def login(self):
        return "admin"

    def on_start(self):
        super().on_start()
        self.done = False
        rows = self.web.call(
            "ir.model.data",
            "search_read",
            [("module", "=", "duban_supervision"), ("name", "=", "ir_cron_duban_remind")],
            fields=["res_id"],
            name="cron: find",
        )
        self.cron_id = rows[0]["res_id"]

    @task
    def remind(self):
        if self.done or time.monotonic() - STARTED < CRON_AFTER:
            return
        self.done = True
        self.web.call("ir.cron", "method_direct_trigger", [self.cron_id], name="cron: reminders")


# ---- the table ----------------------------------------------------------------------------------


def row(name, entry, seconds):
    percentiles = [entry.get_response_time_percentile(p) or 0 for p in (0.5, 0.95, 0.99)]
    rate = entry.num_requests / seconds if seconds else 0
    return {
        "name": name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50_ms": percentiles[0],
        "p95_ms": percentiles[1],
        "p99_ms": percentiles[2],
        "median_ms": entry.median_response_time,
        "avg_ms": round(entry.avg_response_time, 1),
        "rps": round(rate, 2),
    }


class SteadyState:
    """The requests made once every simulated person has logged in: the office's day after the
    morning burst, whose logins (pbkdf2) hold the CPU for their first tens of seconds."""

    def __init__(self):
        self.environment = None
        self.logins = 0
        self.since = None
        self.times = []
        self.failures = 0
        self.last_end = None

    def record(self, name, start_time, response_time, exception):
        if name == "login":
            self.logins += 1
            everyone = self.environment.runner.target_user_count
            if self.logins >= everyone and self.since is None:
                self.since = time.time()
            return
        if self.since is None or start_time < self.since:
            return
        self.times.append(response_time)
        self.failures += exception is not None
        self.last_end = start_time + response_time / 1000

    def summary(self):
        if self.since is None or not self.times:
            return None
        ordered = sorted(self.times)

        def percentile(share):
            return round(ordered[max(math.ceil(share * len(ordered)) - 1, 0)])

        seconds = max(self.last_end - self.since, 1)
        return {
            "seconds": round(seconds, 1),
            "requests": len(ordered),
            "failures": self.failures,
            "p50_ms": percentile(0.5),
            "p95_ms": percentile(0.95),
            "p99_ms": percentile(0.99),
            "rps": round(len(ordered) / seconds, 2),
        }


STEADY = SteadyState()


@events.init.add_listener
def remember_the_run(environment, **_kwargs):
    STEADY.environment = environment


@events.request.add_listener
def follow_the_steady_state(name, start_time, response_time, exception, **_kwargs):
    STEADY.record(name, start_time, response_time, exception)


SUMMARY = []


@events.quitting.add_listener
def summarise(environment, **_kwargs):
    """Fail the run on any failed request; the table is printed last, after locust's own."""
    SUMMARY.extend(table_lines(environment))


@events.quit.add_listener
def print_table(**_kwargs):
    print("\n".join(SUMMARY))


def table_lines(environment):
    lines = []
    out = lines.append
    stats = environment.stats
    seconds = max(stats.total.last_request_timestamp - stats.total.start_time, 1)
    rows = [
        row(entry.name, entry, seconds)
        for entry in sorted(stats.entries.values(), key=lambda e: e.name)
    ]
    total = row("TOTAL", stats.total, seconds)
    out("")
    out(
        f"{'action':44} {'requests':>8} {'failed':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}"
    )
    for line in [*rows, total]:
        out(
            f"{line['name'][:44]:44} {line['requests']:8} {line['failures']:6} "
            f"{line['p50_ms']:6.0f} {line['p95_ms']:6.0f} {line['p99_ms']:6.0f} {line['rps']:6.1f}"
        )
    by_name = {line["name"]: line for line in rows}
    ratios = {}
    out("\nduban / hr.employee (mean response time, same run):")
    for kind, (duban, baseline) in KINDS.items():
        if duban in by_name and baseline in by_name and by_name[baseline]["avg_ms"]:
            ratios[kind] = round(by_name[duban]["avg_ms"] / by_name[baseline]["avg_ms"], 2)
            out(
                f"  {kind:8} {by_name[duban]['avg_ms']:7.0f} ms / "
                f"{by_name[baseline]['avg_ms']:7.0f} ms = {ratios[kind]:.2f}×"
            )
    failed = total["failures"] + len(stats.errors)
    steady = STEADY.summary()
    if steady:
        out(
            f"\nsteady state, once all {STEADY.logins} had logged in: {steady['requests']} requests"
            f" in {steady['seconds']:.0f} s, {steady['rps']:.1f} req/s, p50/p95/p99"
            f" {steady['p50_ms']}/{steady['p95_ms']}/{steady['p99_ms']} ms,"
            f" {steady['failures']} failed"
        )
    else:
        out("\nno steady state: not everyone had logged in before the end")
    for name, count in sorted(RACED.items()):
        out(f"refused, a colleague was first: {count}× {name}")
    for error in list(stats.errors.values())[:10]:
        out(f"FAILED {error.occurrences}× {error.name}: {error.error}")
    output = os.environ.get("DUBAN_LOAD_JSON")
    if output:
        Path(output).write_text(
            json.dumps(
                {
                    "rows": rows,
                    "total": total,
                    "steady": steady,
                    "ratios": ratios,
                    "raced": dict(RACED),
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    out(f"\n{'FAILED' if failed else 'OK'}: {total['requests']} requests, {failed} failed")
    environment.process_exit_code = 1 if failed else 0
    return lines
