"""The printed forms as a user gets them: PDFs downloaded over HTTP from a real server, for the
demo organization's records, read back as text."""

import http.cookiejar
import json
import re
import subprocess
import urllib.error
import urllib.request

import pytest


class WebSession:
    """A browser-like session: log in once, then download what the print menu links to."""

    def __init__(self, server, login):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        payload = {"jsonrpc": "2.0", "params": {"db": server.db, "login": login, "password": login}}
        request = urllib.request.Request(
            f"{server.url}/web/session/authenticate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            answer = json.load(response)
        assert answer.get("result", {}).get("uid"), answer

    def pdf_text(self, report_name, ids):
        url = f"{self.server.url}/report/pdf/{report_name}/{','.join(map(str, ids))}"
        with self.opener.open(url, timeout=300) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            pdf = response.read()
        assert pdf.startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def officer_all(server):
    return WebSession(server, "officer_all")


def test_notice_and_one_item_report(server, officer_all):
    admin = server.client("admin")
    item_id = admin.ref("duban_supervision.item_in_progress_demo")
    [item] = admin.call("duban.item", "read", [item_id], ["number", "name"])
    notice = officer_all.pdf_text("duban_reports.report_duban_notice", [item_id])
    for expected in ("督办事项通知单", item["number"], re.sub(r"\s+", "", item["name"]), "—1—"):
        assert expected in notice
    one_item = officer_all.pdf_text("duban_reports.report_duban_item_report", [item_id])
    assert re.sub(r"\s+", "", item["name"]) in one_item


def test_ledger_of_every_item(server, officer_all):
    reader = server.client("officer_all")
    ids = reader.call("duban.item", "search", [("number", "!=", False)])
    text = officer_all.pdf_text("duban_reports.report_duban_ledger", ids)
    assert "督办事项登记表" in text
    numbers = reader.call("duban.item", "read", ids, ["number"])
    missing = [row["number"] for row in numbers if row["number"] not in text]
    assert not missing, f"numbers not printed whole: {missing}"


def test_archive_and_report_form_of_a_closed_item(server, officer_all):
    admin = server.client("admin")
    item_id = admin.ref("duban_supervision.item_done_demo")
    archive = officer_all.pdf_text("duban_reports.report_duban_archive", [item_id])
    for expected in ("督办事项通知单", "督办事项归档材料", "办理报告", "已按要求完成全部工作"):
        assert expected in archive
    report_id = admin.ref("duban_supervision.item_done_report_demo")
    form = officer_all.pdf_text("duban_reports.report_duban_report_form", [report_id])
    # EC 四(二): the unit's leader in charge signs its report
    assert "已按要求完成全部工作" in form and "李文华" in form


def test_urge_slip_and_summary_made_over_rpc(server, officer_all):
    admin = server.client("admin")
    officer = server.client("officer")
    item_id = admin.ref("duban_supervision.item_in_progress_demo")
    [assignment_id] = admin.call(
        "duban.assignment", "search", [("item_id", "=", item_id), ("role", "=", "lead")]
    )
    urge_id = officer.call(
        "duban.urge",
        "create",
        {"assignment_id": assignment_id, "method": "phone", "content": "<p>请于本周内反馈。</p>"},
    )
    slip = officer_all.pdf_text("duban_reports.report_duban_urge_letter", [urge_id])
    assert "催办" in slip and "请于本周内反馈" in slip

    wizard_id = server.client("officer_all").call(
        "duban.summary.wizard", "create", {"summary_type": "analysis"}
    )
    summary = officer_all.pdf_text("duban_reports.report_duban_summary", [wizard_id])
    assert "督办分析报告" in summary


def test_confidential_notice_is_refused_without_clearance(server):
    admin = server.client("admin")
    secret_id = admin.ref("duban_supervision.item_secret_demo")
    liaison = WebSession(server, "liaison")
    with pytest.raises(urllib.error.HTTPError) as error:
        liaison.pdf_text("duban_reports.report_duban_notice", [secret_id])
    assert error.value.code in (403, 404, 500)
