"""The setup scripts' own behaviour, checked without a network.

Each test sources ``setup/common.sh`` in a fresh bash with its state directory (``DUBAN_LOCAL``)
in a temporary folder, so nothing touches the project's own ``.local/`` or ``.venv/``.
"""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
