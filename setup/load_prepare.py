"""Prepare a database for the load test (``setup/load``): grow it with the bench's generator to
``--items`` supervision items, and give the people the load test logs in as a password (their
login), a few of each role. Run with the virtualenv's Python::

    python setup/load_prepare.py --config .local/odoo.conf --db duban --items 10000

Prints the logins as JSON on its last line. Made once: a second run only checks.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# how many people of each role the load test logs in as (each locust user is one person)
POOL = {"liaison": 30, "head": 10, "officer": 12, "leader": 5, "hr": 6}
BENCH_PREFIX = {"liaison": "bench_liaison_", "head": "bench_head_", "officer": "bench_officer_",
                "leader": "bench_leader_"}  # fmt: skip
MARK = "duban.load_logins"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/load_prepare")
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--offices", type=int, default=20)
    return parser.parse_args(argv)


def pool_logins(env):
    """The logins of each role, the bench's people first in unit order."""
    Users = env["res.users"]
    logins = {}
    for role, prefix in BENCH_PREFIX.items():
        users = Users.search([("login", "=like", f"{prefix}%")], order="login", limit=POOL[role])
        logins[role] = users.mapped("login")
    logins["hr"] = [f"bench_hr_{i:03d}" for i in range(POOL["hr"])]
    return logins


def ensure_hr_users(env, logins):
    """HR officers for the baseline on Odoo's own employees (hr.employee needs HR rights)."""
    Users = env["res.users"]
    missing = [login for login in logins if not Users.search_count([("login", "=", login)])]
    Users.create(
        [
            {
                "name": f"HR{login[-3:]}",
                "login": login,
                "group_ids": [(6, 0, [env.ref("hr.group_hr_user").id])],
            }
            for login in missing
        ]
    )


def main(argv=None):
    args = parse_args(argv)
    from bench import DataSet  # noqa: PLC0415

    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        data = DataSet(env, args.units, args.offices)
        have = env["duban.item"].search_count([])
        if have < args.items:
            print(f"Growing {args.db} from {have:,} to {args.items:,} items…", flush=True)
            data.ensure(
                args.items - have + env["duban.item"].search_count([("name", "=like", "BENCH-%")]),
                cr.commit,
            )
        env = api.Environment(cr, SUPERUSER_ID, {})
        logins = pool_logins(env)
        ensure_hr_users(env, logins["hr"])
        params = env["ir.config_parameter"]
        if params.get_param(MARK) != json.dumps(logins):
            everyone = [login for role in logins.values() for login in role]
            print(
                f"Setting the passwords of {len(everyone)} people (password = login)…", flush=True
            )
            for user in env["res.users"].search([("login", "in", everyone)]):
                user.password = user.login
            params.set_param(MARK, json.dumps(logins))
        cr.commit()
    print(json.dumps(logins))


if __name__ == "__main__":
    main()
