"""Odoo's command line, started from a real script file of the virtualenv (``.venv/bin/odoo``).

Why a script rather than ``python -m odoo``: in prefork mode Odoo's master spawns the gevent
(bus/websocket) process as ``[sys.executable, sys.argv[0], "gevent", ...]``. Under ``-m odoo``,
``sys.argv[0]`` is ``odoo/__main__.py``, which cannot run as a script ("attempted relative import
with no known parent package"): the child dies at once and the master respawns it in a loop.
From a script, ``sys.argv[0]`` is this launcher and the child starts like its parent.

``DUBAN_HTTP_LISTEN=host:port`` (set by ``setup/run --prod``) makes the launcher open Odoo's HTTP
socket itself with a listen backlog of ``DUBAN_HTTP_BACKLOG`` (default 1024) and hand it over by
socket activation (``LISTEN_FDS``/``LISTEN_PID``, which Odoo supports for systemd): Odoo's own
backlog of 8 connections per worker overflows during a login burst, and connections are dropped
instead of queued.
"""

import os
import socket
import sys
import warnings

SD_LISTEN_FDS_START = 3


def listening_socket(listen, backlog):
    host, _, port = listen.rpartition(":")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), int(port)))
    sock.listen(backlog)
    # as Odoo makes its own: its workers select() then accept(), which must never block
    sock.setblocking(False)
    return sock


def activate_http_socket(listen, backlog):
    """Put a listening socket at fd 3 for Odoo's socket activation, in this process only."""
    sock = listening_socket(listen, backlog)
    if sock.fileno() != SD_LISTEN_FDS_START:
        os.dup2(sock.fileno(), SD_LISTEN_FDS_START)
        sock.close()
    else:
        sock.detach()  # the descriptor outlives this socket object
    os.set_inheritable(SD_LISTEN_FDS_START, True)
    os.environ["LISTEN_FDS"] = "1"
    os.environ["LISTEN_PID"] = str(os.getpid())


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    listen = os.environ.get("DUBAN_HTTP_LISTEN")
    # the gevent child runs this launcher again: only the server master owns the HTTP socket
    if listen and (command in ("", "server") or command.startswith("-")):
        activate_http_socket(listen, int(os.environ.get("DUBAN_HTTP_BACKLOG") or 1024))
    # gevent 22.10 (Odoo's pin) still loads its plugins through pkg_resources
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import odoo.cli  # noqa: PLC0415 (after the socket, so that nothing else takes fd 3)

    odoo.cli.main()


if __name__ == "__main__":
    main()
