"""Fixtures shared by the project tests."""

import pytest

from odoo_server import OdooServer


@pytest.fixture(scope="module")
def server():
    """A real Odoo server on the test database, one per test module."""
    server = OdooServer().start()
    yield server
    server.stop()
