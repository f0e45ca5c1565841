import base64
import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta
from urllib.parse import quote_plus

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

CHANNEL_KINDS = [
    ("wecom_robot", "WeCom group robot"),
    ("wecom_app", "WeCom application message"),
    ("dingtalk_robot", "DingTalk group robot"),
    ("dingtalk_work", "DingTalk work notification"),
    ("webhook", "JSON webhook"),
]
# the platforms' own addresses; tests and private deployments point channels elsewhere
DEFAULT_BASE_URLS = {
    "wecom_robot": "https://qyapi.weixin.qq.com",
    "wecom_app": "https://qyapi.weixin.qq.com",
    "dingtalk_work": "https://oapi.dingtalk.com",
}
# channels that message one person; the others post into a group and mention the person
PERSONAL_KINDS = ("wecom_app", "dingtalk_work", "webhook")
# errcodes of an access token that expired or was revoked: fetch a new one and try again
TOKEN_EXPIRED_CODES = {40014, 42001, 42009, 88}
# errcodes of "too many requests" or "busy": try again later
RATE_LIMIT_CODES = {-1, 45009, 45033, 130101, 90002, 90018, 143105}
HTTP_TIMEOUT = 10


class DeliveryResult:
    """What a platform answered: delivered, worth another try later, and its words."""

    def __init__(self, ok, retry=False, response=""):
        self.ok = ok
        self.retry = retry
        self.response = response


class DubanChannel(models.Model):
    """A company's way of pushing reminders to the tools people read: WeCom, DingTalk, a webhook.

    The credentials are the company's own configuration; which reminders go out, and when, is
    decided by the reminder budget (``duban.notice``), and the sending by the queue
    (``duban.push``).
    """

    _name = "duban.channel"
    _description = "Supervision delivery channel"
    _inherit = ["duban.write.guard"]
    _order = "sequence, id"
    _check_company_auto = True
    # the administrators configure channels; the access token is the channel's own bookkeeping
    _write_table = {
        "*": {
            "manager": (
                "name",
                "sequence",
                "active",
                "company_id",
                "kind",
                "base_url",
                "webhook_url",
                "webhook_key",
                "corp_id",
                "agent_id",
                "app_key",
                "secret",
                "default_group_ids",
            )
        }
    }

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(CHANNEL_KINDS, string="Platform", required=True, default="wecom_robot")
    is_personal = fields.Boolean(compute="_compute_is_personal")
    base_url = fields.Char(
        string="API address",
        groups="duban_supervision.group_duban_manager",
        help="The platform's API address. Change it only for a private deployment or a proxy.",
    )
    webhook_url = fields.Char(
        string="Webhook address",
        groups="duban_supervision.group_duban_manager",
        help="DingTalk robot: the robot's webhook, https://oapi.dingtalk.com/robot/send?"
        "access_token=…; JSON webhook: the address that receives the JSON.",
    )
    webhook_key = fields.Char(
        string="Robot key",
        groups="duban_supervision.group_duban_manager",
        help="WeCom group robot: the key= part of the robot's webhook address.",
    )
    corp_id = fields.Char(string="Corp ID", groups="duban_supervision.group_duban_manager")
    agent_id = fields.Char(string="Agent ID", groups="duban_supervision.group_duban_manager")
    app_key = fields.Char(
        string="App key",
        groups="duban_supervision.group_duban_manager",
        help="DingTalk work notifications: the AppKey of the internal application.",
    )
    secret = fields.Char(
        string="Secret key",
        groups="duban_supervision.group_duban_manager",
        help="WeCom application: its Secret. DingTalk application: its AppSecret. DingTalk "
        "robot: the signing secret (SEC…). JSON webhook: signs each body (X-Duban-Signature).",
    )
    access_token = fields.Char(groups="base.group_system", copy=False)
    token_expiry = fields.Datetime(groups="base.group_system", copy=False)
    default_group_ids = fields.Many2many(
        "res.groups",
        string="Default for roles",
        help="People in these roles get reminders on this channel unless they chose otherwise.",
    )

    @api.depends("kind")
    def _compute_is_personal(self):
        for channel in self:
            channel.is_personal = channel.kind in PERSONAL_KINDS

    @api.constrains("kind", "webhook_url", "webhook_key", "corp_id", "agent_id", "app_key")
    def _check_credentials(self):
        # sudo: the credentials are readable by administrators only, whoever saves the channel
        for channel in self.sudo():
            missing = channel._get_missing_credentials()
            if missing:
                raise ValidationError(
                    self.env._(
                        "The channel “%(channel)s” needs: %(fields)s.",
                        channel=channel.name,
                        fields="、".join(missing),
                    )
                )

    def _get_missing_credentials(self):
        self.ensure_one()
        needed = {
            "wecom_robot": ["webhook_key"],
            "wecom_app": ["corp_id", "agent_id", "secret"],
            "dingtalk_robot": ["webhook_url"],
            "dingtalk_work": ["agent_id", "app_key", "secret"],
            "webhook": ["webhook_url"],
        }[self.kind]
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in needed
            if not self[name]
        ]

    # ---- Actions ----

    def action_test_send(self):
        """测试发送: a test message to the administrator pressing the button, right now."""
        self.ensure_one()
        self.env["duban.notice"]._check_manager()
        user = self.env.user
        message = self.env["duban.notice"].with_context(lang=user.lang)._build_test_message()
        # sudo: the access token is cached on the channel, a field for system administrators
        payload = self.sudo()._prepare_payload(message, user)
        result = self.sudo()._deliver(payload)
        if not result.ok:
            raise UserError(
                self.env._(
                    "The test message did not go through: %(response)s",
                    response=result.response,
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Test message sent"),
                "message": self.env._(
                    "%(channel)s answered: %(response)s",
                    channel=self.name,
                    response=result.response,
                ),
                "sticky": False,
            },
        }

    # ---- Payloads ----

    def _get_platform_userid(self, user):
        """The person's userid on this channel's platform (from their employee record)."""
        self.ensure_one()
        # sudo: employee records are HR data; only the platform userid is read
        employee = user.sudo().employee_id
        if self.kind.startswith("wecom"):
            return employee.duban_wecom_userid or ""
        if self.kind.startswith("dingtalk"):
            return employee.duban_dingtalk_userid or ""
        return ""

    def _prepare_payload(self, message, user):
        """The JSON body this channel's platform expects for ``message`` to ``user``.

        ``message`` is a dict with ``title``, ``markdown`` (the text), ``url`` and ``items``.
        Raises UserError when the person cannot be reached on this channel.
        """
        self.ensure_one()
        userid = self._get_platform_userid(user)
        if self.kind in ("wecom_app", "dingtalk_work") and not userid:
            raise UserError(
                self.env._(
                    "%(user)s has no %(platform)s userid on their employee record.",
                    user=user.name,
                    platform=dict(CHANNEL_KINDS)[self.kind],
                )
            )
        text = message["markdown"]
        if self.kind == "wecom_robot":
            mention = f"\n<@{userid}>" if userid else ""
            return {"msgtype": "markdown", "markdown": {"content": text + mention}}
        if self.kind == "wecom_app":
            return {
                "touser": userid,
                "msgtype": "markdown",
                "agentid": int(self.agent_id),
                "markdown": {"content": text},
            }
        if self.kind == "dingtalk_robot":
            return {
                "msgtype": "markdown",
                "markdown": {
                    "title": message["title"],
                    "text": text + (f"\n\n@{userid}" if userid else ""),
                },
                "at": {"atUserIds": [userid] if userid else [], "isAtAll": False},
            }
        if self.kind == "dingtalk_work":
            return {
                "agent_id": int(self.agent_id),
                "userid_list": userid,
                "msg": {
                    "msgtype": "markdown",
                    "markdown": {"title": message["title"], "text": text},
                },
            }
        return {
            "event": "duban.reminder",
            "recipient": {"login": user.login, "name": user.name, "email": user.email or ""},
            "title": message["title"],
            "text": text,
            "url": message["url"],
            "items": message["items"],
        }

    # ---- Delivery ----

    def _deliver(self, payload):
        """Send one JSON body to the platform; never raises, answers a DeliveryResult."""
        self.ensure_one()
        try:
            if self.kind in ("wecom_app", "dingtalk_work"):
                result = self._post_with_token(payload)
                if not result.ok and result.retry == "token":
                    self._forget_token()
                    result = self._post_with_token(payload)
                    if result.retry == "token":
                        result.retry = False
                return result
            return self._post(self._get_send_url(), payload)
        except (requests.RequestException, ValueError) as error:
            # the network or the platform is down: the queue tries again later
            return DeliveryResult(False, True, str(error)[:500])
        except UserError as error:
            return DeliveryResult(False, False, str(error))

    def _get_base_url(self):
        return (self.base_url or DEFAULT_BASE_URLS.get(self.kind, "")).rstrip("/")

    def _get_send_url(self, token=None):
        if self.kind == "wecom_robot":
            return f"{self._get_base_url()}/cgi-bin/webhook/send?key={quote_plus(self.webhook_key)}"
        if self.kind == "wecom_app":
            return f"{self._get_base_url()}/cgi-bin/message/send?access_token={quote_plus(token)}"
        if self.kind == "dingtalk_work":
            return (
                f"{self._get_base_url()}/topapi/message/corpconversation/asyncsend_v2"
                f"?access_token={quote_plus(token)}"
            )
        if self.kind == "dingtalk_robot" and self.secret:
            timestamp, sign = self._dingtalk_sign()
            separator = "&" if "?" in self.webhook_url else "?"
            return f"{self.webhook_url}{separator}timestamp={timestamp}&sign={sign}"
        return self.webhook_url

    def _dingtalk_sign(self, timestamp=None):
        """DingTalk's robot signature: HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret,
        in base64, URL-encoded; the timestamp in milliseconds."""
        timestamp = timestamp or str(round(time.time() * 1000))
        digest = hmac.new(
            self.secret.encode(), f"{timestamp}\n{self.secret}".encode(), hashlib.sha256
        ).digest()
        return timestamp, quote_plus(base64.b64encode(digest))

    def _post(self, url, payload):
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.kind == "webhook" and self.secret:
            headers["X-Duban-Signature"] = hmac.new(
                self.secret.encode(), body, hashlib.sha256
            ).hexdigest()
        response = requests.post(url, data=body, headers=headers, timeout=HTTP_TIMEOUT)
        return self._read_response(response)

    def _read_response(self, response):
        text = response.text[:1000]
        if response.status_code == 429 or response.status_code >= 500:
            return DeliveryResult(False, True, f"HTTP {response.status_code} {text}")
        if response.status_code >= 400:
            return DeliveryResult(False, False, f"HTTP {response.status_code} {text}")
        if self.kind == "webhook":
            return DeliveryResult(True, False, f"HTTP {response.status_code} {text}")
        code = response.json().get("errcode", 0)
        if code == 0:
            return DeliveryResult(True, False, text)
        if code in TOKEN_EXPIRED_CODES and self.kind in ("wecom_app", "dingtalk_work"):
            return DeliveryResult(False, "token", text)
        return DeliveryResult(False, code in RATE_LIMIT_CODES, text)

    def _post_with_token(self, payload):
        token = self._get_access_token()
        if isinstance(token, DeliveryResult):
            return token
        return self._post(self._get_send_url(token), payload)

    def _get_access_token(self):
        """The cached access token, or a new one (gettoken) when it is missing or expiring."""
        now = fields.Datetime.now()
        if self.access_token and self.token_expiry and self.token_expiry > now:
            return self.access_token
        if self.kind == "wecom_app":
            url = f"{self._get_base_url()}/cgi-bin/gettoken"
            params = {"corpid": self.corp_id, "corpsecret": self.secret}
        else:
            url = f"{self._get_base_url()}/gettoken"
            params = {"appkey": self.app_key, "appsecret": self.secret}
        response = requests.get(url, params=params, timeout=HTTP_TIMEOUT)
        result = self._read_response(response)
        if not result.ok:
            result.retry = bool(result.retry) and result.retry != "token"
            return result
        data = response.json()
        self.write(
            {
                "access_token": data["access_token"],
                # renewed a minute early, so a token never expires on its way
                "token_expiry": now + timedelta(seconds=int(data.get("expires_in", 7200)) - 60),
            }
        )
        return data["access_token"]

    def _forget_token(self):
        self.write({"access_token": False, "token_expiry": False})
