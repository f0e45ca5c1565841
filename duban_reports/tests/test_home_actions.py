from odoo.tests import tagged

from odoo.addons.duban_supervision.tests.common import DubanCase


@tagged("post_install", "-at_install")
class TestReportsHomeActions(DubanCase):
    def test_office_lands_on_the_dashboard(self):
        """The office's home is the dashboard of items by traffic light."""
        dashboard = self.env.ref("duban_reports.duban_item_action_dashboard")
        self.assertEqual(self.officer.action_id.id, dashboard.id)

    def test_leaders_land_on_their_cockpit(self):
        """Leaders land on the cockpit where it is installed, else on the dashboard."""
        cockpit = self.env.ref("duban_reports.duban_cockpit_action", raise_if_not_found=False)
        expected = cockpit or self.env.ref("duban_reports.duban_item_action_dashboard")
        self.assertEqual(self.leader.action_id.id, expected.id)
        self.assertEqual(self.principal.action_id.id, expected.id)

    def test_demo_administrator_lands_on_the_office_desk(self):
        """The demo's administrator, who runs the office, lands on the dashboard; Odoo's own
        menus stay reachable, and other administrators keep Odoo's landing page."""
        admin = self.env.ref("base.user_admin")
        dashboard = self.env.ref("duban_reports.duban_item_action_dashboard")
        self.assertEqual(admin.action_id.id, dashboard.id)
        menus = self.env["ir.ui.menu"].with_user(admin).load_menus(debug=False)
        xmlids = {menu.get("xmlid") for menu in menus.values() if isinstance(menu, dict)}
        self.assertIn("base.menu_administration", xmlids)
        other = self.env["res.users"].create(
            {
                "name": "另一位管理员",
                "login": "t_other_admin",
                "group_ids": [(6, 0, self.env.ref("base.group_system").ids)],
            }
        )
        self.assertFalse(other.action_id)

    def test_liaison_keeps_my_supervision(self):
        """The reports addon leaves the units on 我的督办."""
        my_desk = self.env.ref("duban_supervision.duban_item_action_my")
        self.assertEqual(self.liaison.action_id.id, my_desk.id)

    def test_installing_moves_users_from_the_item_list(self):
        """Users the supervision addon sent to the item list move to the reports' desks."""
        items = self.env.ref("duban_supervision.duban_item_action")
        self.officer.action_id = items.id
        self.liaison.action_id = items.id
        self.env["res.users"]._duban_upgrade_home_actions()
        dashboard = self.env.ref("duban_reports.duban_item_action_dashboard")
        self.assertEqual(self.officer.action_id.id, dashboard.id)
        # each to the desk of their own role
        self.assertEqual(
            self.liaison.action_id.id, self.env.ref("duban_supervision.duban_item_action_my").id
        )
