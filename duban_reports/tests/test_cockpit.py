from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

from odoo.addons.duban_supervision.tests.common import DubanCase, DubanTourCase

TODAY = "2026-07-06"


def archive_other_items(env):
    """Items already in the database (demo data) out of sight: the figures count the test's."""
    env.cr.execute(SQL("UPDATE duban_item SET active = FALSE WHERE active"))
    env.invalidate_all()


@tagged("post_install", "-at_install")
class TestCockpitFigures(DubanCase):
    """The cockpit's figures on nine items whose every figure is known."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        archive_other_items(cls.env)
        with freeze_time(TODAY):
            cls.items = {
                # key: (lead unit, state, issued, time limit, closed, office)
                key: cls._make_item(key, *spec)
                for key, spec in {
                    "red": (cls.unit, "in_progress", "2026-05-04", "2026-06-30", None),
                    "yellow": (cls.unit, "in_progress", "2026-06-02", "2026-07-07", None),
                    "green": (cls.co_unit, "issued", "2026-06-02", "2026-08-31", None),
                    "on_time": (cls.co_unit, "done", "2026-06-02", "2026-06-30", "2026-06-20"),
                    "late": (cls.unit, "done", "2026-06-02", "2026-06-30", "2026-07-03"),
                    "last_year": (cls.co_unit, "done", "2025-11-03", "2025-12-31", "2025-12-10"),
                    "hidden": (cls.other_unit, "in_progress", "2026-06-02", "2026-06-15", None),
                    "draft": (cls.unit, "draft", None, "2026-06-30", None),
                    "cancelled": (cls.unit, "cancelled", "2026-06-02", "2026-06-30", None),
                }.items()
            }
            cls.items["hidden"].office_id = cls.other_office
            # one notice waiting for the leader's signature: the leader's own to-do
            cls.to_sign = cls.env["duban.item"].with_user(cls.officer).create(cls._item_vals(cls))
            cls.to_sign.action_submit()
            cls.env["duban.item"]._refresh_traffic_lights()

    @classmethod
    def _make_item(cls, key, unit, state, issued, deadline, done):
        return (
            cls.env["duban.item"]
            .sudo()
            .create(
                {
                    "name": f"驾驶舱事项{key}",
                    "kind": "special",
                    "source": "superior",
                    "office_id": cls.office.id,
                    "lead_department_id": unit.id,
                    "state": state,
                    "number": issued and f"〔2026〕C{key}号",
                    "date_registered": issued or "2026-06-01",
                    "date_issued": issued,
                    "date_deadline": deadline,
                    "date_done": done,
                }
            )
        )

    def _data(self, user):
        with freeze_time(TODAY):
            return self.env["duban.cockpit"].with_user(user).get_cockpit_data()

    def _kpis(self, data):
        return {kpi["key"]: kpi["value"] for kpi in data["kpis"]}

    def _items_behind(self, user, domain):
        names = self.env["duban.item"].with_user(user).search(domain).mapped("name")
        return {name.removeprefix("驾驶舱事项") for name in names}

    def test_principal_figures(self):
        """The principal sees every item: in progress, overdue, yellow, closed this year, rate."""
        data = self._data(self.principal)
        self.assertEqual(
            self._kpis(data),
            {"open": 4, "overdue": 2, "yellow": 1, "closed": 2, "rate": 50.0, "todo": 0},
        )
        self.assertEqual(data["year"], 2026)

    def test_each_tile_opens_the_items_behind_its_figure(self):
        """Each tile's domain finds exactly the items its figure counts."""
        with freeze_time(TODAY):
            tiles = {kpi["key"]: kpi for kpi in self._data(self.principal)["kpis"]}
            expected = {
                "open": {"red", "yellow", "green", "hidden"},
                "overdue": {"red", "hidden"},
                "yellow": {"yellow"},
                "closed": {"on_time", "late"},
                "rate": {"on_time", "late"},
            }
            for key, names in expected.items():
                self.assertEqual(
                    self._items_behind(self.principal, tiles[key]["domain"]), names, key
                )
            self.assertEqual(tiles["rate"]["group_by"], ["closed_on_time"])

    def test_leader_sees_only_the_items_the_rules_allow(self):
        """The leader in charge counts neither another office's item nor its unit."""
        data = self._data(self.leader)
        self.assertEqual(
            self._kpis(data),
            {"open": 3, "overdue": 1, "yellow": 1, "closed": 2, "rate": 50.0, "todo": 1},
        )
        self.assertNotIn(self.other_unit.id, [unit["id"] for unit in data["units"]])
        self.assertEqual([item["id"] for item in data["overdue_items"]], self.items["red"].ids)
        todo = next(kpi for kpi in data["kpis"] if kpi["key"] == "todo")
        self.assertEqual(
            self.env["duban.item"].with_user(self.leader).search(todo["domain"]), self.to_sign
        )

    def test_units(self):
        """By unit: open and overdue items and the on-time rate, the most overdue first."""
        units = self._data(self.principal)["units"]
        self.assertEqual(
            [(unit["name"], unit["open"], unit["overdue"], unit["rate"]) for unit in units],
            [("主办科", 2, 1, 0.0), ("无关科", 1, 1, None), ("协办科", 1, 0, 100.0)],
        )
        self.assertEqual(self._items_behind(self.principal, units[0]["domain"]), {"red", "yellow"})

    def test_trend_by_month(self):
        """Twelve months to this one, with the items issued, closed and closed on time in each."""
        trend = self._data(self.principal)["trend"]
        self.assertEqual(len(trend), 12)
        self.assertEqual((trend[0]["month"], trend[-1]["month"]), ("2025-08", "2026-07"))
        busy = {
            month["month"]: (month["issued"], month["closed"], month["on_time"])
            for month in trend
            if month["issued"] or month["closed"]
        }
        self.assertEqual(
            busy,
            {
                "2025-11": (1, 0, 0),
                "2025-12": (0, 1, 1),
                "2026-05": (1, 0, 0),
                "2026-06": (6, 1, 1),
                "2026-07": (0, 1, 0),
            },
        )

    def test_most_overdue_items(self):
        """The overdue items, longest overdue first, with working days overdue and their unit."""
        rows = self._data(self.principal)["overdue_items"]
        self.assertEqual(
            [(row["name"], row["unit"], row["days"]) for row in rows],
            [
                # 15 June to 6 July: 15 working days, the Dragon Boat Festival (19 June) off
                ("〔2026〕Chidden号 驾驶舱事项hidden", "无关科", 14),
                ("〔2026〕Cred号 驾驶舱事项red", "主办科", 4),
            ],
        )

    def test_ten_most_overdue_only(self):
        """However many items are overdue, the ten longest overdue are listed."""
        with freeze_time(TODAY):
            for day in range(12):
                self._make_item(
                    f"old{day}",
                    self.unit,
                    "in_progress",
                    "2026-01-05",
                    f"2026-03-{day + 2:02d}",
                    None,
                )
        rows = self._data(self.principal)["overdue_items"]
        self.assertEqual(len(rows), 10)
        self.assertEqual(rows[0]["name"], "〔2026〕Cold0号 驾驶舱事项old0")
        self.assertEqual(
            [row["days"] for row in rows], sorted((row["days"] for row in rows), reverse=True)
        )

    def test_liaison_cannot_open_the_cockpit(self):
        """A unit's liaison and head are refused, in Chinese, and the menu is not theirs."""
        for user in (self.liaison, self.head):
            with self.assertRaisesRegex(AccessError, "只有领导和督办办公室"):
                self.env["duban.cockpit"].with_user(user).with_context(
                    lang="zh_CN"
                ).get_cockpit_data()
        menu = self.env.ref("duban_reports.duban_cockpit_menu")
        visible = self.env["ir.ui.menu"].with_user(self.liaison)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.leader)._visible_menu_ids())
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids())

    def test_office_sees_its_own_office(self):
        """The office's officer reads the cockpit too, over the items of its office."""
        kpis = self._kpis(self._data(self.officer))
        self.assertEqual((kpis["open"], kpis["overdue"]), (3, 1))

    def test_query_count_does_not_grow_with_items(self):
        """The whole cockpit costs a fixed number of queries, for nine items or forty more."""
        cockpit = self.env["duban.cockpit"].with_user(self.principal)
        with freeze_time(TODAY):
            cockpit.get_cockpit_data()  # warm the calendar and the rules' caches
            self.env.invalidate_all()
            with self.assertQueryCount(11):
                cockpit.get_cockpit_data()
            units = (self.unit, self.co_unit, self.other_unit, self.sub_unit)
            for index in range(40):
                deadline = date(2026, 6, 1) + timedelta(days=index)
                done = fields.Date.to_string(deadline) if index % 3 == 0 else None
                self._make_item(
                    f"more{index}",
                    units[index % 4],
                    "done" if done else "in_progress",
                    "2026-05-04",
                    fields.Date.to_string(deadline),
                    done,
                )
            self.env["duban.item"]._refresh_traffic_lights()
            self.env.invalidate_all()
            with self.assertQueryCount(11):
                data = cockpit.get_cockpit_data()
        self.assertEqual(self._kpis(data)["open"], 4 + 26)


@tagged("post_install", "-at_install")
class TestCockpitTour(DubanTourCase):
    """Leaders open the cockpit in Chinese and click a figure through to its items."""

    _translated_modules = ("duban_supervision", "duban_reports")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.principal.lang = "zh_CN"
        archive_other_items(cls.env)

    def test_leader_and_principal_click_through(self):
        """From login (their home is the cockpit), the leader in charge and the principal leader
        open 已逾期 and find the overdue item, in three clicks."""
        today = fields.Date.context_today(self.env["duban.item"])
        for name, days in (("驾驶舱逾期事项", -10), ("驾驶舱按期事项", 30)):
            self._issued_item(
                name=name,
                date_registered=today - timedelta(days=40),
                date_deadline=today + timedelta(days=days),
            )
        for user in (self.leader, self.principal):
            with self.subTest(user=user.login):
                self.start_tour(
                    "/odoo",
                    "duban_cockpit_tour",
                    login=user.login,
                    timeout=120,
                )


@tagged("post_install", "-at_install")
class TestCockpitPhoneTour(TestCockpitTour):
    """The same on a 390 px wide phone."""

    browser_size = "390x844"
    touch_enabled = True
