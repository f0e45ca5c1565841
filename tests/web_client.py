"""The web client's own calls, made without a browser: a session cookie from
``/web/session/authenticate``, then ``/web/dataset/call_kw`` with the field specifications the
views ask for (``web_search_read`` for lists and kanbans, ``web_read`` for forms).

Shared by the project's collision tests and the load test (``setup/load``), which gives its own
transport so that locust times each request.
"""

import itertools
import json
import urllib.request
import xml.etree.ElementTree as ET
from http.cookiejar import CookieJar

SUBVIEWS = ("list", "kanban", "form")


class WebError(Exception):
    """An error answer of a JSON-RPC call: Odoo's exception name and message."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def urllib_transport(base_url, timeout=120):
    """POST JSON with a cookie jar of its own, as one browser tab does."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def post(path, payload, name=None):
        request = urllib.request.Request(
            base_url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with opener.open(request, timeout=timeout) as response:
            return json.load(response)

    return post


class WebSession:
    """One user logged in to the web client."""

    _ids = itertools.count(1)

    def __init__(self, post, db, login, password=None):
        self.post = post
        self.db = db
        self.login = login
        self.specs = {}
        self.uid = self.rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password or login},
            name="login",
        )["uid"]

    def rpc(self, path, params, name=None):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        answer = self.post(path, payload, name or path)
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise WebError(data.get("name", ""), data.get("message", answer["error"]))
        return answer["result"]

    def call(self, model, method, *args, name=None, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            name=name or f"{model}.{method}",
        )

    # ---- as the views ask ----

    def spec(self, model, view_type, action_view_id=False):
        """The field specification the web client sends for ``model``'s default view."""
        key = (model, view_type)
        if key not in self.specs:
            views = self.call(
                model,
                "get_views",
                views=[[action_view_id, view_type]],
                options={},
                name=f"{model}.get_views",
            )
            arch = ET.fromstring(views["views"][view_type]["arch"])
            self.specs[key] = view_spec(arch, model, views["models"])
        return self.specs[key]

    def list(self, model, domain, view_type="list", limit=80, order="", name=None):
        return self.call(
            model,
            "web_search_read",
            domain=domain,
            specification=self.spec(model, view_type),
            offset=0,
            limit=limit,
            order=order,
            count_limit=10001,
            name=name or f"{model} {view_type}",
        )

    def open(self, model, record_id, name=None):
        return self.call(
            model,
            "web_read",
            [record_id],
            specification=self.spec(model, "form"),
            name=name or f"{model} form",
        )[0]

    def chatter(self, model, record_id, name=None):
        """What the chatter asks when a form opens: its thread data and first messages."""
        self.rpc(
            "/mail/data",
            {"fetch_params": [["mail.thread", {"thread_model": model, "thread_id": record_id,
                                                "request_list": ["activities", "attachments",
                                                                 "followers", "scheduledMessages",
                                                                 "suggestedRecipients"]}]]},
            name=name or f"{model} chatter",
        )  # fmt: skip
        return self.rpc(
            "/mail/thread/messages",
            {"thread_model": model, "thread_id": record_id, "fetch_params": {"limit": 30}},
            name=name or f"{model} messages",
        )


def review_before_signing(officer, item_ids, opinion="拟同意，请领导签发。"):
    """As the supervising office's head (the demo's 张明), review the items before they are
    signed, as the education commission's rules require (EC 四(一) 科室长审核), through the reason
    dialog; ``officer`` is any session with ``call(model, method, *args)``."""
    action = officer.call("duban.item", "action_pre_sign", item_ids)
    defaults = {
        key.removeprefix("default_"): value
        for key, value in action["context"].items()
        if key.startswith("default_")
    }
    wizard_id = officer.call("duban.reason.wizard", "create", {**defaults, "reason": opinion})
    officer.call("duban.reason.wizard", "action_confirm", [wizard_id])


def view_spec(arch, model, models):
    """A ``specification`` for ``web_read``/``web_search_read`` from a view's architecture, as
    the web client builds it: every field of the view, many2one with their display names,
    x2many with the fields of their inline views."""
    fields = models[model].get("fields", models[model])
    spec = {}
    for node in _own_fields(arch):
        field = fields.get(node.get("name"))
        if field:
            spec[node.get("name")] = _field_spec(node, field, models)
    return spec


def _own_fields(node):
    """The view's field nodes, not those of the inline sub-views of its x2many fields."""
    for child in node:
        if child.tag == "field":
            yield child  # its inline sub-views are left for _field_spec
        else:
            yield from _own_fields(child)


def _field_spec(node, field, models):
    if field["type"] == "many2one":
        return {"fields": {"display_name": {}}}
    if field["type"] in ("one2many", "many2many"):
        subview = next((child for child in node if child.tag in SUBVIEWS), None)
        comodel = field["relation"]
        if subview is not None and comodel in models:
            return {"fields": view_spec(subview, comodel, models), "limit": 40}
        return {"fields": {"display_name": {}}}
    return {}
