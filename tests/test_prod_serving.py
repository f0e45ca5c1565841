"""``setup/run --prod``: Odoo's prefork server behind nginx, as an organization runs it.

The server is started by the command itself, on the test database, with 2 HTTP workers; the
test asserts that the gevent (websocket) process starts once and stays up, with no respawn loop,
that a websocket connects through nginx, that the web client logs in through it, and that
Ctrl-C stops Odoo and nginx.
"""

import configparser
import json
import os
import signal
import subprocess
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import psutil
import pytest
import websocket

from odoo_server import free_port, require_env, wait_until_serving

REPO = Path(__file__).resolve().parent.parent


def prod_environment(tmp_path):
    """setup/run's environment: the test database on the test command's PostgreSQL server, the
    virtualenv it prepared, state in ``tmp_path``, free ports."""
    python = Path(require_env("DUBAN_PYTHON"))
    conf = configparser.ConfigParser()
    conf.read(require_env("DUBAN_ODOO_CONF"))
    options = conf["options"]
    odoo_src = Path(options["addons_path"].split(",")[0]).parent.parent
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "DUBAN_"))}
    env.update(
        DUBAN_LOCAL=str(tmp_path / "local"),
        DUBAN_VENV=str(python.parent.parent),
        DUBAN_DB=require_env("DUBAN_TEST_DB"),
        DUBAN_HTTP_PORT=str(free_port()),
        DUBAN_ODOO_PORT=str(free_port()),
        DUBAN_GEVENT_PORT=str(free_port()),
        DUBAN_WORKERS="2",
        PGHOST=options["db_host"],
        PGPORT=options["db_port"],
        PGUSER=options["db_user"],
        ODOO_SRC=str(odoo_src),
    )
    return env


@pytest.fixture(scope="module")
def prod(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("prod")
    env = prod_environment(tmp_path)
    log_path = tmp_path / "run.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["bash", str(REPO / "setup" / "run"), "--prod"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{env['DUBAN_HTTP_PORT']}"
    try:
        wait_until_serving(url, process, log_path, 300, pause=1)
    except RuntimeError as error:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"setup/run --prod: {error}")
    yield {"process": process, "env": env, "url": url, "log": log_path, "local": tmp_path / "local"}
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)


def odoo_processes(env):
    """Odoo's processes by role, found by the configuration file they were started with."""
    conf = str(Path(env["DUBAN_LOCAL"]) / "odoo-prod.conf")
    found = [
        p for p in psutil.process_iter(["cmdline", "ppid"]) if conf in (p.info["cmdline"] or [])
    ]
    masters = [p for p in found if all(p.info["ppid"] != q.pid for q in found)]
    gevent = [p for p in found if "gevent" in p.info["cmdline"]]
    workers = [p for p in found if p not in masters and p not in gevent]
    return masters, workers, gevent


def test_prefork_workers_and_gevent_stay_up(prod):
    masters, workers, gevent = odoo_processes(prod["env"])
    assert len(masters) == 1
    # 2 HTTP workers and the cron worker
    assert len(workers) == 3
    assert len(gevent) == 1, "the gevent (websocket) process is not running"
    first = gevent[0].pid
    started = gevent[0].create_time()
    time.sleep(10)
    _masters, _workers, gevent = odoo_processes(prod["env"])
    assert [p.pid for p in gevent] == [first], "the gevent process was respawned"
    assert gevent[0].create_time() == started
    # a respawn loop burns a core; a healthy master sleeps
    assert masters[0].cpu_percent(interval=2) < 20
    log = prod["log"].read_text()
    assert log.count("Evented Service (longpolling) running") == 1
    assert "attempted relative import" not in log and "DistributionNotFound" not in log


def test_configurations_written_for_an_admin(prod):
    odoo_conf = (prod["local"] / "odoo-prod.conf").read_text()
    for line in ("workers = 2", "max_cron_threads = 1", "proxy_mode = True", "limit_time_real"):
        assert line in odoo_conf
    nginx_conf = (prod["local"] / "nginx.conf").read_text()
    for line in ("location /websocket", "backlog=", "client_max_body_size", "proxy_read_timeout"):
        assert line in nginx_conf


def test_websocket_connects_through_nginx(prod):
    ws_url = prod["url"].replace("http://", "ws://") + "/websocket?version=19.0"
    connection = websocket.create_connection(ws_url, header={"Origin": prod["url"]}, timeout=30)
    try:
        assert connection.status == 101
        connection.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        # the gevent process answers its own ping: the connection is served, not just upgraded
        connection.ping("duban")
        opcode, _frame = connection.recv_data_frame(control_frame=True)
        assert opcode == websocket.ABNF.OPCODE_PONG
    finally:
        connection.close()


def test_web_client_logs_in_through_nginx(prod):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"db": prod["env"]["DUBAN_DB"], "login": "officer", "password": "officer"},
    }
    request = urllib.request.Request(
        prod["url"] + "/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=60) as response:
        result = json.load(response)["result"]
    assert result["uid"] and result["username"] == "officer"


def test_ctrl_c_stops_odoo_and_nginx(prod):
    process = prod["process"]
    os.killpg(process.pid, signal.SIGINT)
    process.wait(120)
    time.sleep(2)
    masters, workers, gevent = odoo_processes(prod["env"])
    assert not masters + workers + gevent
    nginx_conf = str(prod["local"] / "nginx.conf")
    assert not [
        p for p in psutil.process_iter(["cmdline"]) if nginx_conf in (p.info["cmdline"] or [])
    ]
