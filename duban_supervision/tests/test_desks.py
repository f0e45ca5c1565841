from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DubanCase

DEMO_LOGINS = (
    "admin",
    "principal",
    "leader",
    "officer",
    "officer_all",
    "head",
    "liaison",
    "safety_head",
    "safety",
)
# what a reason dialog is given when a button opens one
REASON = "测试理由"


@tagged("post_install", "-at_install")
class TestHomeActions(DubanCase):
    def test_each_role_lands_on_its_desk(self):
        """A new user's home is the desk of their supervision role; others keep Odoo's."""
        my_desk = self.env.ref("duban_supervision.duban_item_action_my")
        self.assertEqual(self.liaison.action_id.id, my_desk.id)
        self.assertEqual(self.head.action_id.id, my_desk.id)
        for user in (self.officer, self.leader, self.principal):
            self.assertTrue(user.action_id)
            self.assertEqual(user.action_id.id, user._duban_home_action().id)
            self.assertNotEqual(user.action_id.id, my_desk.id)
        plain = self.env["res.users"].create({"name": "无关用户", "login": "t_plain"})
        self.assertFalse(plain.action_id)

    def test_home_follows_a_role_given_later(self):
        """A user given a supervision role after creation lands on its desk."""
        user = self.env["res.users"].create({"name": "后加联络人", "login": "t_later"})
        user.group_ids = [(4, self.env.ref("duban_supervision.group_duban_liaison").id)]
        self.assertEqual(
            user.action_id.id, self.env.ref("duban_supervision.duban_item_action_my").id
        )

    def test_demo_users_land_on_their_desks(self):
        """The demo liaison and head land on 我的督办, the office and leaders elsewhere."""
        my_desk = self.env.ref("duban_supervision.duban_item_action_my")
        users_by_login = {
            u.login: u for u in self.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        }
        for login in ("liaison", "head", "safety", "safety_head"):
            self.assertEqual(users_by_login[login].action_id.id, my_desk.id, login)
        for login in ("officer", "officer_all", "leader", "principal"):
            home = users_by_login[login].action_id
            self.assertTrue(home, login)
            self.assertEqual(home.id, users_by_login[login]._duban_home_action().id, login)

    def test_demo_users_get_the_inbox(self):
        """Every demo login is told of new work in Odoo's inbox, not only by e-mail."""
        users = self.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        self.assertEqual(len(users), len(DEMO_LOGINS))
        inbox_group = self.env.ref("mail.group_mail_notification_type_inbox")
        for user in users:
            self.assertEqual(user.notification_type, "inbox", user.login)
            self.assertIn(inbox_group, user.group_ids, user.login)

    def test_new_users_with_a_role_default_to_the_inbox(self):
        """A supervision role makes Odoo's inbox the default; a choice made is kept."""
        Users = self.env["res.users"]
        liaison_group = self.env.ref("duban_supervision.group_duban_liaison")
        leader_group = self.env.ref("duban_supervision.group_duban_leader")
        created = Users.create(
            [
                {"name": "新联络人", "login": "t_new_liaison", "group_ids": liaison_group.ids},
                {"name": "新领导", "login": "t_new_leader", "group_ids": leader_group.ids},
                {
                    "name": "选邮件者",
                    "login": "t_by_mail",
                    "group_ids": liaison_group.ids,
                    "notification_type": "email",
                },
                {"name": "无关用户", "login": "t_unrelated"},
            ]
        )
        self.assertEqual(created.mapped("notification_type"), ["inbox", "inbox", "email", "email"])
        # a role given later makes the inbox the default too
        later = created[3]
        later.group_ids = [(4, liaison_group.id)]
        self.assertEqual(later.notification_type, "inbox")
        # who switches back to e-mail keeps it when given another supervision role
        later.notification_type = "email"
        later.group_ids = [(4, leader_group.id)]
        self.assertEqual(later.notification_type, "email")
        # the issue's message then reaches the new liaison's inbox
        self.assertEqual(self.liaison.notification_type, "inbox")

    def _visible_menu_xmlids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return [menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)]

    def test_menus_follow_the_role(self):
        """A liaison sees 我的督办, items and reports, not the office's menus."""
        menus = self._visible_menu_xmlids(self.liaison)
        self.assertIn("duban_supervision.duban_my_menu", menus)
        self.assertIn("duban_supervision.duban_item_menu", menus)
        self.assertIn("duban_supervision.duban_report_menu", menus)
        for hidden in (
            "duban_supervision.duban_config_menu",
            "duban_supervision.duban_routing_rule_menu",
            "duban_supervision.duban_urge_menu",
            "duban_supervision.duban_accountability_menu",
        ):
            self.assertNotIn(hidden, menus)
        office_menus = self._visible_menu_xmlids(self.officer)
        self.assertIn("duban_supervision.duban_urge_menu", office_menus)
        self.assertNotIn("duban_supervision.duban_routing_rule_menu", office_menus)


@tagged("post_install", "-at_install")
class TestActWhereTheWorkIs(DubanCase):
    def test_sign_for_from_the_item(self):
        """A unit with a pending share signs for it from the item itself; others cannot."""
        item = self._issued_item()
        as_liaison = item.with_user(self.liaison)
        self.assertTrue(as_liaison.can_sign_for)
        self.assertTrue(item.with_user(self.co_liaison).can_sign_for)
        self.assertFalse(item.with_user(self.officer).can_sign_for)
        as_liaison.action_sign_for()
        self.assertEqual(self._lead(item).state, "in_progress")
        self.assertEqual(self._lead(item).signed_by_id, self.liaison)
        self.assertEqual(self._co(item).state, "to_sign")
        self.assertEqual(item.state, "in_progress")
        item.invalidate_recordset()
        self.assertFalse(as_liaison.can_sign_for)
        with self.assertRaisesRegex(UserError, "Nothing of"):
            as_liaison.action_sign_for()

    def test_outsider_cannot_sign_for(self):
        """A unit that has no share of the item is refused, with a clear message."""
        item = self._issued_item()
        with self.assertRaises(UserError):
            item.with_user(self.officer).action_sign_for()
        self.assertEqual(self._lead(item).state, "to_sign")

    def test_return_from_the_item(self):
        """The unit returns its share from the item with a reason (退回)."""
        item = self._issued_item()
        action = item.with_user(self.co_liaison).action_object()
        self.assertEqual(action["res_model"], "duban.reason.wizard")
        self._confirm_reason(self.co_liaison, action, "不属于本科职责")
        self.assertEqual(self._co(item).state, "returned")
        self.assertEqual(self._co(item).objection_reason, "不属于本科职责")
        self.assertEqual(self._lead(item).state, "to_sign")

    def test_return_only_within_the_window(self):
        """After the objection window the return button is gone and the action refused."""
        item = self._issued_item()
        late = self.env["duban.calendar"].add_workdays(item.date_issued, 3)
        with freeze_time(late):
            item.invalidate_recordset()
            as_liaison = item.with_user(self.liaison)
            self.assertTrue(as_liaison.can_sign_for)
            self.assertFalse(as_liaison.can_object)
            with self.assertRaises(UserError):
                as_liaison.action_object()

    def test_assignment_shows_what_the_item_asks(self):
        """The assignment form carries the item's number, content, measures and instructions."""
        item = self._issued_item(measures="逐校排查")
        self.env["ir.attachment"].create(
            {"name": "通知.pdf", "raw": b"%PDF-1.4", "res_model": "duban.item", "res_id": item.id}
        )
        lead = self._lead(item).with_user(self.liaison)
        self.assertEqual(lead.item_number, item.number)
        self.assertIn("全面排查校园安全隐患", lead.item_content)
        self.assertEqual(lead.item_measures, "逐校排查")
        self.assertEqual(lead.item_attachment_ids.mapped("name"), ["通知.pdf"])
        self.assertTrue(lead.can_act)
        self.assertFalse(lead.can_office)
        self.assertTrue(self._lead(item).with_user(self.officer).can_office)

    def test_my_supervision_lists_work_to_sign_for(self):
        """我的督办 shows the liaison the item to sign for, with its row buttons."""
        item = self._issued_item()
        found = self.env["duban.item"].with_user(self.liaison).search([("my_todo", "=", True)])
        self.assertIn(item, found)
        action = self.env.ref("duban_supervision.duban_item_action_my")
        list_view = action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        arch = (
            self.env["duban.item"]
            .with_user(self.liaison)
            .get_views([(list_view.id, "list")])["views"]["list"]["arch"]
        )
        self.assertIn('name="action_sign_for"', arch)
        self.assertIn('name="action_object"', arch)


@tagged("post_install", "-at_install")
class TestNoticedTheSameDay(DubanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))
        (cls.liaison | cls.co_liaison).notification_type = "inbox"

    def _inbox_of(self, user):
        return self.env["mail.notification"].search(
            [("res_partner_id", "=", user.partner_id.id), ("notification_type", "=", "inbox")]
        )

    @freeze_time("2026-03-04")
    def test_issue_reaches_each_liaison_today(self):
        """Issuing gives each liaison an activity due today and a message in their inbox."""
        item = self._issued_item(date_registered=date(2026, 3, 2))
        self._after_commit()  # the inbox messages are written once the issue is committed
        for assignment, liaison in (
            (self._lead(item), self.liaison),
            (self._co(item), self.co_liaison),
        ):
            activity = assignment.activity_ids.filtered(lambda a, u=liaison: a.user_id == u)
            self.assertEqual(activity.date_deadline, date(2026, 3, 4))
            inbox = self._inbox_of(liaison).mail_message_id
            self.assertTrue(
                inbox.filtered(
                    lambda m, a=assignment: m.model == "duban.assignment" and m.res_id == a.id
                ),
                liaison.name,
            )
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.liaison)
            .search_count(
                [("user_id", "=", self.liaison.id), ("date_deadline", "=", date(2026, 3, 4))]
            ),
            1,
        )

    def test_decided_extension_notifies_the_unit(self):
        """A decided change request reaches the liaison who asked in their inbox."""
        item = self._issued_item()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        request = (
            self.env["duban.extension"]
            .with_user(self.liaison)
            .create(
                {
                    "item_id": item.id,
                    "assignment_id": lead.id,
                    "request_type": "extend",
                    "reason": "需要更多时间",
                    "date_deadline_new": date(2026, 4, 30),
                }
            )
        )
        request.action_submit()
        before = self._inbox_of(self.liaison)
        request.with_user(self.principal).action_approve()
        new = self._inbox_of(self.liaison) - before
        self.assertEqual(new.mail_message_id.model, "duban.extension")


@tagged("post_install", "-at_install")
class TestButtonsOnlyForThoseWhoMayPress(DubanCase):
    """Every demo user, every menu they see, every visible button on every record they open."""

    def _visible_menus_actions(self, user):
        loaded = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        menus = self.env["ir.ui.menu"].browse(
            [menu["id"] for menu in loaded.values() if isinstance(menu, dict) and menu.get("id")]
        )
        return [
            menu.action
            for menu in menus.filtered("action")
            if menu.action._name == "ir.actions.act_window"
            and (menu.action.res_model or "").startswith("duban.")
        ]

    def _eval_invisible(self, expression, record, fields):
        values = {"id": record.id, "uid": record.env.uid, "context": {}}
        for name in fields:
            value = record[name]
            field = record._fields[name]
            if field.type == "many2one":
                value = value.id
            elif field.type in ("one2many", "many2many"):
                value = value.ids
            values[name] = value
        return bool(safe_eval(expression, values))

    def _visible_buttons(self, record):
        """The object buttons of the user's form that are not invisible on ``record``."""
        form = record.get_views([(False, "form")])["views"]["form"]
        arch = etree.fromstring(form["arch"])
        names = {node.get("name") for node in arch.iter("field")}
        fields = [name for name in names if name in record._fields]
        buttons = []
        for button in arch.iter("button"):
            if button.get("type") != "object" or "oe_stat_button" in (button.get("class") or ""):
                continue
            expression = button.get("invisible")
            if expression and self._eval_invisible(expression, record, fields):
                continue
            buttons.append(button.get("name"))
        return buttons

    def _press(self, record, name):
        result = getattr(record, name)()
        if isinstance(result, dict) and result.get("res_model") == "duban.reason.wizard":
            wizard = (
                self.env["duban.reason.wizard"]
                .with_user(record.env.user)
                .with_context(**result["context"])
                .create({"reason": REASON})
            )
            wizard.action_confirm()

    def test_every_visible_button_of_every_demo_user(self):
        """No visible button answers any demo user with an access error."""
        users = self.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        self.assertEqual(len(users), len(DEMO_LOGINS))
        failures, refused, pressed = [], [], 0
        for user in users:
            for action in self._visible_menus_actions(user):
                model = self.env[action.res_model].with_user(user)
                domain = safe_eval(action.domain or "[]", {"uid": user.id})
                # opening the menu: its views and its first page
                model.get_views([(False, "list"), (False, "form"), (False, "search")])
                records = model.search(domain, limit=40)
                records.read(["display_name"])
                for record in records:
                    for name in self._visible_buttons(record):
                        with self.env.cr.savepoint() as savepoint:
                            try:
                                self._press(record, name)
                            except AccessError as error:
                                failures.append(f"{user.login} {record} {name}: {error}")
                            except UserError as error:
                                # a business refusal (say, a report without text) is allowed
                                refused.append(f"{user.login} {record} {name}: {error}")
                            pressed += 1
                            savepoint.rollback()
                        self.env.invalidate_all()
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreater(pressed, 20)
        # most buttons shown do their work: a refusal is the exception, not the rule
        self.assertLess(len(refused), pressed / 4, "\n".join(refused))


@tagged("post_install", "-at_install")
class TestFiltersAndLabels(DubanCase):
    @freeze_time("2030-03-04")
    def test_number_found_by_its_short_forms(self):
        """“7号”, “7” and the full 〔2026〕7号 all find notice number 7, and nothing else."""
        items = self.env["duban.item"]
        for _index in range(12):
            items |= self._issued_item()
        seventh = items.filtered(lambda i: i.number_seq == 7)
        self.assertEqual(len(seventh), 1)
        Item = self.env["duban.item"].with_user(self.officer)
        for query in ("7号", "7", " 7 号", seventh.number):
            self.assertEqual(Item.search([("number_query", "ilike", query)]), seventh, query)
        self.assertEqual(
            Item.search([("number_query", "ilike", "〔2030〕")]), items, "the year's numbers"
        )

    def test_my_unit_filter(self):
        """我的单位 finds the items and shares of the user's own unit, for a liaison or staff."""
        item = self._issued_item(co_department_ids=[])
        other = self._issued_item(lead_department_id=self.co_unit.id, co_department_ids=[])
        Item = self.env["duban.item"].with_user(self.liaison)
        mine = Item.search([("is_my_unit", "=", True)])
        self.assertIn(item, mine)
        self.assertNotIn(other, mine)
        self.assertIn(other, self.env["duban.item"].search([("is_my_unit", "=", False)]))
        shares = (
            self.env["duban.assignment"]
            .with_user(self.co_liaison)
            .search([("is_my_unit", "=", True)])
        )
        self.assertEqual(shares.item_id & (item | other), other)
        self.assertTrue(item.with_user(self.head).is_my_unit)

    def test_search_views_offer_the_filters(self):
        """Every duban search view offers Odoo's activity filters where its model has activities,
        我的单位 where it knows the user's unit, and the lights and due dates of its items where
        it is unit work on an item or has a light of its own."""
        views = self.env["ir.ui.view"].search(
            [("type", "=", "search"), ("model", "=like", "duban.%")]
        )
        self.assertGreaterEqual(len(views), 12)
        checked = set()
        for view in views:
            Model = self.env[view.model]
            arch = Model.get_view(view.id, "search")["arch"]
            expected = self._filters_expected(Model)
            for name in expected:
                self.assertIn(f'name="{name}"', arch, f"{view.model} ({view.name}): {name}")
                # each filter's domain is valid for the model
                Model.search(self._filter_domain(arch, name), limit=1)
            checked.add(view.model)
        # models with activities and a window of their own all have such a search view
        opened = self.env["ir.actions.act_window"].search([("res_model", "=like", "duban.%")])
        for model in set(opened.mapped("res_model")):
            if "activity_ids" in self.env[model]._fields:
                self.assertIn(model, checked, f"{model} has no search view")
        self.assertIn("duban.risk", checked)

    def _filters_expected(self, Model):
        fields = Model._fields
        expected = []
        if "activity_ids" in fields:
            expected += [
                "filter_activities_my",
                "activities_overdue",
                "activities_today",
                "activities_upcoming_all",
            ]
        if "is_my_unit" in fields:
            expected.append("my_unit")
        unit_work = "is_my_unit" in fields and "item_id" in fields
        if "traffic_light" in fields or unit_work:
            expected += ["red", "yellow"]
        if unit_work or Model._name == "duban.item":
            expected += ["due_this_week", "overdue"]
        return expected

    def _filter_domain(self, arch, name):
        node = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0]
        return safe_eval(node.get("domain"), {"uid": self.env.uid})

    @freeze_time("2026-03-27")
    def test_closed_item_shows_its_result(self):
        """A closed item reads 已办结（按期） or 已办结（逾期 N 个工作日） instead of days left."""
        self._load_chinese()
        on_time = self._issued_item(date_deadline=date(2026, 3, 31))
        late = self._issued_item(date_deadline=date(2026, 3, 24))
        for item in on_time | late:
            self._lead(item).with_user(self.liaison).action_sign()
            self._co(item).with_user(self.co_liaison).action_sign()
            report = self._report(self._lead(item), self.liaison)
            self._sign_and_submit(report.with_user(self.liaison))
            self._accept_and_close(report, self.officer)
        zh = self.env(context={"lang": "zh_CN"})
        self.assertEqual(on_time.with_env(zh).days_left_label, "已办结（按期）")
        self.assertEqual(late.with_env(zh).days_left_label, "已办结（逾期 3 个工作日）")
