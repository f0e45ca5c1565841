"""Issue 14, part A: each finding replayed as the user who tried it, refused since the fix."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestUnitDataBelongsToAdmins(DubanCase):
    """Finding 1 (departments writable by every internal user) and 8 (revoked access lingers)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.safety_unit = cls.env["hr.department"].create(
            {"name": "安全保卫科", "duban_liaison_id": cls.outsider.id}
        )
        cls.nobody = cls.env["res.users"].create(
            {
                "name": "无督办权限用户",
                "login": "t_nobody",
                "group_ids": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.hr_manager = cls.env["res.users"].create(
            {
                "name": "人事管理员",
                "login": "t_hr_manager",
                "group_ids": [(6, 0, [cls.env.ref("hr.group_hr_manager").id])],
            }
        )

    def test_units_cannot_be_moved_or_taken_over(self):
        """Liaison, leader, officer and a user without duban rights change no unit boundary."""
        attempts = {
            "parent_id": self.unit.id,  # the liaison hangs 安全保卫科 under their own unit
            "duban_leader_id": self.leader.id,  # the leader takes charge of it
            "duban_liaison_id": self.liaison.id,  # a user makes themselves its liaison
            "manager_id": self.head.employee_id.id,
            "duban_is_office": True,
            "company_id": self.env.company.id,
        }
        for user in (self.liaison, self.leader, self.officer, self.nobody):
            for field, value in attempts.items():
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaises(AccessError),
                ):
                    self.safety_unit.with_user(user).write({field: value})
        self.assertFalse(self.safety_unit.parent_id)
        self.assertEqual(self.safety_unit.duban_liaison_id, self.outsider)
        self.assertFalse(self.safety_unit.duban_leader_id)
        with self.assertRaises(AccessError):
            self.env["hr.department"].with_user(self.liaison).create(
                {"name": "自建科", "parent_id": self.safety_unit.id}
            )
        # what no boundary rests on stays with Odoo's own rights
        self.safety_unit.with_user(self.liaison).write({"color": 3})
        self.assertEqual(self.safety_unit.color, 3)

    def test_employees_cannot_change_unit_or_user(self):
        """No one but the administrators moves an employee or links them to another user."""
        employee = self.liaison.employee_id
        for user in (self.liaison, self.officer, self.nobody):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    employee.with_user(user).write({"department_id": self.other_unit.id})
                with self.assertRaises(AccessError):
                    employee.with_user(user).write({"user_id": self.nobody.id})
        self.assertEqual(employee.department_id, self.unit)
        hr_officer = self.env["res.users"].create(
            {
                "name": "人事专员",
                "login": "t_hr_officer",
                "group_ids": [(6, 0, [self.env.ref("hr.group_hr_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(hr_officer).create(
                {"name": "冒名", "user_id": hr_officer.id, "department_id": self.unit.id}
            )
        self.env["hr.employee"].with_user(hr_officer).create({"name": "新职工"})

    def test_administrators_change_units(self):
        """HR managers and supervision administrators still manage the organization."""
        manager = self.env["res.users"].create(
            {
                "name": "督办管理员",
                "login": "t_duban_manager",
                "group_ids": [(6, 0, [self.env.ref("duban_supervision.group_duban_manager").id])],
            }
        )
        self.safety_unit.with_user(self.hr_manager).write({"duban_liaison_id": self.liaison.id})
        self.assertEqual(self.safety_unit.duban_liaison_id, self.liaison)
        self.safety_unit.with_user(manager).write({"duban_leader_id": self.leader.id})
        self.assertEqual(self.safety_unit.duban_leader_id, self.leader)

    def test_error_in_chinese(self):
        """The refusal names the fields in Chinese."""
        self._load_chinese()
        unit = self.safety_unit.with_user(self.liaison).with_context(lang="zh_CN")
        with self.assertRaises(AccessError) as caught:
            unit.write({"duban_liaison_id": self.liaison.id})
        self.assertIn("管理员", str(caught.exception))
        self.assertIn("联络人", str(caught.exception))

    def test_moved_employee_loses_access_at_once(self):
        """A member moved to another unit stops reading the old unit's items in the same
        transaction: the rule domains built from units are not left cached."""
        member = self.env["res.users"].create(
            {
                "name": "科员",
                "login": "t_member",
                "group_ids": [(6, 0, [self.env.ref("duban_supervision.group_duban_liaison").id])],
            }
        )
        employee = self.env["hr.employee"].create(
            {"name": "科员", "user_id": member.id, "department_id": self.unit.id}
        )
        item = self._issued_item(co_department_ids=[])
        Item = self.env["duban.item"].with_user(member)
        self.assertIn(item, Item.search([]))
        employee.write({"department_id": self.other_unit.id})
        self.assertNotIn(item, Item.search([]))

    def test_leader_removed_from_charge_loses_access_at_once(self):
        """A leader taken off a unit stops reading its items at once."""
        item = self._issued_item(
            co_department_ids=[], office_id=self.other_office.id, importance="major"
        )
        Item = self.env["duban.item"].with_user(self.leader)
        self.assertIn(item, Item.search([]))
        self.unit.duban_leader_id = False
        self.assertNotIn(item, Item.search([]))


@tagged("post_install", "-at_install")
class TestWizardsBelongToTheirUser(DubanCase):
    """Finding 2: wizard rows shared between users, and wizards acting on unreadable records."""

    def test_every_duban_wizard_has_an_owner_rule(self):
        """Each duban TransientModel of every installed addon is readable by its creator only."""
        transient = [
            name
            for name, model in self.env.registry.items()
            if name.startswith("duban.") and model._transient
        ]
        self.assertIn("duban.reason.wizard", transient)
        for name in transient:
            with self.subTest(model=name):
                rules = self.env["ir.rule"].search(
                    [("model_id.model", "=", name), ("global", "=", True)]
                )
                self.assertIn("[('create_uid', '=', user.id)]", rules.mapped("domain_force"), name)

    def test_reason_wizard_of_another_user_is_out_of_reach(self):
        """A liaison neither lists nor overwrites another user's objection reason."""
        # units given a secret item are cleared for it (refused otherwise)
        self._clear_unit_people()
        item = self._issued_item(security_level="secret", co_department_ids=[])
        self.liaison.duban_clearance = "secret"
        action = self._lead(item).with_user(self.liaison).action_object()
        wizard = (
            self.env["duban.reason.wizard"]
            .with_user(self.liaison)
            .with_context(**action["context"])
            .create({"reason": "秘密的异议理由"})
        )
        Wizard = self.env["duban.reason.wizard"].with_user(self.co_liaison)
        self.assertFalse(Wizard.search([]))
        with self.assertRaises(AccessError):
            wizard.with_user(self.co_liaison).read(["reason"])
        with self.assertRaises(AccessError):
            wizard.with_user(self.co_liaison).write({"reason": "篡改"})
        self.assertEqual(wizard.reason, "秘密的异议理由")

    def test_reason_wizard_rechecks_the_records(self):
        """A reason dialog cannot be made for records its user may not read."""
        theirs = self._issued_item(lead_department_id=self.other_unit.id, co_department_ids=[])
        with self.assertRaises(AccessError):
            self.env["duban.reason.wizard"].with_user(self.liaison).create(
                {
                    "res_model": "duban.assignment",
                    "res_ids": str(self._lead(theirs).ids),
                    "action": "object",
                    "reason": "越权",
                }
            )
        with self.assertRaises(ValidationError):
            self.env["duban.reason.wizard"].with_user(self.liaison).create(
                {
                    "res_model": "duban.assignment",
                    "res_ids": "__import__('os')",
                    "action": "object",
                    "reason": "注入",
                }
            )

    def test_reassign_wizard_reveals_no_other_assignment(self):
        """The re-assign dialog shows an objection only to the office that may re-assign it."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        action = lead.with_user(self.liaison).action_object()
        self._confirm_reason(self.liaison, action, "不属于本科职责")
        for user in (self.other_officer, self.co_liaison):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["duban.reassign.wizard"].with_user(user).create(
                    {"assignment_id": lead.id, "department_id": self.co_unit.id}
                )
        wizard = (
            self.env["duban.reassign.wizard"]
            .with_user(self.officer)
            .create({"assignment_id": lead.id, "department_id": self.co_unit.id})
        )
        self.assertEqual(wizard.objection_reason, "不属于本科职责")
        with self.assertRaises(AccessError):
            wizard.with_user(self.other_officer).read(["objection_reason"])
        wizard.action_confirm()
        self.assertEqual(lead.state, "returned", "the objected share stays 已退回")


@tagged("post_install", "-at_install")
class TestNotificationsStayWithTheirPeople(DubanCase):
    """Finding 5: every internal user read every notification and its message's subject."""

    def test_notifications_read_by_recipient_and_author_only(self):
        """An outsider reads no notification of a message on another unit's item."""
        item = self._issued_item(name="基础教育科的内部事项", co_department_ids=[])
        message = item.with_user(self.officer).message_post(
            body="请注意时限",
            subject=item.name,
            partner_ids=(self.liaison | self.head).partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notifications = self.env["mail.notification"].search([("mail_message_id", "=", message.id)])
        self.assertTrue((self.liaison | self.head).partner_id <= notifications.res_partner_id)
        Notification = self.env["mail.notification"]
        self.assertFalse(
            Notification.with_user(self.outsider).search([("mail_message_id", "=", message.id)])
        )
        with self.assertRaises(AccessError):
            notifications.with_user(self.outsider).read(["mail_message_id"])
        mine = Notification.with_user(self.liaison).search([("mail_message_id", "=", message.id)])
        self.assertEqual(mine.res_partner_id, self.liaison.partner_id)
        authored = Notification.with_user(self.officer).search(
            [("mail_message_id", "=", message.id)]
        )
        self.assertEqual(authored, notifications)
        # the chatter still shows the message, with its notifications, to its author
        result = Store().add(message.with_user(self.officer)).get_result()
        self.assertTrue(result["mail.message"])

    def test_unreadable_item_named_by_number_in_related_records(self):
        """A sub-item's parent the user may not read shows its number, never its title."""
        parent = (
            self.env["duban.item"]
            .with_user(self.other_officer)
            .create(
                self._item_vals(
                    name="别处的母事项标题", kind="decision", office_id=self.other_office.id
                )
            )
        )
        child = self.env["duban.item"].create(self._item_vals(name="子事项", parent_id=parent.id))
        self.assertFalse(parent.with_user(self.officer).has_access("read"))
        value = child.with_user(self.officer).read(["parent_id"])[0]["parent_id"]
        self.assertEqual(value[0], parent.id)
        self.assertNotIn("母事项", value[1])
        self.assertIn("别处的母事项标题", parent.display_name)
        self.assertIn("别处的母事项标题", parent.with_user(self.other_officer).display_name)


@tagged("post_install", "-at_install")
class TestPublicMethodsBoundedAndGuarded(DubanCase):
    """Finding 7 and the low findings on malformed input and the intake's sudo."""

    def test_import_official_calendar_admins_only(self):
        """Neither a portal user nor office staff re-import the official calendar."""
        portal = self.env["res.users"].create(
            {
                "name": "门户用户",
                "login": "t_portal",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        day = self.env["duban.workday"].search([], limit=1)
        removed = day.date
        day.unlink()
        for user in (portal, self.liaison, self.officer, self.principal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["duban.workday"].with_user(user).action_import_official_calendar()
        self.assertFalse(self.env["duban.workday"].search([("date", "=", removed)]))
        manager = self.env.ref("base.user_admin")
        self.env["duban.workday"].with_user(manager).action_import_official_calendar()

    def test_calendar_bounds(self):
        """Unbounded ranges, huge counts and malformed dates answer with a clear error."""
        calendar = self.env["duban.calendar"].with_user(self.liaison)
        self.assertEqual(calendar.add_workdays("2026-03-02", 1), date(2026, 3, 3))
        bad_calls = [
            lambda: calendar.add_workdays("2026-02-30", 1),
            lambda: calendar.add_workdays("2026-03-02", 10**9),
            lambda: calendar.add_workdays("2026-03-02", "3"),
            lambda: calendar.add_workdays("9999-12-31", 1),
            lambda: calendar.count_workdays("1990-01-01", "2100-12-31"),
            lambda: calendar.count_workdays("2026-01-01", "not a date"),
            lambda: calendar.count_workdays_to_many("2026-01-01", ["2026-01-05", "2099-01-01"]),
            lambda: calendar.is_workday("2026-13-01"),
            lambda: calendar.is_covered("1900-01-01"),
        ]
        for index, call in enumerate(bad_calls):
            with self.subTest(call=index), self.assertRaises(UserError):
                call()

    def test_malformed_dates_refused_with_a_message(self):
        """A date that does not exist, written over RPC, is refused naming the field."""
        item = self._create_item()
        self._load_chinese()
        for vals in ({"date_deadline": "2026-02-30"}, {"date_registered": "2026-13-01"}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                item.with_context(lang="zh_CN").write(vals)
            self.assertIn("有效日期", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.env["duban.item"].with_user(self.officer).create(
                self._item_vals(date_deadline="2026-04-31")
            )
        self.assertEqual(item.date_deadline, date(2026, 3, 20))

    def test_calendar_errors_in_chinese(self):
        """The calendar's refusals are in the user's language."""
        self._load_chinese()
        calendar = self.env["duban.calendar"].with_user(self.liaison).with_context(lang="zh_CN")
        with self.assertRaises(UserError) as caught:
            calendar.add_workdays("2026-02-30", 1)
        self.assertIn("日期", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            calendar.add_workdays("2026-03-02", 10**9)
        self.assertIn("工作日", str(caught.exception))

    def test_intake_posts_only_where_the_officer_may(self):
        """Registering from a record the officer may only read posts nothing on it."""
        partner = self.env["res.partner"].create({"name": "只读来文单位"})
        before = len(partner.message_ids)
        wizard = (
            self.env["duban.item.intake"]
            .with_user(self.officer)
            .with_context(active_model="res.partner", active_id=partner.id)
            .create({})
        )
        item = self.env["duban.item"].browse(wizard.action_create()["res_id"])
        self.assertEqual(item.source_ref, partner)
        self.assertEqual(len(partner.message_ids), before)


@tagged("post_install", "-at_install")
class TestMeasures(DubanCase):
    """Finding 10: an officer alone confirmed a measure citing no items."""

    def _measure(self, **values):
        return (
            self.env["duban.accountability"]
            .with_user(self.officer)
            .create({"measure": "interview", "department_id": self.unit.id, **values})
        )

    def test_measure_needs_items_and_a_decider(self):
        """No measure is confirmed without cited items, nor by the office alone."""
        item = self._issued_item(co_department_ids=[])
        bare = self._measure()
        with self.assertRaises(UserError):
            bare.with_user(self.leader).action_confirm()
        self.assertEqual(bare.state, "proposed")
        cited = self._measure(item_ids=[(6, 0, item.ids)])
        with self.assertRaises(AccessError):
            cited.with_user(self.officer).action_confirm()
        with self.assertRaises(AccessError):
            cited.with_user(self.head).action_confirm()
        cited.with_user(self.leader).action_confirm()
        self.assertEqual(cited.state, "confirmed")
        self.assertEqual(cited.decided_by_id, self.leader)


@tagged("post_install", "-at_install")
class TestClassifiedAccessLog(DubanCase):
    """Every opening, print and export of a 秘密/机密 item is logged for the administrators."""

    def _log(self, item):
        return self.env["duban.access.log"].search([("item_id", "=", item.id)])

    def test_open_and_export_are_logged(self):
        """Opening the form and exporting log who, what and which item; lists do not."""
        # units given a secret item are cleared for it (refused otherwise)
        self._clear_unit_people()
        secret = self._issued_item(security_level="secret", co_department_ids=[])
        ordinary = self._issued_item(name="普通事项", co_department_ids=[])
        Item = self.env["duban.item"].with_user(self.officer)
        Item.web_search_read([("id", "in", (secret | ordinary).ids)], {"name": {}})
        self.assertFalse(self._log(secret), "a list is not an opening")
        (secret | ordinary).with_user(self.officer).web_read({"name": {}, "content": {}})
        log = self._log(secret)
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.user_id, log.action, log.item_label, log.security_level),
            (self.officer, "open", secret.number, "secret"),
        )
        self.assertTrue(log.date)
        self.assertFalse(self._log(ordinary))
        self.officer.group_ids |= self.env.ref("base.group_allow_export")
        secret.with_user(self.officer).export_data(["name", "content"])
        self.assertEqual(self._log(secret).mapped("action"), ["export", "open"])
        # the unit's share of the item, opened by its liaison, shows the item too
        self.liaison.duban_clearance = "secret"
        self._lead(secret).with_user(self.liaison).web_read({"display_name": {}})
        opened = self._log(secret).filtered(lambda row: row.user_id == self.liaison)
        self.assertEqual(opened.action, "open")
        self.assertEqual(opened.detail, self.env["ir.model"]._get("duban.assignment").name)

    def test_log_readable_by_administrators_only(self):
        """Office staff, leaders and units cannot read or forge the log."""
        # units given a secret item are cleared for it (refused otherwise)
        self._clear_unit_people()
        secret = self._issued_item(security_level="secret", co_department_ids=[])
        secret.with_user(self.officer).web_read({"name": {}})
        Log = self.env["duban.access.log"]
        for user in (self.officer, self.principal, self.liaison):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Log.with_user(user).search([])
                with self.assertRaises(AccessError):
                    Log.with_user(user).create({"user_id": user.id, "action": "open"})
        admin = self.env.ref("base.user_admin")
        self.assertEqual(Log.with_user(admin).search([("item_id", "=", secret.id)]).action, "open")
        menu = self.env.ref("duban_supervision.duban_access_log_menu")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids())
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids()
        )


DEMO_ROLES = (
    "principal",
    "leader",
    "officer",
    "officer_all",
    "head",
    "liaison",
    "safety_head",
    "safety",
)


@tagged("post_install", "-at_install")
class TestNoTitleLeaksToDemoUsers(DubanCase):
    """As each demo user: no channel shows the title of an item that user may not read.

    The channels are notifications (with their messages), messages, followers, activities, every
    duban wizard, the display names of every related record the user can read, and exports.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_users = {
            role: cls.env.ref(f"duban_supervision.user_{role}_demo") for role in DEMO_ROLES
        }
        cls.demo_users["admin"] = cls.env.ref("base.user_admin")
        items = cls.env["duban.item"].search([])
        # worst case for notifications: every item's followers told, the title as subject
        for item in items:
            item.message_post(
                body=f"<p>{item.name}</p>",
                subject=item.name,
                partner_ids=item.message_partner_ids.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        # wizards left open by the administrator, on every item, with the title in them
        admin = cls.env.ref("base.user_admin")
        Reason = cls.env["duban.reason.wizard"].with_user(admin)
        for item in items:
            Reason.create(
                {
                    "res_model": "duban.item",
                    "res_ids": str(item.ids),
                    "action": "cancel",
                    "reason": item.name,
                }
            )
        if "duban.ledger.wizard" in cls.env:
            ledger = (
                cls.env["duban.ledger.wizard"]
                .with_user(admin)
                .create({"item_ids": [(6, 0, items.ids)]})
            )
            ledger.action_export_xlsx()

    def _hidden_titles(self, user):
        everything = self.env["duban.item"].with_context(active_test=False).search([])
        readable = everything.with_user(user)._filtered_access("read")
        shown = set(readable.mapped("name"))
        return {name for name in (everything - readable).mapped("name") if name not in shown}

    def _texts(self, records, fields):
        """What ``records`` show of ``fields`` through the web client's own read."""
        spec = {
            name: {"fields": {"display_name": {}}}
            if records._fields[name].type in ("many2one", "one2many", "many2many")
            else {}
            for name in fields
            if name in records._fields
        }
        try:
            return [str(values) for values in records.web_read(spec)]
        except AccessError:
            return []  # refused is not shown

    def _channels(self, user):
        env = self.env(user=user, su=False)
        texts = []
        notifications = env["mail.notification"].search([])
        texts += self._texts(notifications, ["mail_message_id", "res_partner_id", "author_id"])
        messages = env["mail.message"].search([("model", "like", "duban.")])
        texts += self._texts(messages, ["subject", "record_name", "body", "preview"])
        followers = env["mail.followers"].search([("res_model", "like", "duban.")])
        texts += self._texts(followers, ["display_name", "name", "res_id"])
        activities = env["mail.activity"].search([("res_model", "like", "duban.")])
        texts += self._texts(activities, ["summary", "res_name", "display_name", "note"])
        attachments = env["ir.attachment"].search([("res_model", "like", "duban.")])
        texts += self._texts(attachments, ["name", "res_name", "raw"])
        for name, model in self.env.registry.items():
            if not name.startswith("duban.") or model._abstract:
                continue
            if not env[name].has_access("read"):
                continue
            records = env[name].search([])
            relational = [
                field.name
                for field in model._fields.values()
                if field.type in ("many2one", "many2many") and field.name != "activity_user_id"
            ]
            texts += self._texts(records, ["display_name", *relational])
            if model._transient:
                texts += self._texts(records, list(model._fields))
            exportable = [f"{field}/display_name" for field in relational]
            try:
                rows = records.with_context(lang=user.lang).export_data(
                    ["display_name", *exportable]
                )["datas"]
            except (AccessError, UserError):
                rows = []  # refused (no export right, or an unreadable record) is not shown
            texts += [str(row) for row in rows]
        items = env["duban.item"].search([])
        texts += [str(row) for row in items._get_ledger_rows()]
        return "\n".join(texts)

    def _check_no_leak(self, role):
        """As ``role``'s demo user, no channel shows a title of an item they cannot read."""
        user = self.demo_users[role]
        user.group_ids |= self.env.ref("base.group_allow_export")
        hidden = self._hidden_titles(user)
        if role in ("head", "liaison", "safety_head", "safety"):
            self.assertTrue(hidden, f"{role} should miss some demo items")
        shown = self._channels(user)
        readable = self.env["duban.item"].with_user(user).search([], limit=1)
        self.assertIn(readable.name, shown, "the channels are read for real")
        leaked = sorted(title for title in hidden if title in shown)
        self.assertFalse(leaked, f"{role} sees titles of items they cannot read")

    def test_no_title_leak_admin(self):
        """The supervision administrator sees no title beyond their clearance."""
        self._check_no_leak("admin")

    def test_no_title_leak_principal(self):
        """The principal leader sees no title they may not read."""
        self._check_no_leak("principal")

    def test_no_title_leak_leader(self):
        """The leader in charge sees no title outside their units in charge."""
        self._check_no_leak("leader")

    def test_no_title_leak_officer(self):
        """The office's officer sees no title outside their office."""
        self._check_no_leak("officer")

    def test_no_title_leak_officer_all(self):
        """The officer for all items sees no title beyond their clearance."""
        self._check_no_leak("officer_all")

    def test_no_title_leak_head(self):
        """The head of 基础教育科 sees no other unit's title."""
        self._check_no_leak("head")

    def test_no_title_leak_liaison(self):
        """The liaison of 基础教育科 sees no other unit's title."""
        self._check_no_leak("liaison")

    def test_no_title_leak_safety_head(self):
        """The head of 安全保卫科 sees no other unit's title."""
        self._check_no_leak("safety_head")

    def test_no_title_leak_safety(self):
        """The liaison of 安全保卫科 sees no other unit's title."""
        self._check_no_leak("safety")


@tagged("post_install", "-at_install")
class TestClassifiedAccessLogOverHttp(HttpCase):
    """The web client's own call opens a classified item on a writable cursor, and is logged."""

    def test_web_client_opening_is_logged(self):
        """Opening the demo secret item's form through /web/dataset/call_kw logs it."""
        item = self.env.ref("duban_supervision.item_secret_demo")
        admin = self.env.ref("base.user_admin")
        self.authenticate("admin", "admin")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/duban.item/web_search_read",
            {
                "model": "duban.item",
                "method": "web_search_read",
                "args": [[("id", "=", item.id)], {"name": {}}],
                "kwargs": {},
            },
        )
        Log = self.env["duban.access.log"]
        self.assertFalse(Log.search([("item_id", "=", item.id), ("user_id", "=", admin.id)]))
        values = self.make_jsonrpc_request(
            "/web/dataset/call_kw/duban.item/web_read",
            {
                "model": "duban.item",
                "method": "web_read",
                "args": [[item.id], {"name": {}, "content": {}}],
                "kwargs": {},
            },
        )
        self.assertEqual(values[0]["name"], item.name)
        log = Log.search([("item_id", "=", item.id), ("user_id", "=", admin.id)])
        self.assertEqual(log.action, "open")
