"""The supervision workflow and its rules over Odoo's external API, against a real server."""

import datetime
import subprocess
import threading
import xmlrpc.client

import pytest
from web_client import review_before_signing

from odoo_server import Json2Error

SOON = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()


@pytest.fixture(scope="module")
def admin(server):
    return server.client("admin")


@pytest.fixture(scope="module")
def json2(server):
    """JSON-2 clients with the API keys of an officer and a liaison."""
    return {
        login: server.json2(key) for login, key in server.api_keys("officer", "liaison").items()
    }


def new_item(admin, officer, name, deadline=SOON, **values):
    """A registered item of the demo organization: office 办公室, lead unit 基础教育科."""
    vals = {
        "name": name,
        "kind": "special",
        "source": "other",
        "office_id": admin.ref("duban_supervision.dept_office_demo"),
        "lead_department_id": admin.ref("duban_supervision.dept_basic_demo"),
        "date_deadline": deadline,
        "content": "<p>经外部接口登记</p>",
    }
    vals.update(values)
    return officer.call("duban.item", "create", vals)


def submit_and_sign(officer, leader, item_id):
    officer.call("duban.item", "action_submit", [item_id])
    review_before_signing(officer, [item_id])
    leader.call("duban.item", "action_approve", [item_id])


def issued_item(admin, server, name, **values):
    officer, leader = server.client("officer"), server.client("leader")
    item_id = new_item(admin, officer, name, **values)
    submit_and_sign(officer, leader, item_id)
    officer.call("duban.item", "action_issue", [item_id])
    return item_id


def submitted_report(server, item_id, text, request_sign=False):
    """The lead unit signs for the item, writes a completion report, has its leader in charge
    sign it (EC 四(二) 分管领导审核签字) and submits it to the office; returns the report's id."""
    liaison, signer = server.client("liaison"), server.client("leader")
    [lead_id] = liaison.call(
        "duban.assignment", "search", [("item_id", "=", item_id), ("role", "=", "lead")]
    )
    liaison.call("duban.assignment", "action_sign", [lead_id])
    report_id = liaison.call(
        "duban.report",
        "create",
        {
            "name": "办结报告",
            "assignment_id": lead_id,
            "report_type": "completion",
            "content": f"<p>{text}</p>",
        },
    )
    if request_sign:
        liaison.call("duban.report", "action_request_sign", [report_id])
    signer.call("duban.report", "action_sign", [report_id])
    liaison.call("duban.report", "action_submit", [report_id])
    return report_id


def test_workflow_by_each_role(server, admin):
    """Register, sign, issue, sign for, report and close, each by the role that does it."""
    officer, leader = server.client("officer"), server.client("leader")
    item_id = new_item(admin, officer, "外部接口事项")
    officer.call("duban.item", "action_submit", [item_id])
    review_before_signing(officer, [item_id])
    [item] = officer.call("duban.item", "read", [item_id], ["pre_sign_opinion"])
    assert item["pre_sign_opinion"] == "拟同意，请领导签发。"
    leader.call("duban.item", "action_approve", [item_id])
    officer.call("duban.item", "action_issue", [item_id])
    [item] = officer.call("duban.item", "read", [item_id], ["state", "number", "assignment_ids"])
    assert item["state"] == "issued"
    assert item["number"].startswith("〔")
    report_id = submitted_report(server, item_id, "已完成", request_sign=True)
    officer.call("duban.report", "action_accept", [report_id])
    [item] = officer.call("duban.item", "read", [item_id], ["state", "result"])
    assert item["state"] == "to_close"
    # the closing dialog, as the web client fills it in
    action = officer.call("duban.item", "action_close", [item_id])
    [wizard_id] = officer.call(
        "duban.close.wizard", "create", [{"close_opinion": "同意办结"}], context=action["context"]
    )
    officer.call("duban.close.wizard", "action_confirm", [wizard_id])
    [item] = officer.call("duban.item", "read", [item_id], ["state", "result", "close_opinion"])
    assert item["state"] == "done"
    assert item["result"] == "已完成"
    assert item["close_opinion"] == "同意办结"


def test_liaison_never_reads_another_units_items(server, admin):
    """search_read as a liaison returns only items assigned to their unit and its sub-units."""
    liaison = server.client("liaison")
    own_units = set(
        admin.call(
            "hr.department",
            "search",
            [("id", "child_of", admin.ref("duban_supervision.dept_basic_demo"))],
        )
    )
    items = liaison.call("duban.item", "search_read", [], fields=["assignment_ids"])
    assert items, "the demo gives the liaison's unit issued items"
    assignments = admin.call(
        "duban.assignment",
        "read",
        [a for item in items for a in item["assignment_ids"]],
        ["item_id", "department_id"],
    )
    for item in items:
        units = {a["department_id"][0] for a in assignments if a["item_id"][0] == item["id"]}
        assert units & own_units
    other = admin.ref(
        "duban_supervision.item_issued_demo"
    )  # lead unit 安全保卫科, co-unit 基础教育科
    secret = admin.ref("duban_supervision.item_secret_demo")
    visible = {item["id"] for item in items}
    assert secret not in visible
    with pytest.raises(xmlrpc.client.Fault):
        liaison.call("duban.item", "read", [secret], ["name"])
    assert other in visible, "a co-unit sees the item it helps with"


def test_confidential_items_need_clearance(server, admin):
    """A 秘密 item is invisible to a liaison without clearance, visible to cleared staff."""
    secret = admin.ref("duban_supervision.item_secret_demo")
    liaison = server.client("liaison")  # another unit's liaison, clearance 内部
    assert secret not in liaison.call("duban.item", "search", [])
    for login in ("officer", "safety"):  # the office, and its own unit's liaison: 秘密
        assert secret in server.client(login).call("duban.item", "search", [])


def test_numbers_and_states_cannot_be_written(server, admin):
    """Writing a number or a state directly is refused over RPC."""
    officer = server.client("officer")
    item_id = new_item(admin, officer, "直接改状态")
    for vals in ({"state": "done"}, {"number": "〔2026〕999号"}):
        with pytest.raises(xmlrpc.client.Fault) as refused:
            officer.call("duban.item", "write", [item_id], vals)
        assert "AccessError" in refused.value.faultString or "workflow" in refused.value.faultString
    [item] = officer.call("duban.item", "read", [item_id], ["state", "number"])
    assert item == {"id": item_id, "state": "draft", "number": False}


def test_json2_api_keeps_the_rules(server, admin, json2):
    """Odoo 19's JSON-2 API with a user's API key: the workflow and the rules hold as over XML-RPC."""
    item_id = issued_item(admin, server, "JSON-2 接口事项")
    liaison = json2["liaison"]
    visible = liaison.call("duban.item", "search", domain=[])
    assert item_id in visible
    assert admin.ref("duban_supervision.item_secret_demo") not in visible
    [lead_id] = liaison.call("duban.assignment", "search", domain=[("item_id", "=", item_id)])
    liaison.call("duban.assignment", "action_sign", ids=[lead_id])
    [lead] = liaison.call("duban.assignment", "read", ids=[lead_id], fields=["state"])
    assert lead["state"] == "in_progress"
    with pytest.raises(Json2Error) as twice:
        liaison.call("duban.assignment", "action_sign", ids=[lead_id], context={"lang": "zh_CN"})
    assert twice.value.status == 422
    assert any("\u4e00" <= char <= "\u9fff" for char in twice.value.message), twice.value.message
    with pytest.raises(Json2Error) as refused:
        json2["officer"].call("duban.item", "write", ids=[item_id], vals={"state": "done"})
    assert refused.value.status == 403
    [item] = json2["officer"].call("duban.item", "read", ids=[item_id], fields=["state"])
    assert item["state"] == "in_progress"


def test_json2_nul_character_is_refused_in_chinese(server, admin, json2):
    """JSON can carry a NUL character, which PostgreSQL cannot store: a clear 422, nothing saved."""
    item_id = issued_item(admin, server, "NUL 字符事项")
    liaison = json2["liaison"]
    [lead_id] = liaison.call("duban.assignment", "search", domain=[("item_id", "=", item_id)])
    liaison.call("duban.assignment", "action_sign", ids=[lead_id])
    report = {
        "name": "阶段性\u0000报告",
        "assignment_id": lead_id,
        "report_type": "progress",
        "content": "<p>推进中</p>",
    }
    with pytest.raises(Json2Error) as refused:
        liaison.call("duban.report", "create", vals_list=[report], context={"lang": "zh_CN"})
    assert refused.value.status == 422
    assert "包含不可见的 NUL 空字符" in refused.value.message
    assert not liaison.call("duban.report", "search", domain=[("assignment_id", "=", lead_id)])


def run_together(*calls):
    """Run the calls at the same moment in threads; return their results or faults."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = ("ok", call())
        except xmlrpc.client.Fault as fault:
            results[index] = ("fault", fault.faultString)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_concurrent_issues_get_distinct_numbers(server, admin):
    """Two clerks issuing at the same moment get two different numbers."""
    officer, leader, officer_all = (
        server.client("officer"),
        server.client("leader"),
        server.client("officer_all"),
    )
    ids = []
    for name in ("并发交办一", "并发交办二"):
        item_id = new_item(admin, officer, name)
        submit_and_sign(officer, leader, item_id)
        ids.append(item_id)
    results = run_together(
        lambda: officer.call("duban.item", "action_issue", [ids[0]]),
        lambda: officer_all.call("duban.item", "action_issue", [ids[1]]),
    )
    assert [r[0] for r in results] == ["ok", "ok"], results
    numbers = [row["number"] for row in officer.call("duban.item", "read", ids, ["number"])]
    assert all(numbers) and numbers[0] != numbers[1]


def test_concurrent_accepts_one_wins(server, admin):
    """Two clerks accepting the same report: one wins, the other gets a clear error."""
    item_id = issued_item(admin, server, "并发审查")
    report_id = submitted_report(server, item_id, "完成")
    officer, officer_all = server.client("officer"), server.client("officer_all")
    results = run_together(
        lambda: officer.call("duban.report", "action_accept", [report_id]),
        lambda: officer_all.call("duban.report", "action_accept", [report_id]),
    )
    outcomes = sorted(r[0] for r in results)
    assert outcomes == ["fault", "ok"], results
    fault = next(r[1] for r in results if r[0] == "fault")
    assert "办结报告" in fault and "Traceback" not in fault, fault
    [item] = admin.call("duban.item", "read", [item_id], ["state"])
    assert item["state"] == "to_close"
    assert admin.call("duban.report", "read", [report_id], ["state"])[0]["state"] == "accepted"


def test_concurrent_crons_send_each_reminder_once(server, admin):
    """Two reminder runs at the same moment schedule each reminder once."""
    today = server.client("officer").today().isoformat()  # the day the officer registers on
    item_id = issued_item(admin, server, "今日到期", deadline=today)
    script = "env['duban.assignment']._cron_remind()\nenv.cr.commit()\n"
    command = [
        server.python,
        "-m",
        "odoo",
        "shell",
        "-c",
        server.conf,
        "-d",
        server.db,
        "--no-http",
    ]
    runs = [
        subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        run.stdin.write(script)
        run.stdin.close()
    for run in runs:
        run.wait(180)
    deadline_type = admin.ref("duban_supervision.mail_act_duban_deadline")
    assignments = admin.call("duban.assignment", "search", [("item_id", "=", item_id)])
    reminders = admin.call(
        "mail.activity",
        "search_read",
        [
            ("res_model", "=", "duban.assignment"),
            ("res_id", "in", assignments),
            ("activity_type_id", "=", deadline_type),
        ],
        fields=["res_id", "user_id"],
    )
    keys = [(r["res_id"], r["user_id"][0]) for r in reminders]
    assert keys, "the units were reminded on the day"
    assert len(keys) == len(set(keys)), reminders


def test_upgrade_keeps_everything(server, admin):
    """Upgrading the addons on a full database keeps every record, number and deadline."""

    def snapshot():
        items = admin.call(
            "duban.item",
            "search_read",
            [("active", "in", [True, False])],
            fields=["number", "state", "date_deadline"],
            order="id",
        )
        history = admin.call(
            "duban.deadline.history",
            "search_read",
            [],
            fields=["item_id", "date_deadline"],
            order="id",
        )
        counts = {
            model: admin.call(model, "search_count", [])
            for model in ("duban.assignment", "duban.report", "duban.urge")
        }
        return items, history, counts

    before = snapshot()
    server.stop()
    result = subprocess.run(
        [
            server.python,
            "-m",
            "odoo",
            "-c",
            server.conf,
            "-d",
            server.db,
            "-u",
            "duban_supervision,duban_reports",
            "--stop-after-init",
            "--no-http",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " ERROR " not in result.stdout + result.stderr
    server.start()
    assert snapshot() == before
