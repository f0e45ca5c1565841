"""A real Odoo server for the project's end-to-end tests, on a free port of this machine.

The test command (``setup/test``) gives the configuration and the database with both addons and
their demo data through ``DUBAN_ODOO_CONF``, ``DUBAN_TEST_DB`` and ``DUBAN_PYTHON``; without them
these tests fail loudly instead of skipping.
"""

import datetime
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xmlrpc.client
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def require_env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(
            f"{name} is not set: run the project tests through setup/test, which provisions "
            "Odoo, PostgreSQL and a test database and sets it."
        )
    return value


def wait_until_serving(url, process, log_path, timeout, pause=1):
    """Wait until ``url`` serves its login page; fail with the end of the log when the process
    stops first or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"stopped with {process.returncode} before serving {url}:\n"
                + Path(log_path).read_text()[-3000:]
            )
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(pause)
    raise RuntimeError(
        f"{url} did not answer within {timeout}s:\n" + Path(log_path).read_text()[-3000:]
    )


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    """Starts ``python -m odoo`` on the test database and talks XML-RPC to it; with ``workers``,
    Odoo's multi-process (prefork) server, started from the virtualenv's ``odoo`` script as
    ``setup/run --prod`` starts it (see ``setup/odoo_launcher.py``)."""

    def __init__(self, extra_args=(), workers=0):
        self.python = os.environ.get("DUBAN_PYTHON") or str(REPO / ".venv/bin/python")
        self.workers = workers
        self.conf = require_env("DUBAN_ODOO_CONF")
        self.db = require_env("DUBAN_TEST_DB")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_args = [*extra_args, *(["--workers", str(workers)] if workers else [])]
        self.process = None
        self.log_path = REPO / ".local" / f"rpc-server-{self.port}.log"

    def start(self, timeout=120):
        self.log_path.parent.mkdir(exist_ok=True)
        log = self.log_path.open("w")
        env = dict(os.environ)
        if self.workers:
            command = [str(Path(self.python).parent / "odoo")]
            # the launcher opens the port with a deep accept queue, as behind nginx in production:
            # Odoo's own (8 per worker) drops the connections of a burst
            env["DUBAN_HTTP_LISTEN"] = f"127.0.0.1:{self.port}"
        else:
            command = [self.python, "-m", "odoo"]
        self.process = subprocess.Popen(
            [
                *command,
                "server",
                "-c",
                self.conf,
                "-d",
                self.db,
                "--db-filter",
                f"^{self.db}$",
                "--http-interface",
                "127.0.0.1",
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
                "--max-cron-threads",
                "0",
                "--no-database-list",
                *self.extra_args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        wait_until_serving(self.url, self.process, self.log_path, timeout)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def client(self, login, password=None):
        return RpcClient(self, login, password or login)

    def api_keys(self, *logins):
        """A one-day API key for each of ``logins``, as an administrator issues it to an integrator
        (in the user's preferences), made here by ``odoo shell`` on the test database."""
        script = "\n".join(
            [
                "from datetime import timedelta",
                "from odoo import fields",
                "keys = {}",
                f"for login in {list(logins)!r}:",
                "    user = env['res.users'].search([('login', '=', login)])",
                "    keys[login] = env['res.users.apikeys'].with_user(user).sudo()._generate(",
                "        None, 'duban tests', fields.Datetime.now() + timedelta(days=1))",
                "env.cr.commit()",
                "import json",
                "print('DUBAN-KEYS', json.dumps(keys))",
            ]
        )
        result = subprocess.run(
            [self.python, "-m", "odoo", "shell", "-c", self.conf, "-d", self.db, "--no-http"],
            input=script,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        [line] = [line for line in result.stdout.splitlines() if line.startswith("DUBAN-KEYS ")]
        return json.loads(line.removeprefix("DUBAN-KEYS "))

    def json2(self, api_key):
        return Json2Client(self, api_key)


class RpcClient:
    """One user's XML-RPC session: ``call(model, method, *args, **kwargs)``."""

    def __init__(self, server, login, password):
        self.server = server
        self.password = password
        common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(server.db, login, password, {})
        if not self.uid:
            raise RuntimeError(f"cannot log in as {login}")
        self.models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.server.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def today(self):
        """The day the server counts in for this user, now: an item's registration date by
        default (the user's time zone, else the server's UTC), asked at the moment of use, not
        taken from the test machine's clock when the module was imported."""
        values = self.call("duban.item", "default_get", ["date_registered"])
        return datetime.date.fromisoformat(values["date_registered"])

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return rows[0]["res_id"]


class Json2Error(Exception):
    """An error answer of the JSON-2 API: its HTTP status and Odoo's serialized exception."""

    def __init__(self, status, body):
        super().__init__(f"{status}: {body.get('message')}")
        self.status = status
        self.name = body.get("name", "")
        self.message = body.get("message", "")


class Json2Client:
    """One user's calls to Odoo 19's JSON-2 API (``POST /json/2/<model>/<method>``, API key)."""

    def __init__(self, server, api_key):
        self.server = server
        self.api_key = api_key

    def call(self, model, method, ids=(), **kwargs):
        request = urllib.request.Request(
            f"{self.server.url}/json/2/{model}/{method}",
            data=json.dumps({"ids": list(ids), **kwargs}).encode(),
            headers={
                "Authorization": f"bearer {self.api_key}",
                "X-Odoo-Database": self.server.db,
                "Content-Type": "application/json; charset=utf-8",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise Json2Error(error.code, json.load(error)) from None
