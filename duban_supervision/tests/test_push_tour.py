import re
from datetime import datetime
from urllib.parse import urlsplit

from odoo.tests import tagged

from .common import DubanTourCase
from .push_server import ROBOT_KEY, WECOM_CORP, PushPlatform


@tagged("post_install", "-at_install")
class TestChannelSettingsTour(DubanTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = PushPlatform().start()
        cls.addClassCleanup(cls.platform.stop)
        Channel = cls.env["duban.channel"]
        cls.robot = Channel.create(
            {
                "name": "督办群机器人",
                "kind": "wecom_robot",
                "webhook_key": ROBOT_KEY,
                "base_url": cls.platform.url,
            }
        )
        cls.app = Channel.create(
            {
                "name": "企业微信督办应用",
                "kind": "wecom_app",
                "corp_id": WECOM_CORP[0],
                "secret": WECOM_CORP[1],
                "agent_id": "1000002",
                "base_url": cls.platform.url,
                "default_group_ids": [
                    (6, 0, cls.env.ref("duban_supervision.group_duban_liaison").ids)
                ],
            }
        )
        cls.env.ref("base.user_admin").lang = "zh_CN"

    def test_settings_and_test_send(self):
        """From the settings, the administrator sends a test message through the local robot."""
        self.start_tour(
            "/odoo/action-duban_supervision.duban_config_settings_action",
            "duban_channel_settings_tour",
            login="admin",
            timeout=120,
        )
        sent = self.platform.sent("/cgi-bin/webhook/send")
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0]["msgtype"], "markdown")
        self.assertIn("督办：测试消息", sent[0]["markdown"]["content"])

    def test_liaison_chooses_their_channels(self):
        """In their preferences a liaison sees their role's channel, then picks their own."""
        ding = self.env["duban.channel"].create(
            {
                "name": "钉钉工作通知",
                "kind": "dingtalk_work",
                "app_key": "ding-app-key",
                "secret": "ding-app-secret",
                "agent_id": "2000001",
                "base_url": self.platform.url,
            }
        )
        self.liaison.tz = "Asia/Shanghai"
        self.assertEqual(self.liaison._duban_get_push_channels(), self.app)
        self.start_tour("/odoo", "duban_channel_preferences_tour", login="t_liaison", timeout=120)
        self.liaison.invalidate_recordset()
        self.assertEqual(self.liaison.duban_channel_choice, "custom")
        self.assertEqual(self.liaison.duban_channel_ids, ding)
        self.assertEqual(self.liaison._duban_get_push_channels(), ding)

    def test_pushed_link_opens_the_urge(self):
        """The link in an urge's message opens the urge under 我的督办, with its answer button."""
        self.liaison.employee_id.sudo().duban_wecom_userid = "wx_liaison"
        item = self._issued_item(co_department_ids=[])
        urge = (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create(
                {
                    "assignment_id": item.assignment_ids[:1].id,
                    "method": "push",
                    "channel_id": self.app.id,
                    "content": "<p>请于今日报送进展。</p>",
                }
            )
        )
        urge.action_send()
        monday_10 = datetime(2026, 11, 30, 2, 0)
        self.env["duban.notice"]._dispatch(monday_10)
        self.env["duban.push"]._send_due(monday_10)
        text = self.platform.sent("/cgi-bin/message/send")[-1]["markdown"]["content"]
        link = re.search(rf"\((http[^)]*/duban\.urge/{urge.id})\)", text).group(1)
        self.start_tour(urlsplit(link).path, "duban_push_link_tour", login="t_liaison", timeout=120)

    def test_screenshots_of_a_channel_and_the_queue(self):
        """The README's pictures: a WeCom application channel, and the push queue."""
        self.liaison.employee_id.sudo().duban_wecom_userid = "wx_liaison"
        self._issued_item(co_department_ids=[])
        monday_10 = datetime(2026, 11, 30, 2, 0)  # 10:00 in Beijing, a working day
        self.env["duban.notice"]._dispatch(monday_10)
        self.env["duban.push"]._send_due(monday_10)
        self._screenshot(
            f"/odoo/action-duban_supervision.duban_channel_action/{self.app.id}",
            ".o_form_view button[name='action_test_send']",
            "screenshot-channel.png",
            self.env.ref("base.user_admin"),
        )
        self._screenshot(
            "/odoo/action-duban_supervision.duban_push_action",
            ".o_list_view .o_data_row .o_field_badge",
            "screenshot-push-queue.png",
            self.env.ref("base.user_admin"),
        )
