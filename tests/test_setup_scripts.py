"""The setup scripts' own behaviour, checked without a network.

Each test keeps its state directory (``DUBAN_LOCAL``) in a temporary folder, so nothing touches
the project's own ``.local/``: most source ``setup/common.sh`` in a fresh bash with a throwaway
virtualenv; the last runs ``setup/run`` itself, end to end, with the virtualenv the test command
prepared.
"""

import os
import shutil
import signal
import subprocess
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

from odoo_server import free_port, require_env, wait_until_serving

REPO = Path(__file__).resolve().parent.parent
COMMON = REPO / "setup" / "common.sh"
# a port nothing listens on: curl fails at once, as without a network
UNREACHABLE_ARCHIVE = "http://127.0.0.1:9/odoo_19.0.latest.tar.gz"


def run_bash(script, tmp_path, **env):
    """Run ``script`` in bash after sourcing setup/common.sh with state kept in ``tmp_path``."""
    environ = {
        key: value for key, value in os.environ.items() if not key.startswith(("PG", "DUBAN_"))
    }
    environ.update(DUBAN_LOCAL=str(tmp_path / "local"), DUBAN_VENV=str(tmp_path / "venv"))
    environ.update(env)
    return subprocess.run(
        ["bash", "-c", f'source "{COMMON}"\n{script}'],
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("command", ["setup/run", "setup/test"])
def test_clear_error_without_odoo_source_or_network(tmp_path, command):
    environ = {
        key: value for key, value in os.environ.items() if not key.startswith(("PG", "DUBAN_"))
    }
    environ.update(
        ODOO_SRC=str(tmp_path / "no-odoo-here"),
        ODOO_ARCHIVE_URL=UNREACHABLE_ARCHIVE,
        DUBAN_LOCAL=str(tmp_path / "local"),
        DUBAN_VENV=str(tmp_path / "venv"),
    )
    result = subprocess.run(
        [str(REPO / command)], env=environ, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    assert "ERROR" in result.stderr
    assert "ODOO_SRC=" in result.stderr and "could not be" in result.stderr
    assert "no-odoo-here" in result.stderr
    # it stopped before making anything: no virtualenv, no cluster, no half-downloaded archive
    assert not (tmp_path / "venv").exists()
    assert not (tmp_path / "local" / "pgdata").exists()
    assert not (tmp_path / "local" / "odoo-src.tar.gz").exists()


def test_odoo_source_found_at_odoo_src_or_in_local(tmp_path):
    given = tmp_path / "given-odoo"
    (given / "odoo").mkdir(parents=True)
    (given / "odoo" / "release.py").write_text("version_info = (19, 0)\n")
    result = run_bash(
        'find_odoo_source; echo "$ODOO_SRC"',
        tmp_path,
        ODOO_SRC=str(given),
        ODOO_ARCHIVE_URL=UNREACHABLE_ARCHIVE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(given)

    # a source downloaded by an earlier run is reused, without a download
    fetched = tmp_path / "local" / "odoo-src"
    shutil.copytree(given, fetched)
    result = run_bash(
        'find_odoo_source; echo "$ODOO_SRC"',
        tmp_path,
        ODOO_SRC=str(tmp_path / "missing"),
        ODOO_ARCHIVE_URL=UNREACHABLE_ARCHIVE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(fetched)
    assert "downloading" not in result.stderr


def test_odoo_conf_puts_both_addons_on_the_addons_path(tmp_path):
    result = run_bash(
        'DB_HOST=/some/socket DB_PORT=5999 DB_USER=odoo DB_PASSWORD=""\n'
        'write_odoo_conf; cat "$ODOO_CONF"',
        tmp_path,
        ODOO_SRC="/srv/odoo-19",
        DUBAN_HTTP_PORT="8123",
    )
    assert result.returncode == 0, result.stderr
    options = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    assert options["addons_path"] == f"/srv/odoo-19/odoo/addons,{REPO}"
    assert (REPO / "duban_supervision" / "__manifest__.py").exists()
    assert options["db_host"] == "/some/socket"
    assert options["db_port"] == "5999"
    assert options["http_port"] == "8123"
    assert options["list_db"] == "False"


def test_existing_server_settings_are_used_as_given(tmp_path):
    result = run_bash(
        'ensure_postgres; echo "$DB_HOST|$DB_PORT|$DB_USER|$PG_STARTED_HERE"',
        tmp_path,
        PGHOST="db.example.internal",
        PGPORT="6543",
        PGUSER="odoo_app",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "db.example.internal|6543|odoo_app|0"
    assert not (tmp_path / "local" / "pgdata").exists()


def test_present_debian_packages_are_not_installed_again(tmp_path):
    # with every package present it never reaches apt-get (absent from this PATH)
    result = run_bash(
        "DEBIAN_PACKAGES=(bash coreutils)\nPATH=/usr/bin:/bin\n"
        'apt-get() { echo "apt-get $*" >> "$LOCAL/apt.log"; }\nensure_debian_packages; echo done',
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["done"]
    assert not (tmp_path / "local" / "apt.log").exists()


def test_missing_debian_package_is_installed_with_apt(tmp_path):
    result = run_bash(
        "DEBIAN_PACKAGES=(bash duban-no-such-package)\n"
        'mkdir -p "$LOCAL"; apt-get() { echo "apt-get $*" >> "$LOCAL/apt.log"; }\n'
        'sudo() { "$@"; }\nensure_debian_packages; echo done',
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "local" / "apt.log").read_text().splitlines()
    assert calls == ["apt-get update -qq", "apt-get install -y -qq duban-no-such-package"]
    assert "Installing Debian packages: duban-no-such-package" in result.stderr


def test_private_cluster_is_created_once_then_reused(tmp_path):
    port = str(free_port())
    start = (
        "ensure_postgres\n"
        'echo "started=$PG_STARTED_HERE host=$DB_HOST"\n'
        "psql_run -tAc \"SELECT datname FROM pg_database WHERE datname = 'kept'\"\n"
    )
    try:
        first = run_bash(start + 'psql_run -c "CREATE DATABASE kept"', tmp_path, DUBAN_PGPORT=port)
        assert first.returncode == 0, first.stderr
        assert "Creating the PostgreSQL cluster" in first.stderr
        assert "started=1" in first.stdout
        pg_version = (tmp_path / "local" / "pgdata" / "PG_VERSION").stat()

        # still running: reused as it is, neither created nor started again
        second = run_bash(
            start + "PG_STARTED_HERE=1 stop_postgres_if_started", tmp_path, DUBAN_PGPORT=port
        )
        assert second.returncode == 0, second.stderr
        assert "Creating" not in second.stderr
        assert "started=0" in second.stdout
        assert "kept" in second.stdout.split()

        # stopped (above): started again on the same data, nothing recreated
        third = run_bash(start + "stop_postgres_if_started", tmp_path, DUBAN_PGPORT=port)
        assert third.returncode == 0, third.stderr
        assert "Creating" not in third.stderr
        assert "started=1" in third.stdout
        assert "kept" in third.stdout.split()
        assert (tmp_path / "local" / "pgdata" / "PG_VERSION").stat().st_ino == pg_version.st_ino
    finally:
        run_bash(
            "ensure_postgres >/dev/null 2>&1 && PG_STARTED_HERE=1 && stop_postgres_if_started",
            tmp_path,
            DUBAN_PGPORT=port,
        )
        data = tmp_path / "local" / "pgdata"
        if data.is_symlink():  # run as root from a folder the cluster's owner cannot reach
            shutil.rmtree(data.resolve().parent, ignore_errors=True)


def serve_with_setup_run(env, log_path, port, timeout=900):
    """Start setup/run as from a terminal (its own process group) and wait for the login page."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["bash", str(REPO / "setup" / "run")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}", process, log_path, timeout, pause=2)
    except RuntimeError as error:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"setup/run: {error}")
    return process


def press_ctrl_c(process):
    os.killpg(process.pid, signal.SIGINT)
    process.wait(120)


def test_run_serves_the_demo_and_ctrl_c_stops_odoo_and_its_cluster(tmp_path):
    """setup/run end to end in a fresh state folder: a private cluster, the database with both
    addons and their demo data, Odoo on the port asked for; Ctrl-C stops Odoo and the cluster;
    a second run reuses the cluster and the database."""
    python = Path(require_env("DUBAN_PYTHON"))
    odoo_src = subprocess.run(
        [str(python), "-c", "import odoo, pathlib; print(pathlib.Path(odoo.__path__[0]).parent)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pg_port, http_port = free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "DUBAN_"))}
    env.update(
        DUBAN_LOCAL=str(tmp_path / "local"),
        DUBAN_VENV=str(python.parent.parent),
        DUBAN_PGPORT=str(pg_port),
        DUBAN_HTTP_PORT=str(http_port),
        ODOO_SRC=odoo_src,
    )
    url = f"http://127.0.0.1:{http_port}"
    pgdata = tmp_path / "local" / "pgdata"
    process = None
    try:
        process = serve_with_setup_run(env, tmp_path / "first.log", http_port)
        first = (tmp_path / "first.log").read_text()
        assert "Creating the database duban" in first
        assert f"duban is starting at {url}" in first and "officer" in first
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        admin_uid = common.authenticate("duban", "admin", "admin", {})
        models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
        installed = models.execute_kw(
            "duban", admin_uid, "admin", "ir.module.module", "search_count",
            [[("name", "in", ["duban_supervision", "duban_reports"]), ("state", "=", "installed")]],
        )  # fmt: skip
        assert installed == 2
        officer_uid = common.authenticate("duban", "officer", "officer", {})
        states = models.execute_kw(
            "duban",
            officer_uid,
            "officer",
            "duban.item",
            "search_read",
            [[]],
            {"fields": ["state"]},
        )
        assert {"draft", "issued", "in_progress", "done"} <= {row["state"] for row in states}

        press_ctrl_c(process)
        assert not (pgdata / "postmaster.pid").exists(), "Ctrl-C left the cluster running"
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{url}/web/login", timeout=5)

        process = serve_with_setup_run(env, tmp_path / "second.log", http_port, timeout=300)
        second = (tmp_path / "second.log").read_text()
        assert "Creating" not in second and "Preparing the virtualenv" not in second
        press_ctrl_c(process)
        assert not (pgdata / "postmaster.pid").exists()
    finally:
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        run_bash(
            "ensure_postgres >/dev/null 2>&1 && PG_STARTED_HERE=1 && stop_postgres_if_started",
            tmp_path,
            DUBAN_PGPORT=str(pg_port),
        )
        if pgdata.is_symlink():
            shutil.rmtree(pgdata.resolve().parent, ignore_errors=True)
