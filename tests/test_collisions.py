"""Many people at once, over real connections to a real server: simultaneous issues, web-client
sessions through the liaison flow, a liaison signing while the reminder cron runs, and two
officers accepting one report. No request may fail, numbers stay distinct and gapless, and
nothing is lost.
"""

import datetime
import itertools
import json
import os
import re
import statistics
import threading
import time
import urllib.request
import xmlrpc.client
from http.cookiejar import CookieJar

import pytest
from web_client import WebError, WebSession, review_before_signing, urllib_transport

from odoo_server import REPO, OdooServer

SOON = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()


@pytest.fixture(scope="module")
def admin(server):
    return server.client("admin")


def run_together(calls):
    """Start the calls at the same moment, one thread each; return (outcome, value, seconds)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        start = time.monotonic()
        try:
            results[index] = ("ok", call(), time.monotonic() - start)
        except (xmlrpc.client.Fault, WebError, OSError) as error:
            results[index] = ("error", str(error), time.monotonic() - start)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    return results


def failures(results):
    return [r for r in results if r is None or r[0] != "ok"]


def p95(seconds):
    return statistics.quantiles(seconds, n=20)[-1] if len(seconds) > 1 else seconds[0]


def register(admin, officer, names, unit_xmlid="duban_supervision.dept_basic_demo", **values):
    vals = {
        "kind": "special",
        "source": "other",
        "office_id": admin.ref("duban_supervision.dept_office_demo"),
        "lead_department_id": admin.ref(unit_xmlid),
        "date_deadline": SOON,
        "content": "<p>并发测试</p>",
        **values,
    }
    return officer.call("duban.item", "create", [{**vals, "name": name} for name in names])


def signed_items(server, admin, names, **values):
    """Items registered by the office, reviewed by its head and signed by the leader, ready to
    be issued."""
    officer, leader = server.client("officer"), server.client("leader")
    ids = register(admin, officer, names, **values)
    officer.call("duban.item", "action_submit", ids)
    review_before_signing(officer, ids)
    leader.call("duban.item", "action_approve", ids)
    return ids


def issued_items(server, admin, names, **values):
    ids = signed_items(server, admin, names, **values)
    server.client("officer").call("duban.item", "action_issue", ids)
    return ids


def own_proxy(server, client):
    """A call function with its own connection (xmlrpc proxies are not shared across threads)."""
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(
            server.db, client.uid, client.password, model, method, list(args), kwargs
        )

    return call


def assert_numbers_gapless(admin, year):
    rows = admin.call(
        "duban.item",
        "search_read",
        [("number_year", "=", year), ("active", "in", [True, False])],
        fields=["number", "number_seq", "company_id"],
    )
    by_company = {}
    for row in rows:
        by_company.setdefault(row["company_id"][0], []).append(row["number_seq"])
    for seqs in by_company.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), sorted(seqs)
    numbers = [row["number"] for row in rows]
    assert len(numbers) == len(set(numbers))


@pytest.fixture(scope="module")
def prefork():
    """Odoo as an organization runs it: multi-process, 2 workers per core + 1 (Odoo's rule)."""
    server = OdooServer(workers=2 * (os.cpu_count() or 1) + 1).start()
    yield server
    server.stop()


def session_caller(server, login):
    """Log in to the web client once; return a function making JSON-RPC calls with that session
    cookie, each on its own connection (so that many threads can call at once), as the open
    tabs of one clerk do. The password is checked once (pbkdf2), not at every call."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {"jsonrpc": "2.0", "method": "call",
               "params": {"db": server.db, "login": login, "password": login}}  # fmt: skip
    request = urllib.request.Request(
        f"{server.url}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=120) as response:
        assert "error" not in json.load(response)
    [session_id] = [cookie.value for cookie in jar if cookie.name == "session_id"]

    def call(model, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call",
                   "params": {"model": model, "method": method, "args": list(args), "kwargs": {}}}  # fmt: skip
        request = urllib.request.Request(
            f"{server.url}/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Cookie": f"session_id={session_id}"},
        )
        with urllib.request.urlopen(request, timeout=180) as response:
            answer = json.load(response)
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise WebError(data.get("name", ""), data.get("message", answer["error"]))
        return answer["result"]

    return call


def issuing_calls(clerks, item_ids):
    """One 交办 per item, by the clerks in turn, each from its own web session."""
    turns = itertools.cycle(clerks)
    return [
        lambda call=call, item=item: call("duban.item", "action_issue", [item])
        for call, item in zip(turns, item_ids, strict=False)
    ]


def test_fifty_simultaneous_issues_get_distinct_gapless_numbers(prefork):
    """50 clerks press 交办 at the same moment on the multi-process server: all succeed at the
    first attempt (they wait on each other's number instead of failing and being retried), the
    numbers follow each other with no gap and no repeat, each liaison is told once, and 95 % of
    them have their answer within 3 s — or, on a machine too loaded for that, within twice what
    the CPU of 50 issues takes on its cores (from one issue alone), so that only the CPU, never the
    number, makes them wait: the server logs how long each waited for the numbers others held, at
    most a second. The times are printed and kept in .local/test-reports/issuing.json (beside
    setup/test's report); the README records them with the load."""
    server = prefork
    admin = server.client("admin")
    ids = signed_items(server, admin, [f"同时交办{i}" for i in range(50)])
    clerks = [session_caller(server, login) for login in ("officer", "officer_all")]
    # a server that has been serving, as on a working morning: each of its workers has issued
    # before (its caches are warm); the figures below are the warm server's
    warm_up = signed_items(server, admin, [f"预热交办{i}" for i in range(10)])
    assert not failures(run_together(issuing_calls(clerks, warm_up)))
    # one issue at a time first: what an issue costs on this machine as it is loaded now
    alone = []
    for item in signed_items(server, admin, [f"单独交办{i}" for i in range(3)]):
        start = time.monotonic()
        clerks[0]("duban.item", "action_issue", [item])
        alone.append(time.monotonic() - start)
    log_start = server.log_path.stat().st_size
    results = run_together(issuing_calls(clerks, ids))
    assert not failures(results), failures(results)
    with server.log_path.open() as log:
        log.seek(log_start)
        served = log.read()
    assert "tries left" not in served, "an issue failed on a lock and was retried"
    assert "Traceback" not in served, served[served.index("Traceback") - 300 :][:3000]
    seconds = [r[2] for r in results]
    # the 50 issues share the machine's cores: the last can only finish once the CPU of all of
    # them is spent; waiting on each other's number must add nothing to that
    cpu_bound = 50 * statistics.median(alone) / (os.cpu_count() or 1)
    print(
        f"50 simultaneous issues: p50 {statistics.median(seconds):.2f} s, p95 {p95(seconds):.2f} s;"
        f" one alone {statistics.median(alone):.2f} s, 50 on the cores {cpu_bound:.2f} s;"
        f" load {os.getloadavg()[0]:.1f}"
    )
    items = admin.call("duban.item", "read", ids, ["number", "state", "assignment_ids"])
    assert all(item["number"] and item["state"] == "issued" for item in items)
    assert all(item["assignment_ids"] for item in items)
    assert_numbers_gapless(admin, server.client("officer").today().year)
    # the cron tells the units (this server runs none of its own: it is run here)
    cron_id = admin.ref("duban_supervision.ir_cron_duban_tell")
    admin.call("ir.cron", "method_direct_trigger", [cron_id])
    # the liaison is told once of each new share (one message, not also the to-do's own),
    # however the transactions collided
    assignments = [a for item in items for a in item["assignment_ids"]]
    told = server.client("liaison").call(
        "mail.message",
        "search_read",
        [
            ("model", "=", "duban.assignment"),
            ("res_id", "in", assignments),
            ("partner_ids.user_ids.login", "=", "liaison"),
        ],
        fields=["res_id", "partner_ids"],
    )
    assert sorted(m["res_id"] for m in told) == sorted(assignments)
    # each issue waits for the numbers others hold only through their commits
    waits = [float(w) for w in re.findall(r"Notice number \d+/\d+ taken after ([\d.]+) s", served)]
    assert len(waits) == 50, waits
    print(f"waited for a number: max {max(waits):.2f} s, total {sum(waits):.2f} s")
    figures = {
        "issue_p50_s": statistics.median(seconds),
        "issue_p95_s": p95(seconds),
        "one_issue_alone_s": statistics.median(alone),
        "fifty_on_the_cores_s": cpu_bound,
        "longest_wait_for_a_number_s": max(waits),
        "load_average": os.getloadavg()[0],
    }
    reports = REPO / ".local" / "test-reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "issuing.json").write_text(
        json.dumps({name: round(value, 3) for name, value in figures.items()}, indent=2) + "\n"
    )
    assert max(waits) <= 1.0, waits
    assert p95(seconds) <= max(3.0, 2 * cpu_bound), "the issues waited on each other"


def liaison_flow(session, signer, item_id, report_type="progress", submit=True):
    """我的督办 → open the item → its assignment → 签收 → a report signed by the unit's leader in
    charge (EC 四(二) 分管领导审核签字) and submitted."""
    todo = session.list("duban.item", [("my_todo", "=", True)], view_type="kanban")
    assert item_id in [record["id"] for record in todo["records"]]
    session.open("duban.item", item_id)
    session.chatter("duban.item", item_id)
    [assignment_id] = session.call(
        "duban.assignment", "search", [("item_id", "=", item_id), ("role", "=", "lead")]
    )
    session.open("duban.assignment", assignment_id)
    session.call("duban.assignment", "action_sign", [assignment_id])
    report_id = session.call(
        "duban.report",
        "create",
        {
            "name": "进展情况",
            "assignment_id": assignment_id,
            "report_type": report_type,
            "content": "<p>已按要求推进</p>",
        },
    )
    signer.call("duban.report", "action_sign", [report_id])
    if submit:
        session.call("duban.report", "action_submit", [report_id])
    return report_id


def test_twenty_web_sessions_through_the_liaison_flow(server, admin):
    """20 people log in to the web client at once (a morning burst) and each signs for an item
    and reports on it; nothing fails and every report arrives."""
    units = [
        # the two units' leader in charge signs their reports
        ("liaison", "leader", "duban_supervision.dept_basic_demo"),
        ("safety", "leader", "duban_supervision.dept_safety_demo"),
    ]
    items = {}
    for liaison, _head, unit in units:
        items[liaison] = issued_items(
            server, admin, [f"{liaison}会话{i}" for i in range(10)], unit_xmlid=unit
        )
    heads = {
        liaison: WebSession(urllib_transport(server.url), server.db, head)
        for liaison, head, _unit in units
    }

    def session_flow(liaison, item_id):
        session = WebSession(urllib_transport(server.url), server.db, liaison)
        return liaison_flow(session, heads[liaison], item_id)

    calls = [
        lambda liaison=liaison, item_id=item_id: session_flow(liaison, item_id)
        for liaison, _head, _unit in units
        for item_id in items[liaison]
    ]
    results = run_together(calls)
    assert not failures(results), failures(results)
    all_items = items["liaison"] + items["safety"]
    reports = admin.call(
        "duban.report", "search_read", [("item_id", "in", all_items)], fields=["state", "item_id"]
    )
    assert len(reports) == 20 and {r["state"] for r in reports} == {"submitted"}
    assert sorted(r["item_id"][0] for r in reports) == sorted(all_items)
    assignments = admin.call(
        "duban.assignment",
        "search_read",
        [("item_id", "in", all_items), ("role", "=", "lead")],
        fields=["state", "date_signed"],
    )
    assert all(a["date_signed"] for a in assignments)


def test_liaison_signs_while_the_cron_escalates(server, admin):
    """The reminder cron runs while liaisons sign for items due today: both sides succeed, each
    signature is kept and no reminder is scheduled twice."""
    today = server.client("officer").today().isoformat()  # the day the officer registers on
    ids = issued_items(server, admin, [f"今日到期并发{i}" for i in range(5)], date_deadline=today)
    liaison = server.client("liaison")
    assignments = liaison.call(
        "duban.assignment", "search", [("item_id", "in", ids), ("role", "=", "lead")]
    )
    cron_id = admin.ref("duban_supervision.ir_cron_duban_remind")
    calls = [lambda: own_proxy(server, admin)("ir.cron", "method_direct_trigger", [cron_id])]
    calls += [
        lambda a=a: own_proxy(server, liaison)("duban.assignment", "action_sign", [a])
        for a in assignments
    ]
    results = run_together(calls)
    assert not failures(results), failures(results)
    signed = admin.call("duban.assignment", "read", assignments, ["state", "date_signed"])
    assert all(a["state"] == "in_progress" and a["date_signed"] for a in signed), signed
    reminders = admin.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", "duban.assignment"), ("res_id", "in", assignments)],
        fields=["res_id", "user_id", "activity_type_id"],
    )
    keys = [(r["res_id"], r["user_id"][0], r["activity_type_id"][0]) for r in reminders]
    assert len(keys) == len(set(keys)), reminders


def test_two_officers_accept_one_report(server, admin):
    """Two officers accept the same report in their web clients at once: one wins, the other is
    told why in Chinese, and the item is closed once."""
    [item_id] = issued_items(server, admin, ["双人审查"])
    liaison = WebSession(urllib_transport(server.url), server.db, "liaison")
    leader = WebSession(urllib_transport(server.url), server.db, "leader")
    report_id = liaison_flow(liaison, leader, item_id, report_type="completion")
    officers = [
        WebSession(urllib_transport(server.url), server.db, login)
        for login in ("officer", "officer_all")
    ]
    results = run_together(
        [
            lambda officer=officer: officer.call("duban.report", "action_accept", [report_id])
            for officer in officers
        ]
    )
    outcomes = sorted(r[0] for r in results)
    assert outcomes == ["error", "ok"], results
    refusal = next(r[1] for r in results if r[0] == "error")
    assert "UserError" in refusal and "Traceback" not in refusal, refusal
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal), refusal
    [report] = admin.call("duban.report", "read", [report_id], ["state"])
    assert report["state"] == "accepted"
    # accepted once: the item waits for the office's closing dialog (待办结), nothing half-written
    [item] = admin.call("duban.item", "read", [item_id], ["state", "date_done"])
    assert item["state"] == "to_close" and not item["date_done"]


def test_two_colleagues_submit_one_report(server, admin):
    """The unit's liaison and its head submit the same signed report at the same moment, for
    several reports at once: for each, one is submitted, the other is told in Chinese that it
    already was — never an error about what both would have added (the officer following the
    report, the review to-do) — and the office has one review to-do per report."""
    items = issued_items(server, admin, [f"同时报送{i}" for i in range(4)])
    liaison = WebSession(urllib_transport(server.url), server.db, "liaison")
    leader = WebSession(urllib_transport(server.url), server.db, "leader")
    reports = [liaison_flow(liaison, leader, item, submit=False) for item in items]
    colleagues = [
        WebSession(urllib_transport(server.url), server.db, login) for login in ("liaison", "head")
    ]
    results = run_together(
        [
            lambda colleague=colleague, report=report: colleague.call(
                "duban.report", "action_submit", [report]
            )
            for report in reports
            for colleague in colleagues
        ]
    )
    for index in range(len(reports)):
        pair = results[2 * index : 2 * index + 2]
        assert sorted(r[0] for r in pair) == ["error", "ok"], pair
        refusal = next(r[1] for r in pair if r[0] == "error")
        assert "UserError" in refusal and "ValidationError" not in refusal, refusal
        assert any("\u4e00" <= ch <= "\u9fff" for ch in refusal), refusal
    states = admin.call("duban.report", "read", reports, ["state"])
    assert {r["state"] for r in states} == {"submitted"}
    reviews = admin.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", "duban.report"), ("res_id", "in", reports)],
        fields=["res_id"],
    )
    assert sorted(r["res_id"] for r in reviews) == sorted(reports), reviews
