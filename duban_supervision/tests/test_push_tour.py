from odoo.tests import tagged

from .common import DubanTourCase
from .push_server import ROBOT_KEY, PushPlatform


@tagged("post_install", "-at_install")
class TestChannelSettingsTour(DubanTourCase):
    def test_settings_and_test_send(self):
        """The administrator sets the budget and sends a test message through the local robot."""
        platform = PushPlatform().start()
        self.addCleanup(platform.stop)
        self.env["duban.channel"].create(
            {
                "name": "督办群机器人",
                "kind": "wecom_robot",
                "webhook_key": ROBOT_KEY,
                "base_url": platform.url,
            }
        )
        admin = self.env.ref("base.user_admin")
        admin.lang = "zh_CN"
        self.start_tour(
            "/odoo/action-duban_supervision.duban_config_settings_action",
            "duban_channel_settings_tour",
            login="admin",
            timeout=120,
        )
        self.assertEqual(self.env.company.duban_push_daily_cap, 2)
        sent = platform.sent("/cgi-bin/webhook/send")
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0]["msgtype"], "markdown")
        self.assertIn("督办", sent[0]["markdown"]["content"])
