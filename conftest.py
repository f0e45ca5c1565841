"""What one pytest run of the whole project (``setup/test``) must also show and refuse.

The addons' Odoo tests (pytest-odoo) and the project tests under ``tests/`` run in one session, so
that the run ends with pytest's own summary line. Before it, a line counts the Odoo tests and the
project tests apart; a skipped test fails the run (a skipped test is not a passing one, and Odoo
skips its browser tests with a mere warning when Chromium or websocket-client is missing), and
with ``--duban-complete`` so does a run in which no Odoo test ran.
"""

import pytest

ADDON_DIRS = ("duban_supervision/", "duban_reports/")


def pytest_addoption(parser):
    parser.addoption(
        "--duban-complete",
        action="store_true",
        help="fail unless the addons' Odoo tests ran (setup/test passes it)",
    )


def pytest_configure(config):
    config.pluginmanager.register(DubanRunCheck(config), "duban_run_check")


class DubanRunCheck:
    def __init__(self, config):
        self.require_odoo_tests = config.getoption("--duban-complete")
        self.ran = {"odoo": 0, "project": 0}
        self.skipped = []

    def pytest_runtest_logreport(self, report):
        if report.skipped:
            self.skipped.append(report.nodeid)
        elif report.when == "call":
            self.ran["odoo" if report.nodeid.startswith(ADDON_DIRS) else "project"] += 1

    def problems(self):
        found = []
        if self.skipped:
            found.append(
                f"{len(self.skipped)} test(s) skipped, and a skipped test is not a passing one: "
                + ", ".join(self.skipped[:5])
            )
        if self.require_odoo_tests and not self.ran["odoo"]:
            found.append("no Odoo test ran")
        return found

    def pytest_sessionfinish(self, session):
        if self.problems() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_sep("-", "duban")
        terminalreporter.write_line(
            f"Odoo tests: {self.ran['odoo']}, project tests: {self.ran['project']}"
        )
        for problem in self.problems():
            terminalreporter.write_line(f"ERROR: {problem}", red=True, bold=True)
