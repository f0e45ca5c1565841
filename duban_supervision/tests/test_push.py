import hashlib
import hmac
from datetime import date, datetime, timedelta
from urllib.parse import unquote_plus

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DubanCase
from .push_server import (
    DINGTALK_APP,
    ROBOT_KEY,
    ROBOT_SECRET,
    WECOM_CORP,
    PushPlatform,
    dingtalk_sign,
)

# Monday 30 November 2026, 10:00 in Beijing (UTC+8), a working day
MONDAY_10 = datetime(2026, 11, 30, 2, 0)
# Saturday 28 November 2026, 10:00 in Beijing
SATURDAY_10 = datetime(2026, 11, 28, 2, 0)
# Monday 30 November 2026, 8:30 in Beijing
MONDAY_0830 = datetime(2026, 11, 30, 0, 30)


class PushCase(DubanCase):
    """The small organization, with a local platform server and a channel of each kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = PushPlatform().start()
        cls.addClassCleanup(cls.platform.stop)
        url = cls.platform.url
        Channel = cls.env["duban.channel"]
        liaisons = cls.env.ref("duban_supervision.group_duban_liaison")
        cls.wecom_robot = Channel.create(
            {
                "name": "督办群机器人",
                "kind": "wecom_robot",
                "webhook_key": ROBOT_KEY,
                "base_url": url,
            }
        )
        cls.wecom_app = Channel.create(
            {
                "name": "企业微信督办应用",
                "kind": "wecom_app",
                "corp_id": WECOM_CORP[0],
                "secret": WECOM_CORP[1],
                "agent_id": "1000002",
                "base_url": url,
                "default_group_ids": [(6, 0, liaisons.ids)],
            }
        )
        cls.ding_robot = Channel.create(
            {
                "name": "钉钉督办群",
                "kind": "dingtalk_robot",
                "webhook_url": f"{url}/robot/send?access_token=robot-token",
                "secret": ROBOT_SECRET,
            }
        )
        cls.ding_work = Channel.create(
            {
                "name": "钉钉工作通知",
                "kind": "dingtalk_work",
                "app_key": DINGTALK_APP[0],
                "secret": DINGTALK_APP[1],
                "agent_id": "2000001",
                "base_url": url,
            }
        )
        cls.webhook = Channel.create(
            {
                "name": "短信网关",
                "kind": "webhook",
                "webhook_url": f"{url}/hook",
                "secret": "hook-secret",
            }
        )
        for user, wecom, ding in (
            (cls.liaison, "wx_liaison", "dd_liaison"),
            (cls.head, "wx_head", "dd_head"),
            (cls.officer, "wx_officer", "dd_officer"),
        ):
            user.employee_id.write({"duban_wecom_userid": wecom, "duban_dingtalk_userid": ding})

        cls._load_chinese()
        (cls.liaison | cls.head | cls.officer | cls.leader).write({"lang": "zh_CN"})

    def setUp(self):
        super().setUp()
        self.platform.reset()

    def _notices(self, user):
        return self.env["duban.notice"].search([("user_id", "=", user.id)])

    def _pushes(self, user, channel=None):
        domain = [("user_id", "=", user.id)]
        if channel:
            domain.append(("channel_id", "=", channel.id))
        return self.env["duban.push"].search(domain)

    def _own_rules(self, **vals):
        """A copy of the company's supervision rules with ``vals``, followed by the company."""
        rules = self.env.company._duban_policy().copy(vals)
        self.env.company.duban_policy_id = rules
        return rules

    def _sent_to(self, userid):
        """WeCom application messages sent to ``userid``."""
        return [b for b in self.platform.sent("/cgi-bin/message/send") if b["touser"] == userid]

    def _dispatch_and_send(self, now=MONDAY_10):
        self.env["duban.notice"]._dispatch(now)
        self.env["duban.push"]._send_due(now)

    def _notice(self, user, key, category="yellow", **extra):
        vals = {
            "user_id": user.id,
            "company_id": self.env.company.id,
            "category": category,
            "summary": f"事项 {key}",
            "res_model": "res.partner",
            "res_id": user.partner_id.id,
            "event_key": key,
            "date_next": SATURDAY_10 - timedelta(days=1),
        }
        vals.update(extra)
        return self.env["duban.notice"]._add_notices([vals])


@tagged("post_install", "-at_install")
class TestChannels(PushCase):
    def test_wecom_app_payload_and_token_cache(self):
        """An issued item reaches the liaison as a WeCom application message, token cached."""
        item = self._issued_item(name="推进食堂卫生整治", co_department_ids=[])
        self._dispatch_and_send()
        bodies = self._sent_to("wx_liaison")
        self.assertEqual(len(bodies), 1)
        body = bodies[0]
        self.assertEqual(body["msgtype"], "markdown")
        self.assertEqual(body["agentid"], 1000002)
        self.assertIn("推进食堂卫生整治", body["markdown"]["content"])
        self.assertIn(
            f"duban_item_action_my/{item.id}/duban.assignment/{self._lead(item).id})",
            body["markdown"]["content"],
        )
        self.assertEqual(self._pushes(self.liaison).state, "sent")
        # a second message reuses the cached token
        self._issued_item(name="第二项", co_department_ids=[])
        self._dispatch_and_send(MONDAY_10 + timedelta(hours=1))
        gettokens = [r for r in self.platform.requests if r["path"] == "/cgi-bin/gettoken"]
        self.assertEqual(len(gettokens), 1)
        self.assertEqual(len(self._sent_to("wx_liaison")), 2)

    def test_wecom_app_token_expiry_renews_and_resends(self):
        """An expired token (errcode 42001) is renewed once and the message sent again."""
        self.wecom_app.sudo().write(
            {"access_token": "stale-token", "token_expiry": datetime(2099, 1, 1)}
        )
        self._notice(self.liaison, "k1")
        self._dispatch_and_send()
        paths = [r["path"] for r in self.platform.requests]
        self.assertEqual(
            paths, ["/cgi-bin/message/send", "/cgi-bin/gettoken", "/cgi-bin/message/send"]
        )
        self.assertEqual(self.platform.requests[0]["query"]["access_token"], "stale-token")
        push = self._pushes(self.liaison)
        self.assertEqual(push.state, "sent")
        self.assertEqual(push.attempts, 1)
        self.assertEqual(self.wecom_app.sudo().access_token, "token-1")

    def test_wecom_robot_markdown_mentions_the_person(self):
        """A group robot posts markdown to its key and mentions the person by userid."""
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.wecom_robot.ids)]}
        )
        self._notice(self.liaison, "k1", summary="请报送安全排查进展")
        self._dispatch_and_send()
        request = self.platform.requests[0]
        self.assertEqual(request["path"], "/cgi-bin/webhook/send")
        self.assertEqual(request["query"]["key"], ROBOT_KEY)
        self.assertEqual(request["json"]["msgtype"], "markdown")
        self.assertIn("请报送安全排查进展", request["json"]["markdown"]["content"])
        self.assertIn("<@wx_liaison>", request["json"]["markdown"]["content"])

    def test_dingtalk_robot_signature(self):
        """DingTalk's robot gets timestamp and sign = urlencode(base64(HMAC-SHA256))."""
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_robot.ids)]}
        )
        self._notice(self.liaison, "k1")
        self._dispatch_and_send()
        request = self.platform.requests[0]
        self.assertEqual(request["path"], "/robot/send")
        self.assertEqual(request["query"]["access_token"], "robot-token")
        timestamp = request["query"]["timestamp"]
        self.assertEqual(len(timestamp), 13, "milliseconds")
        self.assertEqual(request["query"]["sign"], dingtalk_sign(timestamp))
        # the channel's own signing, checked against a known vector
        _ts, sign = self.ding_robot.sudo()._dingtalk_sign("1700000000000")
        self.assertEqual(unquote_plus(sign), dingtalk_sign("1700000000000"))
        body = request["json"]
        self.assertEqual(body["msgtype"], "markdown")
        self.assertEqual(body["at"], {"atUserIds": ["dd_liaison"], "isAtAll": False})
        self.assertEqual(self._pushes(self.liaison).state, "sent")

    def test_dingtalk_robot_wrong_secret_fails_without_retry(self):
        """A signature the robot refuses (310000) fails at once: trying again cannot help."""
        self.ding_robot.sudo().secret = "SECwrong"
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_robot.ids)]}
        )
        self._notice(self.liaison, "k1")
        self._dispatch_and_send()
        push = self._pushes(self.liaison)
        self.assertEqual(push.state, "failed")
        self.assertIn("310000", push.last_response)

    def test_dingtalk_work_notification(self):
        """Work notifications: gettoken with the app key, then asyncsend_v2 to the userid."""
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_work.ids)]}
        )
        self._notice(self.liaison, "k1", summary="今日到期")
        self._dispatch_and_send()
        token_request, send = self.platform.requests
        self.assertEqual(token_request["path"], "/gettoken")
        self.assertEqual(token_request["query"]["appkey"], DINGTALK_APP[0])
        self.assertEqual(send["path"], "/topapi/message/corpconversation/asyncsend_v2")
        self.assertEqual(send["query"]["access_token"], "token-1")
        self.assertEqual(send["json"]["agent_id"], 2000001)
        self.assertEqual(send["json"]["userid_list"], "dd_liaison")
        self.assertEqual(send["json"]["msg"]["msgtype"], "markdown")
        self.assertIn("今日到期", send["json"]["msg"]["markdown"]["text"])

    def test_json_webhook_is_signed(self):
        """The generic webhook gets the message as JSON, signed with HMAC-SHA256 of the body."""
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.webhook.ids)]}
        )
        self._notice(self.liaison, "k1", summary="今日到期")
        self._dispatch_and_send()
        request = self.platform.requests[0]
        body = request["json"]
        self.assertEqual(body["event"], "duban.reminder")
        self.assertEqual(body["recipient"]["login"], self.liaison.login)
        self.assertEqual(body["items"][0]["category"], "yellow")
        self.assertEqual(body["items"][0]["text"], "今日到期")
        expected = hmac.new(b"hook-secret", request["body"], hashlib.sha256).hexdigest()
        self.assertEqual(request["headers"]["X-Duban-Signature"], expected)

    def test_channel_needs_its_credentials(self):
        """A channel without its credentials is refused with the missing fields named."""
        with self.assertRaisesRegex(ValidationError, "Corp ID"):
            self.env["duban.channel"].create({"name": "缺凭据", "kind": "wecom_app"})

    def test_test_send(self):
        """测试发送 sends a test message to the administrator, or says what the platform said."""
        admin = self.env.ref("base.user_admin")
        employee = admin.employee_id or self.env["hr.employee"].create(
            {"name": "管理员", "user_id": admin.id}
        )
        employee.duban_wecom_userid = "wx_admin"
        action = self.wecom_app.with_user(admin).action_test_send()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.platform.sent("/cgi-bin/message/send")[0]["touser"], "wx_admin")
        self.wecom_robot.sudo().webhook_key = "wrong-key"
        with self.assertRaisesRegex(UserError, "93000"):
            self.wecom_robot.with_user(admin).action_test_send()

    def test_access_rights(self):
        """Liaisons choose their channels but never see credentials, the queue or test sends."""
        self.liaison.with_user(self.liaison).write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_work.ids)]}
        )
        self.assertEqual(self.liaison._duban_get_push_channels(), self.ding_work)
        channel = self.wecom_app.with_user(self.liaison)
        self.assertEqual(channel.name, "企业微信督办应用")
        with self.assertRaises(AccessError):
            channel.read(["secret"])
        with self.assertRaises(AccessError):
            channel.action_test_send()
        self.assertFalse(self.env["duban.push"].with_user(self.officer).search([]))
        with self.assertRaises(AccessError):
            channel.write({"name": "改名"})

    def test_company_defaults_by_role(self):
        """Without a choice of their own, people get the channels the company set for their
        role; their own choice overrides it, and an archived channel reaches nobody."""
        group = "duban_supervision.group_duban_"
        self.wecom_app.default_group_ids = self.env.ref(f"{group}officer")
        self.ding_robot.default_group_ids = self.env.ref(f"{group}leader")
        self.assertFalse(self.liaison._duban_get_push_channels())
        self.assertEqual(self.officer._duban_get_push_channels(), self.wecom_app)
        self.assertEqual(self.leader._duban_get_push_channels(), self.ding_robot)
        self.assertEqual(self.principal.duban_reaching_channel_ids, self.ding_robot)
        self._issued_item(co_department_ids=[])
        self.assertFalse(self._notices(self.liaison), "the inbox only, for a liaison")
        self.liaison.with_user(self.liaison).write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_work.ids)]}
        )
        self.wecom_app.default_group_ids = self.env.ref(f"{group}liaison")
        self.assertEqual(self.liaison._duban_get_push_channels(), self.ding_work)
        self.ding_work.active = False
        self.assertFalse(self.liaison._duban_get_push_channels())
        self.liaison.with_user(self.liaison).duban_channel_choice = "default"
        self.assertEqual(self.liaison._duban_get_push_channels(), self.wecom_app)


@tagged("post_install", "-at_install")
class TestQueue(PushCase):
    def test_network_error_then_success(self):
        """A dropped connection is retried after a back-off, then the message goes."""
        self._notice(self.liaison, "k1")
        self.platform.fail_next("drop")
        self.env["duban.notice"]._dispatch(MONDAY_10)
        push = self._pushes(self.liaison)
        self.wecom_app.sudo().write(
            {"access_token": "token-9", "token_expiry": datetime(2099, 1, 1)}
        )
        self.platform.tokens.add("token-9")
        self.env["duban.push"]._send_due(MONDAY_10)
        self.assertEqual((push.state, push.attempts), ("queued", 1))
        self.assertEqual(push.date_next_try, MONDAY_10 + timedelta(minutes=1))
        self.env["duban.push"]._send_due(MONDAY_10 + timedelta(seconds=30))
        self.assertEqual(push.attempts, 1, "not before its next try")
        self.env["duban.push"]._send_due(MONDAY_10 + timedelta(minutes=1))
        self.assertEqual((push.state, push.attempts), ("sent", 2))

    def test_rate_limit_backs_off_the_whole_channel(self):
        """errcode 45009 puts the message back, and the channel rests for the rest of the run."""
        self._notice(self.liaison, "k1")
        self._notice(self.head, "k2")
        self.env["duban.notice"]._dispatch(MONDAY_10)
        self.wecom_app.sudo().write(
            {"access_token": "token-9", "token_expiry": datetime(2099, 1, 1)}
        )
        self.platform.tokens.add("token-9")
        self.platform.fail_next({"errcode": 45009, "errmsg": "api freq out of limit"})
        self.env["duban.push"]._send_due(MONDAY_10)
        pushes = self._pushes(self.liaison) | self._pushes(self.head)
        self.assertEqual(set(pushes.mapped("state")), {"queued"})
        self.assertEqual(len(self.platform.requests), 1, "the second push waited")
        self.env["duban.push"]._send_due(MONDAY_10 + timedelta(minutes=5))
        self.assertEqual(set(pushes.mapped("state")), {"sent"})

    def test_gives_up_after_the_last_back_off(self):
        """A platform still failing after every back-off leaves the push failed, for the admin."""
        self._notice(self.liaison, "k1")
        self.env["duban.notice"]._dispatch(MONDAY_10)
        push = self._pushes(self.liaison)
        self.platform.fail_next(*[503] * 10)
        now = MONDAY_10
        for _attempt in range(6):
            self.env["duban.push"]._send_due(now)
            now += timedelta(hours=5)
        self.assertEqual((push.state, push.attempts), ("failed", 6))
        self.assertIn("HTTP 503", push.last_response)
        push.action_retry()
        self.assertEqual(push.state, "queued")

    def test_queue_is_written_by_its_procedures_only(self):
        """An administrator tries a failed message again or sends one now, but writes no
        message, notice or access token by hand; a liaison cannot even retry."""
        admin = self.env.ref("base.user_admin")
        self._notice(self.liaison, "k1")
        self.env["duban.notice"]._dispatch(MONDAY_10)
        push = self._pushes(self.liaison).with_user(admin)
        notice = self._notices(self.liaison).with_user(admin)
        self.platform.fail_next({"errcode": 40003, "errmsg": "invalid userid"})
        push.action_send_now()
        self.assertEqual((push.state, push.attempts), ("failed", 1))
        for record, vals in (
            (push, {"state": "sent"}),
            (push, {"payload": "{}"}),
            (notice, {"state": "pending"}),
            (self.wecom_app.with_user(admin), {"access_token": "forged"}),
        ):
            with self.assertRaises(AccessError, msg=str(vals)):
                record.write(vals)
        with self.assertRaises(AccessError):
            push.with_user(self.liaison).action_retry()
        push.action_retry()
        self.assertEqual(push.state, "queued")
        self.wecom_app.with_user(admin).write({"name": "企业微信督办应用（新）"})

    def test_failed_push_never_blocks_the_workflow(self):
        """With the platform unreachable, items are still issued and signed for."""
        self.wecom_app.sudo().base_url = "http://127.0.0.1:9"
        item = self._issued_item(co_department_ids=[])
        self._dispatch_and_send()
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        self.assertEqual(lead.state, "in_progress")
        push = self._pushes(self.liaison)
        self.assertEqual((push.state, push.attempts), ("queued", 1))

    def test_idempotent_per_event_and_recipient(self):
        """The same event twice, two dispatches and two send runs: one message, sent once."""
        self._notice(self.liaison, "same-event")
        self._notice(self.liaison, "same-event")
        self.assertEqual(len(self._notices(self.liaison)), 1)
        self._dispatch_and_send()
        self._dispatch_and_send(MONDAY_10 + timedelta(minutes=10))
        self.assertEqual(len(self._pushes(self.liaison)), 1)
        self.assertEqual(len(self.platform.sent("/cgi-bin/message/send")), 1)

    def test_no_second_reminder_at_the_same_level(self):
        """Two reminder runs remind once; the same step told again finds its notice there."""
        # the cron's today, in the user's time zone (not the machine's: near midnight they differ)
        today = fields.Date.context_today(self.env["duban.assignment"])
        item = self._issued_item(co_department_ids=[], date_deadline=today)
        lead = self._lead(item)
        Assignment = self.env["duban.assignment"]
        Assignment._cron_remind()
        Assignment._cron_remind()
        notices = self._notices(self.liaison).filtered(
            lambda n: n.event_key.startswith("duban.assignment,")
        )
        self.assertEqual(notices.event_key, f"duban.assignment,{lead.id}:due")
        self.assertEqual(notices.category, "yellow")
        lead._add_reminder_notices(notices.activity_id, ["due"])
        self.assertEqual(len(self._notices(self.liaison).filtered("category")), 2)
        self.assertEqual(
            self.env["duban.notice"].search_count([("event_key", "=", notices.event_key)]), 1
        )


@tagged("post_install", "-at_install")
class TestSecrecy(PushCase):
    def test_classified_item_carries_no_word_of_it(self):
        """A 秘密 item's push says only that a classified item awaits, with a link."""
        words = ["绝密演练方案", "核查涉密载体", "保密处"]
        unit = self.env["hr.department"].create(
            {"name": words[2], "duban_liaison_id": self.liaison.id}
        )
        self.liaison.duban_clearance = "secret"
        item = self._issued_item(
            name=words[0],
            content=f"<p>{words[1]}</p>",
            security_level="secret",
            lead_department_id=unit.id,
            co_department_ids=[],
        )
        self.liaison.write(
            {
                "duban_channel_choice": "custom",
                "duban_channel_ids": [(6, 0, (self.wecom_app | self.webhook).ids)],
            }
        )
        self.env["duban.notice"]._add_notices(
            [
                self.env["duban.notice"]._notice_vals_for_activity(
                    self._lead(item), activity, event_key=f"again-{activity.id}"
                )
                for activity in self._lead(item).activity_ids
            ]
        )
        self._dispatch_and_send()
        payloads = [r["body"].decode() for r in self.platform.requests if r["method"] == "POST"]
        self.assertEqual(len(payloads), 2)
        for payload in payloads:
            for word in [*words, item.number, "演练", "涉密载体", "保密"]:
                self.assertNotIn(word, payload)
            self.assertIn("有一项涉密督办事项待您处理", payload)
            self.assertIn(f"/duban.assignment/{self._lead(item).id})", payload)


@tagged("post_install", "-at_install")
class TestBudget(PushCase):
    def test_saturday_waits_for_monday_0830(self):
        """A push due on a Saturday of the official calendar waits to Monday 8:30."""
        notice = self._notice(self.liaison, "k1")
        self.env["duban.notice"]._dispatch(SATURDAY_10)
        self.assertEqual(notice.state, "pending")
        self.assertEqual(notice.date_next, MONDAY_0830)
        self.env["duban.notice"]._dispatch(MONDAY_0830 - timedelta(minutes=1))
        self.assertEqual(notice.state, "pending")
        self.env["duban.notice"]._dispatch(MONDAY_0830)
        self.assertEqual(notice.state, "sent")

    def test_official_holiday_and_evening_wait(self):
        """A holiday of the official calendar and the evening both wait for the next window."""
        self.env["duban.workday"].create(
            {"date": date(2026, 11, 30), "day_type": "holiday", "name": "测试假日"}
        )
        notice = self._notice(self.liaison, "k1")
        self.env["duban.notice"]._dispatch(SATURDAY_10)
        self.assertEqual(notice.date_next, MONDAY_0830 + timedelta(days=1))
        evening = self._notice(self.head, "k2", date_next=datetime(2026, 12, 1, 11, 0))
        self.env["duban.notice"]._dispatch(datetime(2026, 12, 1, 11, 0))  # 19:00 Tuesday
        self.assertEqual(evening.date_next, datetime(2026, 12, 2, 0, 30))

    def test_escalation_to_leader_goes_at_once_if_the_budget_says(self):
        """A red escalation to a leader is the one exception, decided by the company's budget."""
        self.wecom_app.default_group_ids |= self.env.ref("duban_supervision.group_duban_leader")
        self.env["hr.employee"].create(
            {"name": self.leader.name, "user_id": self.leader.id, "duban_wecom_userid": "wx_leader"}
        )
        urgent = self._notice(self.leader, "k1", category="red", is_escalation=True)
        self.env["duban.notice"]._dispatch(SATURDAY_10)
        self.assertEqual(urgent.state, "sent")
        self._own_rules(push_escalation_anytime=False)
        later = self._notice(self.leader, "k2", category="red", is_escalation=True)
        self.env["duban.notice"]._dispatch(SATURDAY_10)
        self.assertEqual(later.state, "pending")

    def test_digest_thirty_due_items_one_message(self):
        """Thirty items due for one liaison on one day make one message, grouped by urgency."""
        today = fields.Date.context_today(self.env["duban.assignment"])  # the cron's today
        for number in range(30):
            self._issued_item(
                name=f"到期事项{number:02d}",
                co_department_ids=[],
                date_deadline=today,
            )
        self.env["duban.assignment"]._cron_remind()
        notices = self._notices(self.liaison)
        self.assertEqual(len(notices), 60, "30 to sign for and 30 due today")
        self._dispatch_and_send()
        bodies = self._sent_to("wx_liaison")
        self.assertEqual(len(bodies), 1)
        content = bodies[0]["markdown"]["content"]
        self.assertIn("督办提醒：60 项", content)
        self.assertLess(
            content.index("**黄灯：即将到期** (30)"), content.index("**待您签收或签字** (30)")
        )
        self.assertIn("……另有 20 项", content)
        self.assertLessEqual(len(content.encode()), 4096, "WeCom's markdown limit")

    def test_cap_per_person_per_day(self):
        """At most three messages a day; the fourth waits for the next morning's digest."""
        notices = self.env["duban.notice"]
        for minute in range(5):
            now = MONDAY_10 + timedelta(minutes=10 * minute)
            notices |= self._notice(self.liaison, f"k{minute}", date_next=now)
            self.env["duban.notice"]._dispatch(now)
        self.assertEqual(len(self._pushes(self.liaison)), 3)
        self.assertEqual(notices[3:].mapped("state"), ["pending", "pending"])
        tuesday_0830 = MONDAY_0830 + timedelta(days=1)
        self.assertEqual(set(notices[3:].mapped("date_next")), {tuesday_0830})
        self.env["duban.notice"]._dispatch(tuesday_0830)
        self.assertEqual(len(self._pushes(self.liaison)), 4)
        self.assertEqual(self._pushes(self.liaison)[0].notice_ids, notices[3:])

    def test_budget_settings_are_checked(self):
        """Quiet hours must make sense and the cap allow at least one push."""
        rules = self._own_rules()
        with self.assertRaises(ValidationError):
            rules.push_hour_from = 19
        with self.assertRaises(ValidationError):
            rules.push_daily_cap = 0


@tagged("post_install", "-at_install")
class TestUrgeByChannel(PushCase):
    def _urge(self, **vals):
        item = self._issued_item(co_department_ids=[])
        return (
            self.env["duban.urge"]
            .with_user(self.officer)
            .create(
                {
                    "assignment_id": self._lead(item).id,
                    "method": "push",
                    "channel_id": self.ding_work.id,
                    "content": "<p>请于今日报送进展。</p>",
                    **vals,
                }
            )
        )

    def _ding_sends(self):
        return self.platform.sent("/topapi/message/corpconversation/asyncsend_v2")

    def _refresh(self, urge):
        urge.invalidate_recordset(["push_state", "push_response", "push_ids"])
        return urge

    def test_urge_logged_with_channel_and_delivery(self):
        """An urge by message goes on its chosen channel; its status follows the queue."""
        urge = self._urge()
        urge.action_send()
        self.assertEqual((urge.state, urge.channel_id), ("sent", self.ding_work))
        self.assertEqual(urge.push_state, "waiting")
        self.env["duban.notice"]._dispatch(MONDAY_10)
        self.assertEqual(self._refresh(urge).push_state, "queued")
        self.assertEqual(urge.sudo().push_ids.channel_id, self.ding_work)
        self.assertFalse(self._ding_sends(), "the queue has not sent yet")
        self.env["duban.push"]._send_due(MONDAY_10)
        sends = self._ding_sends()
        self.assertEqual(len(sends), 1)
        self.assertEqual(sends[0]["userid_list"], "dd_liaison")
        self.assertEqual(self._refresh(urge).push_state, "sent")
        self.assertIn('"errcode": 0', urge.push_response)
        self.assertEqual(urge.sudo().push_ids.state, "sent")
        shown = urge.with_user(self.officer).read(["push_state", "push_response"])[0]
        self.assertEqual(shown["push_state"], "sent")

    def test_urge_link_opens_under_the_units_desk(self):
        """The urge's message links to the urge under its item in the liaison's 我的督办."""
        urge = self._urge()
        urge.action_send()
        self._dispatch_and_send()
        text = self._ding_sends()[0]["msg"]["markdown"]["text"]
        base = self.env.company.get_base_url()
        self.assertIn(
            f"({base}/odoo/action-duban_supervision.duban_item_action_my/{urge.item_id.id}"
            f"/duban.urge/{urge.id})",
            text,
        )

    def test_links_open_on_each_persons_action(self):
        """A push opens the record in the action its person works from: the unit's desk for
        liaisons, the office's lists for officers, the item for leaders."""
        item = self._issued_item(co_department_ids=[])
        lead = self._lead(item)
        notices = self.env["duban.notice"].search([("res_model", "=", "duban.assignment")])
        notice = notices.filtered(lambda n: n.user_id == self.liaison)
        self.assertTrue(notice)
        base = self.env.company.get_base_url()
        self.assertEqual(
            notice._get_record_url(lead, item),
            f"{base}/odoo/action-duban_supervision.duban_item_action_my/{item.id}"
            f"/duban.assignment/{lead.id}",
        )
        for user, path in (
            (self.officer, f"duban_assignment_action/{lead.id}"),
            (self.leader, f"duban_assignment_action/{lead.id}"),
        ):
            self.assertEqual(
                lead._get_push_path(user), f"/odoo/action-duban_supervision.{path}", user.name
            )
        self.assertEqual(
            item._get_push_path(self.liaison),
            f"/odoo/action-duban_supervision.duban_item_action_my/{item.id}",
        )
        self.assertEqual(
            item._get_push_path(self.leader),
            f"/odoo/action-duban_supervision.duban_item_action/{item.id}",
        )

    def test_channel_down_urge_still_logged(self):
        """With the platform down, the urge is made and logged; its message waits for a retry,
        and goes once the platform is back."""
        self.ding_work.sudo().base_url = "http://127.0.0.1:9"
        urge = self._urge()
        urge.action_send()
        self.assertEqual(urge.state, "sent")
        self.assertEqual(urge.activity_ids.user_id, self.liaison, "the liaison is to answer it")
        self._dispatch_and_send()
        self.assertEqual(self._refresh(urge).push_state, "queued")
        self.assertIn("127.0.0.1", urge.push_response)
        self.assertEqual(urge.sudo().push_ids.attempts, 1)
        self.ding_work.sudo().base_url = self.platform.url
        self.env["duban.push"]._send_due(MONDAY_10 + timedelta(minutes=1))
        self.assertEqual(self._refresh(urge).push_state, "sent")
        self.assertEqual(len(self._ding_sends()), 1)

    def test_urge_delivery_failure_is_visible(self):
        """A platform refusing the urge's message shows as failed on the urge."""
        urge = self._urge()
        urge.action_send()
        self.ding_work.sudo().secret = "wrong-app-secret"
        self._dispatch_and_send()
        self.assertEqual(self._refresh(urge).push_state, "failed")
        self.assertTrue(urge.push_response)

    def test_urge_form_offers_the_liaisons_channel(self):
        """Choosing “message”, the form proposes the channel that reaches the unit's liaison."""
        item = self._issued_item(co_department_ids=[])
        self.liaison.write(
            {"duban_channel_choice": "custom", "duban_channel_ids": [(6, 0, self.ding_work.ids)]}
        )
        form = Form(
            self.env["duban.urge"]
            .with_user(self.officer)
            .with_context(default_assignment_id=self._lead(item).id)
        )
        form.method_id = self.env["duban.urge.method"].search([("code", "=", "push")])
        self.assertEqual(form.channel_id, self.ding_work)
        form.content = "<p>请报送。</p>"
        urge = form.save()
        urge.action_send()
        self.assertEqual(urge.channel_id, self.ding_work)

    def test_pushes_are_read_by_their_person_only(self):
        """A liaison reads the messages sent to them, never another unit's; officers see an
        urge's delivery on the urge, not the queue."""
        urge = self._urge()
        urge.action_send()
        self._dispatch_and_send()
        push = self._pushes(self.liaison)
        self.assertEqual(push.with_user(self.liaison).read(["state"])[0]["state"], "sent")
        with self.assertRaises(AccessError):
            push.with_user(self.outsider).read(["state"])
        self.assertFalse(self.env["duban.push"].with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            urge.with_user(self.outsider).read(["push_state"])
        with self.assertRaises(AccessError):
            push.with_user(self.officer).read(["state"])
        with self.assertRaises(AccessError):
            urge.with_user(self.officer).read(["push_ids"])
        with self.assertRaises(AccessError):
            push.with_user(self.liaison).read(["notice_ids"])

    def test_urge_needs_a_channel_that_reaches_the_liaison(self):
        """No channel, or a liaison without a DingTalk userid: a clear refusal, nothing sent."""
        urge = self._urge(channel_id=False)
        with self.assertRaisesRegex(UserError, "Choose the channel"):
            urge.action_send()
        self.liaison.employee_id.duban_dingtalk_userid = False
        urge = self._urge()
        with self.assertRaisesRegex(UserError, "no userid"):
            urge.action_send()
        self.assertEqual(urge.state, "draft")
        self.assertFalse(self.env["duban.notice"].search([("urge_id", "=", urge.id)]))
