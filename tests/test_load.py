"""``setup/load`` end to end, briefly: a few people of each role against a real server on the
demo database (``--no-prepare``: the demo organization's logins), the reminder cron mid-run."""

import json
import os
import re
import subprocess
from pathlib import Path

from test_prod_serving import prod_environment

REPO = Path(__file__).resolve().parent.parent


def run_load(env, *args, timeout=60):
    """``setup/load`` with ``args``, run to its end."""
    return subprocess.run(
        [str(REPO / "setup" / "load"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def against(server):
    """The options that aim ``setup/load`` at the test server on the demo organization."""
    return ["--url", server.url, "--db", server.db, "--no-prepare"]


def test_load_runs_the_office_day_and_prints_the_table(server, tmp_path):
    result = run_load(
        prod_environment(tmp_path),
        *against(server),
        "--users", "8",
        "--time", "45s",
        "--cron-after", "0",
        "--json", str(tmp_path / "load.json"),
        timeout=300,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert re.search(r"^action +requests failed +p50 +p95 +p99 +req/s$", output, re.M), output
    for action in ("login", "cron: reminders", "TOTAL"):
        assert re.search(rf"^{re.escape(action)} +\d+ +0 ", output, re.M), (action, output[-3000:])
    assert re.search(r"^hr: [^\n]+ +\d+ +0 ", output, re.M), "the baseline ran"
    assert re.search(r"^(liaison|officer|head|leader): [^\n]+ +\d+ +0 ", output, re.M)
    assert re.search(r"^OK: \d+ requests, 0 failed$", output, re.M)
    # the office's day after the login burst, apart: the 8 (the cron's admin one of them)
    steady = re.search(r"^steady state, once all 8 had logged in: (\d+) requests in .+ 0 failed$",
                       output, re.M)  # fmt: skip
    assert steady and int(steady.group(1)) > 0, output[-3000:]
    report = json.loads((tmp_path / "load.json").read_text())
    assert report["steady"]["requests"] == int(steady.group(1))
    assert report["steady"]["p50_ms"] <= report["steady"]["p95_ms"] <= report["steady"]["p99_ms"]


def test_load_runs_the_baseline_alone(server, tmp_path):
    """``--only hr``: every simulated person an HR officer on Odoo's own employees, for what
    Odoo's own screens sustain on this machine; no duban request is made."""
    result = run_load(
        prod_environment(tmp_path),
        *against(server),
        "--only", "hr",
        "--users", "3",
        "--time", "15s",
        timeout=180,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert re.search(r"^hr: employee list +\d+ +0 ", output, re.M), output[-3000:]
    assert not re.search(r"^(liaison|officer|head|leader|cron|item)", output, re.M), output[-3000:]
    assert re.search(r"^OK: \d+ requests, 0 failed$", output, re.M)


def test_load_refuses_an_unknown_crowd(tmp_path):
    result = run_load({**os.environ, "DUBAN_LOCAL": str(tmp_path)}, "--only", "everyone")
    assert result.returncode != 0
    assert "--only takes duban (the office's people) or hr (the baseline), not 'everyone'" in (
        result.stderr
    )


def test_load_refuses_other_hosts(tmp_path):
    result = run_load(
        {**os.environ, "DUBAN_LOCAL": str(tmp_path)}, "--url", "http://example.com:8069"
    )
    assert result.returncode != 0
    assert "only targets this machine" in result.stderr
