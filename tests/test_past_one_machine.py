"""Past one machine, with Odoo's own means, proved on one machine: two Odoo processes on the
same database (as two nodes behind nginx would be), and a streaming replica of PostgreSQL that
serves the read-only requests of an Odoo started with ``db_replica_host``/``db_replica_port``.
"""

import configparser
import datetime
import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg2
import pytest
from web_client import WebSession, review_before_signing, urllib_transport

from odoo_server import OdooServer, free_port, require_env

SOON = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
STANDBY_SETTINGS = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


def primary_settings():
    conf = configparser.ConfigParser()
    conf.read(require_env("DUBAN_ODOO_CONF"))
    options = conf["options"]
    return options["db_host"], options["db_port"], options["db_user"]


def pg_bin():
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_basebackup").exists():
            return candidate
    raise RuntimeError("PostgreSQL's server programs (pg_basebackup, pg_ctl) are not installed")


def as_cluster_owner(command):
    """PostgreSQL refuses to run as root: the replica belongs to setup's unprivileged user."""
    if os.getuid() == 0:
        return ["runuser", "-u", "duban-pg", "--", *command]
    return command


@pytest.fixture(scope="module")
def nodes():
    first = OdooServer().start()
    second = OdooServer().start()
    yield first, second
    first.stop()
    second.stop()


def test_two_nodes_on_one_database(nodes):
    """A liaison on one node and the office on the other work the same item to its end."""
    first, second = nodes
    officer = WebSession(urllib_transport(second.url), second.db, "officer")
    leader = WebSession(urllib_transport(second.url), second.db, "leader")
    liaison = WebSession(urllib_transport(first.url), first.db, "liaison")
    # the education commission's reports are signed by the unit's leader in charge (EC 四(二))
    unit_leader = WebSession(urllib_transport(first.url), first.db, "leader")
    [basic] = officer.call("hr.department", "search", [("name", "=", "基础教育科")])
    [office] = officer.call("hr.department", "search", [("name", "=", "办公室")])
    item_id = officer.call(
        "duban.item",
        "create",
        {
            "name": "两节点协同",
            "kind": "special",
            "source": "other",
            "office_id": office,
            "lead_department_id": basic,
            "date_deadline": SOON,
            "content": "<p>跨节点办理</p>",
        },
    )
    officer.call("duban.item", "action_submit", [item_id])
    review_before_signing(officer, [item_id])
    leader.call("duban.item", "action_approve", [item_id])
    officer.call("duban.item", "action_issue", [item_id])

    todo = liaison.list("duban.item", [("my_todo", "=", True)], view_type="kanban")
    assert item_id in [record["id"] for record in todo["records"]], "node 1 sees node 2's issue"
    [assignment] = liaison.call(
        "duban.assignment", "search", [("item_id", "=", item_id), ("role", "=", "lead")]
    )
    liaison.call("duban.assignment", "action_sign", [assignment])
    officer.call(
        "duban.urge",
        "action_send",
        [
            officer.call(
                "duban.urge",
                "create",
                {"assignment_id": assignment, "method": "phone", "content": "<p>请尽快</p>"},
            )
        ],
    )
    report_id = liaison.call(
        "duban.report",
        "create",
        {
            "name": "办结报告",
            "assignment_id": assignment,
            "report_type": "completion",
            "content": "<p>已办结</p>",
        },
    )
    unit_leader.call("duban.report", "action_sign", [report_id])
    liaison.call("duban.report", "action_submit", [report_id])
    officer.call("duban.report", "action_accept", [report_id])
    # the office closes the item (待办结) through its closing dialog, on its own node
    action = officer.call("duban.item", "action_close", [item_id])
    [wizard_id] = officer.call(
        "duban.close.wizard", "create", [{"close_opinion": "同意办结"}], context=action["context"]
    )
    officer.call("duban.close.wizard", "action_confirm", [wizard_id])
    item = liaison.open("duban.item", item_id)
    assert item["state"] == "done" and item["number"]
    assert liaison.call("duban.assignment", "read", [assignment], ["urge_count"])[0]["urge_count"]


@pytest.fixture(scope="module")
def replica():
    """A streaming replica of the test cluster, made by pg_basebackup, on a port of its own."""
    host, port, user = primary_settings()
    bin_dir = pg_bin()
    home = Path(f"/var/tmp/duban-replica-{os.getpid()}")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    if os.getuid() == 0:
        shutil.chown(home, "duban-pg")
    data, replica_port = home / "data", free_port()
    # a standby needs at least the primary's values of these
    primary = psycopg2.connect(host=host, port=port, user=user, dbname="postgres")
    settings = []
    with primary, primary.cursor() as cr:
        for name in STANDBY_SETTINGS:
            cr.execute(f"SHOW {name}")
            settings.append(f"-c {name}={cr.fetchone()[0]}")
    primary.close()
    subprocess.run(
        as_cluster_owner(
            [str(bin_dir / "pg_basebackup"), "-D", str(data), "-R", "-X", "stream",
             "-c", "fast", "-h", host, "-p", port, "-U", user]
        ),
        check=True,
        capture_output=True,
        timeout=600,
        cwd="/",
    )  # fmt: skip
    started = subprocess.run(
        as_cluster_owner(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "replica.log"), "-w",
             "-t", "300",
             "-o", f"-p {replica_port} -k {home} -c listen_addresses='' -c hot_standby=on "
             + " ".join(settings),
             "start"]
        ),
        check=False,
        capture_output=True,
        timeout=400,
        cwd="/",
    )  # fmt: skip
    if started.returncode:
        log = (home / "replica.log").read_text() if (home / "replica.log").exists() else ""
        raise RuntimeError(f"the replica did not start: {started.stdout} {started.stderr}\n{log}")
    yield {"host": str(home), "port": str(replica_port), "user": user}
    subprocess.run(
        as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
        capture_output=True,
        timeout=120,
        cwd="/",
        check=False,
    )
    shutil.rmtree(home, ignore_errors=True)


def test_reads_served_by_a_streaming_replica(replica):
    """With replay paused on the replica, an item written through Odoo (on the primary) is
    missing from the dashboard's read-only request (served by the replica) until replay goes
    on; the write itself went to the primary."""
    server = OdooServer(
        ["--db_replica_host", replica["host"], "--db_replica_port", replica["port"]]
    ).start()
    standby = psycopg2.connect(
        host=replica["host"], port=replica["port"], user=replica["user"], dbname=server.db
    )
    standby.autocommit = True
    try:
        with standby.cursor() as cr:
            cr.execute("SELECT pg_is_in_recovery()")
            assert cr.fetchone()[0], "the replica is a standby"
        officer = WebSession(urllib_transport(server.url), server.db, "officer")
        name = f"只读副本验证 {time.time_ns()}"
        dashboard = [("name", "=", name)]
        assert officer.list("duban.item", dashboard)["length"] == 0
        with standby.cursor() as cr:
            cr.execute("SELECT pg_wal_replay_pause()")
        [office] = officer.call("hr.department", "search", [("name", "=", "办公室")])
        [basic] = officer.call("hr.department", "search", [("name", "=", "基础教育科")])
        officer.call(
            "duban.item",
            "create",
            {
                "name": name,
                "kind": "special",
                "source": "other",
                "office_id": office,
                "lead_department_id": basic,
                "date_deadline": SOON,
                "content": "<p>写入主库</p>",
            },
        )
        # the write is on the primary
        host, port, user = primary_settings()
        primary = psycopg2.connect(host=host, port=port, user=user, dbname=server.db)
        with primary, primary.cursor() as cr:
            cr.execute("SELECT count(*) FROM duban_item WHERE name = %s", (name,))
            assert cr.fetchone()[0] == 1
        primary.close()
        # web_search_read is read-only: served by the paused replica, it does not yet
        assert officer.list("duban.item", dashboard)["length"] == 0
        with standby.cursor() as cr:
            cr.execute("SELECT pg_wal_replay_resume()")
        deadline = time.monotonic() + 120
        with standby.cursor() as cr:
            while True:
                cr.execute("SELECT count(*) FROM duban_item WHERE name = %s", (name,))
                if cr.fetchone()[0]:
                    break
                assert time.monotonic() < deadline, "the replica never replayed the write"
                time.sleep(0.5)
        # caught up: the same read-only request now finds it on the replica
        assert officer.list("duban.item", dashboard)["length"] == 1
        with standby.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (server.db,),
            )
            assert cr.fetchone()[0] >= 1, "Odoo keeps connections to the replica"
    finally:
        standby.close()
        server.stop()
