import base64
import os
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .common import DubanTourCase
from .push_server import ROBOT_KEY, WECOM_CORP, PushPlatform

REPO = Path(__file__).resolve().parents[2]
# a build folder outside the tracked tree; setup/screenshots points this at docs/ to refresh
SHOTS = Path(os.environ.get("DUBAN_SCREENSHOTS_DIR") or REPO / ".local" / "screenshots")
PNG = b"\x89PNG\r\n\x1a\n"
WAIT_FOR = """
(async () => {
    const until = Date.now() + 30000;
    while (!document.querySelector(%r)) {
        if (Date.now() > until) { console.error("not shown: " + %r); return; }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    console.log("test successful");
})();
"""


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
        )
        self._screenshot(
            "/odoo/action-duban_supervision.duban_push_action",
            ".o_list_view .o_data_row .o_field_badge",
            "screenshot-push-queue.png",
        )

    def _screenshot(self, url, selector, name):
        shots = []
        original_stop = ChromeBrowser.stop

        def stop_after_screenshot(browser):
            result = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            shots.append(base64.b64decode(result["data"]))
            original_stop(browser)

        with patch.object(ChromeBrowser, "stop", stop_after_screenshot):
            self.browser_js(url, WAIT_FOR % (selector, selector), login="admin", timeout=90)
        self.assertTrue(shots and shots[0].startswith(PNG), f"no screenshot of {url}")
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / name).write_bytes(shots[0])
