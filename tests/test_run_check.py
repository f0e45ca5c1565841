"""The checks conftest.py adds to the test command's single pytest run, tried on small suites.

Each suite is a temporary folder with the project's conftest.py and a few tests laid out as the
project lays them out, run by a separate pytest (without pytest-odoo).
"""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PASSING = "def test_passes():\n    assert 1 + 1 == 2\n"
SKIPPED = "import pytest\n\n\ndef test_skips():\n    pytest.skip('Chromium is missing')\n"


def run_suite(tmp_path, files, *args):
    shutil.copy(REPO / "conftest.py", tmp_path / "conftest.py")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:odoo", "-p", "no:cacheprovider", "-q", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout.strip().splitlines()


def test_counts_apart_and_ends_with_pytests_summary(tmp_path):
    code, lines = run_suite(
        tmp_path,
        {
            "duban_supervision/tests/test_a.py": PASSING,
            "duban_reports/tests/test_b.py": PASSING,
            "tests/test_c.py": PASSING,
        },
        "--duban-complete",
    )
    assert code == 0, lines
    assert "Odoo tests: 2, project tests: 1" in lines
    assert lines[-1].startswith("3 passed in "), lines[-1]


def test_a_skipped_test_fails_the_run(tmp_path):
    code, lines = run_suite(
        tmp_path,
        {"duban_reports/tests/test_browser.py": SKIPPED, "tests/test_c.py": PASSING},
    )
    assert code == 1, lines
    assert any(line.startswith("ERROR: 1 test(s) skipped") for line in lines), lines
    assert "test_browser.py::test_skips" in "\n".join(lines)
    assert lines[-1].startswith("1 passed, 1 skipped in "), lines[-1]


def test_no_odoo_test_fails_the_complete_run(tmp_path):
    files = {"tests/test_c.py": PASSING}
    code, lines = run_suite(tmp_path, files, "--duban-complete")
    assert code == 1, lines
    assert "ERROR: no Odoo test ran" in lines
    # the project tests alone, as a developer runs them, pass
    code, lines = run_suite(tmp_path, files)
    assert code == 0, lines
