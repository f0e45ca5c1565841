"""duban's benchmark: a large organization's data, then the operations that must stay fast.

Run through ``setup/bench`` (which provisions Odoo and PostgreSQL first)::

    setup/bench --items 100000 [--repeat 3] [--db duban_bench] [--json bench.json]
    setup/bench --demo --db duban      # the pages only, on a database with the demo data


The data set is made once per database with batched ``create`` calls and grown when a later run
asks for more items. Each measure runs ``--repeat`` times inside a savepoint that is rolled
back, so that every run sees the same data; the median is reported.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

BATCH = 1000
LEADERS = 5
# share of items in each state: a year of work, most of it under way or done
STATES = [
    ("draft", 4),
    ("to_approve", 2),
    ("approved", 3),
    ("issued", 8),
    ("in_progress", 45),
    ("to_review", 6),
    ("done", 30),
    ("cancelled", 2),
]
ASSIGNMENT_STATE = {
    "issued": "to_sign",
    "in_progress": "in_progress",
    "to_review": "reported",
    "done": "done",
    "cancelled": "cancelled",
}
TOPICS = [
    "校园安全专项整治",
    "重点项目建设推进",
    "基层减负落实",
    "人才引进计划",
    "信访积案化解",
    "科研经费管理",
    "食品安全检查",
    "网络安全等级保护",
    "年度预算执行",
    "民生实事办理",
]
# the targets of the issue, per measure: (field of the result, limit)
TARGETS = {
    "cron": ("seconds", 60.0),
    "statistics": ("ratio", 3.0),
    "list_officer": ("seconds", 0.3),
    "list_liaison": ("seconds", 0.3),
    "search_officer": ("seconds", 0.3),
    "search_liaison": ("seconds", 0.3),
    "ledger_pdf": ("seconds", 15.0),
    "ledger_xlsx": ("seconds", 10.0),
    "page_item_list": ("seconds", 1.0),
    "page_item_form": ("seconds", 1.0),
    "page_assignment_list": ("seconds", 1.0),
    "page_assignment_form": ("seconds", 1.0),
}
# the pages a person opens, as the web client asks for them: (measure, model, view, role)
PAGES = (
    ("page_item_list", "duban.item", "duban_supervision.duban_item_view_list", "officer"),
    ("page_item_form", "duban.item", "duban_supervision.duban_item_view_form", "officer"),
    (
        "page_assignment_list",
        "duban.assignment",
        "duban_supervision.duban_assignment_view_list",
        "liaison",
    ),
    (
        "page_assignment_form",
        "duban.assignment",
        "duban_supervision.duban_assignment_view_form",
        "liaison",
    ),
)
# who opens them on the demo data (--demo)
DEMO_LOGINS = {"officer": "officer", "liaison": "liaison", "leader": "leader"}
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/bench", description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000, help="items in the data set")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (median)")
    parser.add_argument("--db", default="duban_bench", help="the benchmark's own database")
    parser.add_argument("--json", default="bench.json", help="where to write the figures")
    parser.add_argument("--config", required=True, help="the Odoo configuration file")
    parser.add_argument("--units", type=int, default=300, help="units handling the items")
    parser.add_argument("--offices", type=int, default=20, help="supervising offices")
    parser.add_argument("--only", help="comma-separated measures to run (default: all)")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--pdf-items", type=int, default=500)
    parser.add_argument("--xlsx-items", type=int, default=10_000)
    parser.add_argument("--issue-items", type=int, default=1000)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="measure the pages on an existing database with the demo data, adding nothing",
    )
    args = parser.parse_args(argv)
    if args.items < 100 or args.repeat < 1 or args.units < 2 or args.offices < 1:
        parser.error("--items ≥ 100, --repeat ≥ 1, --units ≥ 2 and --offices ≥ 1, please")
    return args


# ---- database --------------------------------------------------------------------------------


def ensure_database(args):
    """The benchmark's database with both addons, made with Odoo's own command when missing."""
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.service import db  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", args.config, "--log-level=warn"])
    if args.demo and not db.exp_db_exist(args.db):
        sys.exit(f"--demo measures an existing database: {args.db} does not exist")
    if not db.exp_db_exist(args.db):
        print(f"Creating the database {args.db} with both addons (no demo data)…", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                args.config,
                "-d",
                args.db,
                "-i",
                "duban_supervision,duban_reports",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
    return Registry(args.db)


# ---- data set --------------------------------------------------------------------------------


class DataSet:
    """Offices, units, people and items of a large organization, made in batches."""

    def __init__(self, env, units, offices):
        self.env = env(context=dict(env.context, **QUIET))
        self.unit_count, self.office_count = units, offices
        self.random = random.Random(20261124)
        self.today = date.today()

    def ensure(self, items, commit):
        if not self.env["hr.department"].search_count([("name", "=like", "BENCH-%")]):
            self._make_organization()
            commit()
        self._load_organization()
        have = self.env["duban.item"].search_count([("name", "=like", "BENCH-%")])
        started = time.perf_counter()
        for start in range(have, items, BATCH):
            self._make_items(start, min(BATCH, items - start))
            commit()
            done = min(start + BATCH, items)
            rate = (done - have) / (time.perf_counter() - started)
            print(f"\r  items {done:,}/{items:,} ({rate:,.0f}/s)", end="", flush=True)
        if items > have:
            print(flush=True)

    def _users(self, prefix, count, group):
        group_ids = [self.env.ref(group).id]
        return self.env["res.users"].create(
            [
                {
                    "name": f"{prefix}{i:03d}",
                    "login": f"bench_{prefix.lower()}_{i:03d}",
                    "group_ids": [(6, 0, group_ids)],
                    "duban_clearance": "secret" if prefix == "OFFICER" else "internal",
                }
                for i in range(count)
            ]
        )

    def _make_organization(self):
        print(
            f"Creating {self.office_count} offices, {self.unit_count} units and their people…",
            flush=True,
        )
        Department, Employee = self.env["hr.department"], self.env["hr.employee"]
        leaders = self._users("LEADER", LEADERS, "duban_supervision.group_duban_leader")
        officers = self._users(
            "OFFICER", self.office_count, "duban_supervision.group_duban_officer"
        )
        liaisons = self._users("LIAISON", self.unit_count, "duban_supervision.group_duban_liaison")
        heads = self._users("HEAD", self.unit_count, "duban_supervision.group_duban_liaison")
        offices = Department.create(
            [
                {
                    "name": f"BENCH-督查室{i:02d}",
                    "duban_is_office": True,
                    "duban_leader_id": leaders[i % LEADERS].id,
                }
                for i in range(self.office_count)
            ]
        )
        units = Department.create(
            [
                {"name": f"BENCH-单位{i:03d}", "duban_leader_id": leaders[i % LEADERS].id}
                for i in range(self.unit_count)
            ]
        )
        Employee.create(
            [
                {"name": user.name, "user_id": user.id, "department_id": office.id}
                for user, office in zip(officers, offices, strict=True)
            ]
            + [
                {"name": user.name, "user_id": user.id, "department_id": unit.id}
                for user, unit in zip(liaisons, units, strict=True)
            ]
        )
        managers = Employee.create(
            [
                {"name": user.name, "user_id": user.id, "department_id": unit.id}
                for user, unit in zip(heads, units, strict=True)
            ]
        )
        for unit, manager, liaison in zip(units, managers, liaisons, strict=True):
            unit.write({"manager_id": manager.id, "duban_liaison_id": liaison.id})
        self.env.company.duban_principal_id = leaders[0]

    def _load_organization(self):
        Department = self.env["hr.department"]
        self.offices = Department.search([("name", "=like", "BENCH-督查室%")], order="name")
        self.units = Department.search([("name", "=like", "BENCH-单位%")], order="name")
        self.officers = self.offices.member_ids.user_id.sorted("login")
        self.leaders = self.env["res.users"].search([("login", "=like", "bench_leader_%")])

    def _pick_state(self):
        return self.random.choices([s for s, _w in STATES], [w for _s, w in STATES])[0]

    def _item_vals(self, index):
        rnd, state = self.random, self._pick_state()
        office, lead = index % len(self.offices), rnd.randrange(len(self.units))
        # closed items span the year; open ones were registered in the last weeks
        age = {"done": 360, "cancelled": 360, "draft": 5, "to_approve": 5, "approved": 10}
        registered = self.today - timedelta(days=rnd.randint(0, age.get(state, 60)))
        deadline = registered + timedelta(days=rnd.randint(5, 90))
        vals = {
            "name": f"BENCH-{TOPICS[index % len(TOPICS)]}（第{index}项）",
            "kind": rnd.choice(["special", "decision"]),
            "source": "leader",
            "instructing_leader_id": self.leaders[index % LEADERS].id,
            "content": "<p>按要求推进落实，按期反馈办理情况。</p>",
            "office_id": self.offices[office].id,
            "user_id": self.officers[office].id,
            "approver_id": self.leaders[office % LEADERS].id,
            "lead_department_id": self.units[lead].id,
            "urgency": rnd.choice(["normal", "normal", "normal", "urgent", "very_urgent"]),
            "date_registered": registered,
            "date_deadline": deadline,
            "state": state,
        }
        if rnd.random() < 0.3:
            co_unit = self.units[(lead + rnd.randrange(1, len(self.units))) % len(self.units)]
            vals["co_department_ids"] = [(6, 0, [co_unit.id])]
        if state not in ("draft", "to_approve", "approved"):
            vals.update(number=f"〔B〕{index + 1}号", date_issued=registered + timedelta(days=1))
        if state == "done":
            # four in five closed on time
            late = rnd.random() < 0.2
            vals["date_done"] = deadline + timedelta(days=rnd.randint(1, 15) if late else -2)
        return vals

    def _make_items(self, start, count):
        env = self.env
        items = env["duban.item"].sudo().create([self._item_vals(start + i) for i in range(count)])
        issued = items.filtered(lambda i: i.state in ASSIGNMENT_STATE)
        # reports are written while the units are at work: states move on afterwards
        final_state = {}
        vals_list = []
        for item in issued:
            for vals in item._prepare_assignment_vals_list():
                state = ASSIGNMENT_STATE[item.state]
                final_state.setdefault(state, []).append(len(vals_list))
                at_work = "in_progress" if state in ("reported", "done") else state
                vals_list.append(dict(vals, state=at_work))
        assignments = env["duban.assignment"].sudo().create(vals_list)
        leads = assignments.filtered(lambda a: a.role == "lead")
        reported = leads.filtered(lambda a: a.item_id.state in ("to_review", "done"))
        env["duban.report"].sudo().create(
            [
                {
                    "assignment_id": lead.id,
                    "name": "办理情况报告",
                    "report_type": "completion",
                    "content": "<p>已按要求办结。</p>",
                }
                for lead in reported
            ]
        )
        for state in ("reported", "done"):
            moved = assignments.browse([assignments[i].id for i in final_state.get(state, [])])
            moved.sudo().write({"state": state})
        reports = reported.report_ids
        for state, item_state in (("submitted", "to_review"), ("accepted", "done")):
            reports.filtered(lambda r, s=item_state: r.item_id.state == s).sudo().write(
                {"state": state, "date_submitted": self.today}
            )
        urged = leads.filtered(lambda a: a.state == "in_progress" and a.date_deadline < self.today)
        env["duban.urge"].sudo().create(
            [
                {
                    "assignment_id": lead.id,
                    "method": "phone",
                    "date": lead.date_deadline + timedelta(days=1),
                    "content": "<p>请抓紧办理并反馈。</p>",
                    "state": "sent",
                }
                for lead in urged
            ]
        )
        # the activities the workflow keeps in the inboxes
        items._activity_sync()
        assignments._activity_sync()
        env.flush_all()
        env.invalidate_all()


# ---- measures --------------------------------------------------------------------------------


class Bench:
    def __init__(self, env, args):
        self.env, self.args = env, args
        self.results = {}
        self.manager = env.ref("base.user_admin")
        if args.demo:
            Users = env["res.users"]
            for role, login in DEMO_LOGINS.items():
                setattr(self, role, Users.search([("login", "=", login)]))
            return
        cr = env.cr
        self.officer = env["res.users"].search([("login", "=", "bench_officer_000")])
        # the liaison of the busiest unit
        cr.execute(
            "SELECT department_id FROM duban_assignment GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        )
        unit = env["hr.department"].browse(cr.fetchone()[0])
        self.liaison = unit.duban_liaison_id
        self.leader = env["res.users"].search([("login", "=", "bench_leader_000")])

    def run(self):
        self.measure_pages()
        if self.args.demo:
            return self.results
        self.measure("cron", self._cron)
        self.measure("statistics", self._statistics)
        self.measure("statistics_sql", self._statistics_sql)
        if "statistics" in self.results:
            duban, sql = self.results["statistics"], self.results["statistics_sql"]
            duban["ratio"] = round(duban["seconds"] / max(sql["seconds"], 1e-6), 2)
        for role in ("officer", "liaison"):
            user = getattr(self, role)
            self.measure(
                f"list_{role}",
                lambda u=user: self._list(u, [("state", "not in", ("done", "cancelled"))]),
            )
            self.measure(f"search_{role}", lambda u=user: self._list(u, self._filtered_search()))
        self.measure("cockpit_all", lambda: self._cockpit(self.manager))
        self.measure("cockpit_leader", lambda: self._cockpit(self.leader))
        self.measure("ledger_pdf", self._ledger_pdf)
        self.measure("ledger_xlsx", self._ledger_xlsx)
        self.measure("issue", self._issue)
        # a count of messages, the same on every run: one run of the working day is enough
        self.measure("pushes", self._pushes, repeat=1)
        return self.results

    def measure_pages(self):
        """Open the item and assignment lists and forms as their users do, each under 1 s."""
        for name, model, view_xmlid, role in PAGES:
            user = getattr(self, role)
            view = self.env.ref(view_xmlid)
            if name.endswith("_list"):
                self.measure(name, lambda m=model, v=view, u=user: self._page_list(m, v, u))
            else:
                record = self._record_to_open(model, user)
                self.measure(
                    name, lambda m=model, v=view, u=user, r=record: self._page_form(m, v, u, r)
                )

    def measure(self, name, function, repeat=None):
        """Run ``function`` --repeat times (or ``repeat``), each rolled back; keep the medians."""
        wanted = self.args.only and self.args.only.split(",")
        if (
            wanted
            and name not in wanted
            and not (name == "statistics_sql" and "statistics" in wanted)
        ):
            return
        runs = []
        for _run in range(repeat or self.args.repeat):
            cr = self.env.cr
            cr.execute("SAVEPOINT bench")
            self.env.invalidate_all()
            queries = cr.sql_log_count
            started = time.perf_counter()
            extra = function() or {}
            self.env.flush_all()
            elapsed, queries = time.perf_counter() - started, cr.sql_log_count - queries
            runs.append(dict(extra, seconds=elapsed, queries=queries))
            self.env.invalidate_all()
            cr.execute("ROLLBACK TO SAVEPOINT bench")
        result = {
            key: round(statistics.median(run[key] for run in runs), 4 if key == "seconds" else 1)
            for key in runs[0]
        }
        self.results[name] = result
        print(
            f"  {name:<20} {result['seconds']:>9.3f} s {result['queries']:>8.0f} queries",
            flush=True,
        )

    def _cron(self):
        Activity = self.env["mail.activity"].sudo()
        last_id = Activity.search([], order="id desc", limit=1).id or 0
        self.env["duban.assignment"]._cron_remind()
        self.env.flush_all()
        created = Activity.search([("id", ">", last_id)])
        return {"activities": len(created), "users": len(created.user_id)}

    def _statistics(self):
        Statistics = self.env["duban.statistics"].with_user(self.manager)
        figures = Statistics._figures_by(Statistics._period_domain())
        return {"groups": len(figures)}

    def _statistics_sql(self):
        self.env.cr.execute(
            """
            SELECT lead_department_id,
                   count(*),
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE closed_on_time),
                   count(*) FILTER (WHERE traffic_light = 'red'
                                       OR (state = 'done' AND NOT closed_on_time)),
                   count(*) FILTER (WHERE extended),
                   count(*) FILTER (WHERE urge_count > 0),
                   count(*) FILTER (WHERE risk_count > 0)
              FROM duban_item
             WHERE active AND company_id = %s
               AND state NOT IN ('draft', 'to_approve', 'approved')
               AND security_rank <= %s
             GROUP BY lead_department_id
            """,
            (self.env.company.id, self.manager.duban_clearance_rank),
        )
        return {"groups": len(self.env.cr.fetchall())}

    def _cockpit(self, user):
        """The leaders' cockpit as ``user`` opens it: every figure in one server call."""
        data = self.env["duban.cockpit"].with_user(user).get_cockpit_data()
        kpis = {kpi["key"]: kpi["value"] for kpi in data["kpis"]}
        return {"open": kpis["open"], "overdue": kpis["overdue"], "units": len(data["units"])}

    def _filtered_search(self):
        return [("name", "ilike", "安全"), ("traffic_light", "in", ("red", "yellow"))]

    def _list(self, user, domain):
        Item = self.env["duban.item"].with_user(user)
        result = Item.web_search_read(
            domain, self._list_specification(), limit=80, count_limit=10001
        )
        return {"records": result["length"]}

    def _list_specification(self):
        """The fields the web client reads for the item list, from the list view itself."""
        from lxml import etree  # noqa: PLC0415

        Item = self.env["duban.item"]
        arch = Item.get_view(self.env.ref("duban_supervision.duban_item_view_list").id)["arch"]
        spec = {}
        for node in etree.fromstring(arch).iter("field"):
            field = Item._fields[node.get("name")]
            spec[field.name] = (
                {"fields": {"display_name": {}}} if field.type in ("many2one", "many2many") else {}
            )
        return spec

    def _page_list(self, model, view, user):
        """The first page of a list: the view's fields, read with its default order, counted."""
        Model = self.env[model].with_user(user)
        spec = self._view_specification(Model, view)
        result = Model.web_search_read(
            [("state", "not in", ("done", "cancelled"))], spec, limit=80, count_limit=10001
        )
        return {"records": result["length"]}

    def _page_form(self, model, view, user, record):
        """A form opened on a record: every field of the view, its sub-lists' fields included."""
        Model = self.env[model].with_user(user)
        values = Model.browse(record.id).web_read(self._view_specification(Model, view))
        return {"fields": len(values[0])}

    def _record_to_open(self, model, user):
        """An open record the user may read, as they would find it first in their list."""
        return (
            self.env[model]
            .with_user(user)
            .search([("state", "not in", ("done", "cancelled"))], limit=1)
        )

    def _view_specification(self, Model, view):
        """What the web client reads for ``view``: each field of the view as the user's groups
        show it, the display name of each relation, and the fields of each sub-list."""
        from lxml import etree  # noqa: PLC0415

        arch = etree.fromstring(Model.get_view(view.id)["arch"])
        return self._fields_specification(Model, arch)

    def _fields_specification(self, Model, node):
        spec = {}
        for child in node.iterchildren():
            if not isinstance(child.tag, str):
                continue
            if child.tag != "field":
                spec.update(self._fields_specification(Model, child))
                continue
            field = Model._fields[child.get("name")]
            if field.type == "many2one":
                spec[field.name] = {"fields": {"display_name": {}}}
            elif field.type in ("one2many", "many2many"):
                subview = child.find("list")
                sub = (
                    self._fields_specification(self.env[field.comodel_name], subview)
                    if subview is not None
                    else {"display_name": {}}
                )
                spec[field.name] = {"fields": sub}
            else:
                spec[field.name] = {}
        return spec

    def _sample_items(self, count):
        return self.env["duban.item"].search([("state", "=", "in_progress")], limit=count)

    def _ledger_pdf(self):
        items = self._sample_items(self.args.pdf_items)
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _kind = (
            env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_pdf("duban_reports.action_report_duban_ledger", items.ids)
        )
        return {"rows": len(items), "bytes": len(pdf)}

    def _ledger_xlsx(self):
        items = (
            self.env["duban.item"].with_user(self.manager).search([], limit=self.args.xlsx_items)
        )
        data = self.env["duban.ledger.wizard"].with_user(self.manager)._build_workbook(items)
        return {"rows": len(items), "bytes": len(data)}

    def _issue(self):
        office = self.officer.employee_ids.department_id
        items = self.env["duban.item"].search(
            [("state", "=", "approved"), ("office_id", "=", office.id)], limit=self.args.issue_items
        )
        if len(items) < self.args.issue_items:
            # gather approved items from every office under this officer
            items = self.env["duban.item"].search(
                [("state", "=", "approved")], limit=self.args.issue_items
            )
            items.sudo().write({"office_id": office.id, "user_id": self.officer.id})
        items.with_user(self.officer).action_issue()
        return {"items": len(items)}

    def _pushes(self):
        """A working day of reminders on a WeCom channel reaching everyone: the messages each
        person would get with one push per event, and the messages the reminder budget sends.

        The night's reminder cron, then the day's issues in three rounds (9:00, 11:00, 15:00),
        the dispatcher running after each; nothing is sent (the channel points nowhere).
        """
        import pytz  # noqa: PLC0415

        env = self.env
        env["duban.channel"].create(
            {
                "name": "bench",
                "kind": "wecom_app",
                "corp_id": "bench",
                "agent_id": "1",
                "secret": "bench",
                "base_url": "http://127.0.0.1:9",
                "default_group_ids": [(6, 0, env.ref("duban_supervision.group_duban_liaison").ids)],
            }
        )
        day = env["duban.calendar"].add_workdays(date.today(), 1)
        beijing = pytz.timezone("Asia/Shanghai")

        def at(hour, minute=0):
            moment = beijing.localize(datetime(day.year, day.month, day.day, hour, minute))
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        Notice = env["duban.notice"]
        env["duban.assignment"]._cron_remind()
        dispatching, dispatch_queries = time.perf_counter(), env.cr.sql_log_count
        Notice._dispatch(at(8, 30))
        dispatching = time.perf_counter() - dispatching
        dispatch_queries = env.cr.sql_log_count - dispatch_queries
        approved = env["duban.item"].search(
            [("state", "=", "approved")], limit=self.args.issue_items
        )
        rounds = ((9, approved[0::3]), (11, approved[1::3]), (15, approved[2::3]))
        for hour, items in rounds:
            for office_items in items.grouped("office_id").values():
                officer = office_items[0].user_id
                office_items.with_user(officer).action_issue()
            started, queries = time.perf_counter(), env.cr.sql_log_count
            Notice._dispatch(at(hour, 10))
            dispatching += time.perf_counter() - started
            dispatch_queries += env.cr.sql_log_count - queries
        env.flush_all()
        env.cr.execute(
            "SELECT user_id, count(*) FROM duban_notice WHERE state != 'dropped' GROUP BY 1"
        )
        events = dict(env.cr.fetchall())
        env.cr.execute("SELECT user_id, count(*) FROM duban_push GROUP BY 1")
        pushes = dict(env.cr.fetchall())
        people = len(events) or 1
        return {
            "people": len(events),
            "before_mean": round(sum(events.values()) / people, 2),
            "before_max": max(events.values(), default=0),
            "after_mean": round(sum(pushes.values()) / people, 2),
            "after_max": max(pushes.values(), default=0),
            "waiting": Notice.search_count([("state", "=", "pending")]),
            # the reminder budget's own share of the day: its four dispatches
            "dispatch_seconds": dispatching,
            "dispatch_queries": dispatch_queries,
        }


def print_table(results, items):
    print()
    print(f"duban benchmark — {items:,} items, medians")
    print(f"{'measure':<20} {'seconds':>9} {'queries':>8}  {'other':<28} target")
    for name, result in results.items():
        other = ", ".join(f"{k}={v}" for k, v in result.items() if k not in ("seconds", "queries"))
        target = ""
        if name in TARGETS:
            key, limit = TARGETS[name]
            verdict = "ok" if result[key] <= limit else "MISSED"
            target = f"{key} ≤ {limit:g}: {verdict}"
        seconds, queries = result["seconds"], result["queries"]
        print(f"{name:<20} {seconds:>9.3f} {queries:>8.0f}  {other:<28} {target}")


def main(argv=None):
    args = parse_args(argv)
    registry = ensure_database(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.demo:
            args.items = env["duban.item"].search_count([])
        else:
            DataSet(env, args.units, args.offices).ensure(args.items, cr.commit)
            env.cr.commit()
        print("Measuring…", flush=True)
        results = Bench(api.Environment(cr, SUPERUSER_ID, {}), args).run()
        cr.rollback()
    print_table(results, args.items)
    document = {
        "items": args.items,
        "repeat": args.repeat,
        "date": date.today().isoformat(),
        "results": results,
        "targets": {name: {"field": key, "limit": limit} for name, (key, limit) in TARGETS.items()},
    }
    Path(args.json).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"Figures written to {args.json}")
    if args.drop:
        drop_database(args.db)
    slow = [name for name, *_page in PAGES if missed(results, name)]
    if slow:
        sys.exit(f"Pages slower than their target: {', '.join(slow)}")


def missed(results, name):
    """Whether the measure ``name`` was taken and missed its target."""
    key, limit = TARGETS[name]
    return name in results and results[name][key] > limit


def drop_database(name):
    from odoo import sql_db  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import SQL  # noqa: PLC0415

    Registry.delete(name)
    sql_db.close_db(name)
    with sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE %s WITH (FORCE)", SQL.identifier(name)))


if __name__ == "__main__":
    main()
