"""The benchmark at a small size: it runs to the end, and what it counts stays bounded.

The query counts of the reminder cron, the item list and the statistics must not grow with the
number of items: the same organization with three times the items costs about the same queries.
A regression that brings back a query per item fails here.
"""

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from odoo_server import REPO, require_env

MEASURES = (
    "cron",
    "statistics",
    "statistics_sql",
    "cockpit_all",
    "cockpit_leader",
    "list_officer",
    "list_liaison",
    "search_officer",
    "search_liaison",
    "ledger_pdf",
    "ledger_xlsx",
    "issue",
    "pushes",
    "page_item_list",
    "page_item_form",
    "page_assignment_list",
    "page_assignment_form",
)
PAGES = MEASURES[-4:]


def bench_command(*args):
    python = os.environ.get("DUBAN_PYTHON") or str(REPO / ".venv/bin/python")
    return [
        python,
        str(REPO / "setup" / "bench.py"),
        "--config",
        require_env("DUBAN_ODOO_CONF"),
        *args,
    ]


def run_bench(db, items, json_path, drop=False):
    python = os.environ.get("DUBAN_PYTHON") or str(REPO / ".venv/bin/python")
    command = [
        python,
        str(REPO / "setup" / "bench.py"),
        "--config",
        require_env("DUBAN_ODOO_CONF"),
        "--db",
        db,
        "--items",
        str(items),
        "--units",
        "12",
        "--offices",
        "3",
        "--repeat",
        "2",
        "--pdf-items",
        "20",
        "--xlsx-items",
        "300",
        "--issue-items",
        "10",
        "--json",
        str(json_path),
    ]
    result = subprocess.run(
        command + (["--drop"] if drop else []),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(Path(json_path).read_text())["results"], result.stdout


@pytest.fixture(scope="module")
def small_and_triple(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    db = f"duban_bench_test_{uuid.uuid4().hex[:8]}"
    small, output = run_bench(db, 300, folder / "small.json")
    # the same database grown to three times the items
    triple, _output = run_bench(db, 900, folder / "triple.json", drop=True)
    return small, triple, output


def test_bench_measures_everything(small_and_triple):
    small, _triple, output = small_and_triple
    assert set(small) == set(MEASURES)
    for name in MEASURES:
        assert small[name]["seconds"] > 0
        assert small[name]["queries"] > 0, name
    assert small["ledger_pdf"]["rows"] == 20
    assert small["ledger_xlsx"]["rows"] == 300
    assert small["issue"]["items"] == 10
    assert small["list_officer"]["records"] > 0 and small["list_liaison"]["records"] > 0
    assert "ratio" in small["statistics"]
    assert small["cockpit_all"]["open"] >= small["cockpit_leader"]["open"] > 0
    assert "duban benchmark — 300 items" in output


def test_reminder_budget_cuts_the_pushes(small_and_triple):
    """With the budget nobody gets more than three messages a day, and fewer than before."""
    for run in small_and_triple[:2]:
        pushes = run["pushes"]
        assert pushes["people"] > 0
        assert pushes["before_max"] > 3
        assert pushes["after_max"] <= 3
        assert pushes["after_mean"] < pushes["before_mean"]
        assert 0 < pushes["dispatch_queries"] < pushes["queries"]


def test_dispatch_queries_follow_messages_not_items(small_and_triple):
    """Three times the items, the same people: the budget sends as many messages, and its
    dispatches cost about the same queries (a message's links are read together)."""
    small, triple = (run["pushes"] for run in small_and_triple[:2])
    per_message = [
        run["dispatch_queries"] / (run["after_mean"] * run["people"]) for run in (small, triple)
    ]
    assert per_message[1] <= per_message[0] * 1.5 + 5, (small, triple)


@pytest.mark.parametrize(
    "measure",
    [
        "statistics",
        "cockpit_all",
        "cockpit_leader",
        "list_officer",
        "list_liaison",
        "search_officer",
        "search_liaison",
    ],
)
def test_query_counts_do_not_grow_with_items(small_and_triple, measure):
    small, triple, _output = small_and_triple
    # three times the items: the same queries, give or take a batch and a cache
    assert triple[measure]["queries"] <= small[measure]["queries"] * 1.25 + 10, (
        measure,
        small[measure],
        triple[measure],
    )


def test_cron_queries_grow_with_people_not_items(small_and_triple):
    """Three times the reminders; the extra queries come from the extra people reminded only.

    Odoo's activities subscribe each reminded user to the records once per batch, in a few
    queries per user: the cost follows the people reminded, never the items.
    """
    small, triple = small_and_triple[0]["cron"], small_and_triple[1]["cron"]
    assert triple["activities"] > small["activities"] * 2
    extra_people = triple["users"] - small["users"]
    assert triple["queries"] <= small["queries"] * 1.1 + 6 * extra_people + 10, (small, triple)


def test_pages_open_within_a_second(small_and_triple):
    """The item and assignment lists and forms, as the web client reads them, under 1 s."""
    for run in small_and_triple[:2]:
        for page in PAGES:
            assert run[page]["seconds"] < 1.0, (page, run[page])
    small = small_and_triple[0]
    assert small["page_item_list"]["records"] > 0 and small["page_assignment_list"]["records"] > 0
    assert small["page_item_form"]["fields"] > 20


def test_pages_on_the_demo_data(tmp_path):
    """``--demo`` measures the same pages on the demo database, adding nothing to it."""
    db = require_env("DUBAN_TEST_DB")
    json_path = tmp_path / "demo.json"
    result = subprocess.run(
        bench_command("--db", db, "--demo", "--repeat", "1", "--json", str(json_path)),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    document = json.loads(json_path.read_text())
    assert set(document["results"]) == set(PAGES)
    for page in PAGES:
        assert document["results"][page]["seconds"] < 1.0, (page, document["results"][page])
    assert document["results"]["page_item_list"]["records"] > 0
