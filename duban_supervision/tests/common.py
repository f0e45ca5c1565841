import base64
import os
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user
from odoo.tests.common import ChromeBrowser

REPO = Path(__file__).resolve().parents[2]
# a build folder outside the tracked tree; setup/screenshots points this at docs/ to refresh
# the README's pictures
SHOTS = Path(os.environ.get("DUBAN_SCREENSHOTS_DIR") or REPO / ".local" / "screenshots")
PNG = b"\x89PNG\r\n\x1a\n"
# waits for ``selector`` in the page, lets the view settle, then ends the browser's test
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


class DubanOrgMixin:
    """A small organization: an office, two units (one with a sub-unit), and a user per role.

    Every user's password is their login.
    """

    @classmethod
    def _setup_duban_org(cls):
        group = "duban_supervision.group_duban_"
        roles = {
            # attribute: (login, role group, name, clearance)
            "principal": ("t_principal", "principal", "主要领导", "confidential"),
            "leader": ("t_leader", "leader", "分管领导", "internal"),
            "officer": ("t_officer", "officer", "督办员", "secret"),
            "other_officer": ("t_officer2", "officer", "别科督办员", "internal"),
            "head": ("t_head", "liaison", "主办科长", "internal"),
            "liaison": ("t_liaison", "liaison", "主办联络人", "internal"),
            "co_head": ("t_co_head", "liaison", "协办科长", "internal"),
            "co_liaison": ("t_co_liaison", "liaison", "协办联络人", "internal"),
            "outsider": ("t_outsider", "liaison", "无关联络人", "internal"),
        }
        for attribute, (login, role, name, clearance) in roles.items():
            user = new_test_user(
                cls.env,
                login,
                f"{group}{role}",
                password=login,
                name=name,
                duban_clearance=clearance,
            )
            setattr(cls, attribute, user)

        Department = cls.env["hr.department"]
        cls.office = Department.create(
            {"name": "测试办公室", "duban_is_office": True, "duban_leader_id": cls.leader.id}
        )
        cls.other_office = Department.create({"name": "测试督导室", "duban_is_office": True})
        cls.unit = Department.create({"name": "主办科", "duban_leader_id": cls.leader.id})
        cls.sub_unit = Department.create({"name": "主办科下属室", "parent_id": cls.unit.id})
        cls.co_unit = Department.create({"name": "协办科"})
        cls.other_unit = Department.create({"name": "无关科"})
        cls.empty_unit = Department.create({"name": "无人科"})

        Employee = cls.env["hr.employee"]
        for user, department in (
            (cls.officer, cls.office),
            (cls.other_officer, cls.other_office),
            (cls.head, cls.unit),
            (cls.liaison, cls.unit),
            (cls.co_head, cls.co_unit),
            (cls.co_liaison, cls.co_unit),
            (cls.outsider, cls.other_unit),
        ):
            employee = Employee.create(
                {"name": user.name, "user_id": user.id, "department_id": department.id}
            )
            if user in (cls.head, cls.co_head):
                department.manager_id = employee
        cls.unit.duban_liaison_id = cls.liaison
        cls.co_unit.duban_liaison_id = cls.co_liaison
        cls.other_unit.duban_liaison_id = cls.outsider
        cls.env.company.duban_principal_id = cls.principal
        # the rules these tests were written for: EC's windows and numbering, notices signed by
        # importance without a review first, reports signed by the unit head; each document's
        # own procedure is tested on its preset in test_policy_<document>.py
        cls.env.company.duban_policy_id = cls.env.ref("duban_supervision.policy_education").copy(
            {
                "name": "测试制度",
                "pre_sign_review": "none",
                "report_signer": "unit_head",
                # the lead unit as the office proposes it, and every supervision method
                "lead_unit_namer": "none",
                "urge_method_ids": [Command.set(cls.env["duban.urge.method"].search([]).ids)],
            }
        )

    @classmethod
    def _weekends_only(cls, start="2026-03-01", end="2026-04-30"):
        """The official calendar emptied from ``start`` to ``end``: only weekends are rest days
        there, so that the tests' working days do not hang on a year's announced holidays."""
        cls.env["duban.workday"].search([("date", ">=", start), ("date", "<=", end)]).unlink()

    @classmethod
    def _one_org_per_document(cls):
        """``cls.ec``, ``cls.ri`` and ``cls.un``: a company on each document's preset."""
        cls.ec = cls._company_org("区教委", "policy_education")
        cls.ri = cls._company_org("研究所", "policy_institute")
        cls.un = cls._company_org("学院", "policy_university")

    @classmethod
    def _company_org(cls, name, preset):
        """Another company on a preset's rules: its office, a unit and a co-unit, and a user per
        role, each working in that company only."""
        company = cls.env["res.company"].create(
            {"name": name, "duban_policy_id": cls.env.ref(f"duban_supervision.{preset}").id}
        )
        org = SimpleNamespace(company=company)
        roles = {
            "principal": ("principal", "主要领导", "confidential"),
            "leader": ("leader", "分管领导", "internal"),
            "officer": ("officer", "督办员", "secret"),
            "office_head": ("officer", "办公室主任", "secret"),
            "head": ("liaison", "主办单位负责人", "internal"),
            "liaison": ("liaison", "主办单位联络人", "internal"),
            "co_head": ("liaison", "协办单位负责人", "internal"),
            "co_liaison": ("liaison", "协办单位联络人", "internal"),
        }
        for attribute, (role, label, clearance) in roles.items():
            user = new_test_user(
                cls.env,
                f"t{company.id}_{attribute}",
                f"duban_supervision.group_duban_{role}",
                name=f"{name}{label}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                duban_clearance=clearance,
            )
            setattr(org, attribute, user)
        Department = cls.env["hr.department"].with_company(company)
        vals = {"company_id": company.id, "duban_leader_id": org.leader.id}
        org.office = Department.create({"name": f"{name}办公室", "duban_is_office": True, **vals})
        org.unit = Department.create({"name": f"{name}主办单位", **vals})
        org.co_unit = Department.create({"name": f"{name}协办单位", **vals})
        for user, department, manager in (
            (org.officer, org.office, False),
            (org.office_head, org.office, True),
            (org.head, org.unit, True),
            (org.liaison, org.unit, False),
            (org.co_head, org.co_unit, True),
            (org.co_liaison, org.co_unit, False),
        ):
            employee = cls.env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": department.id,
                    "company_id": company.id,
                }
            )
            if manager:
                department.manager_id = employee
        org.unit.duban_liaison_id = org.liaison
        org.co_unit.duban_liaison_id = org.co_liaison
        company.duban_principal_id = org.principal
        return org

    def _org_item(self, org, **overrides):
        """A registered item of ``org``'s office, for its unit and co-unit."""
        vals = {
            "name": "推进实验室安全专项检查",
            "kind": "special",
            "source": "leader",
            "instructing_leader_id": org.principal.id,
            "content": "<p>全面检查实验室安全。</p>",
            "office_id": org.office.id,
            "lead_department_id": org.unit.id,
            "co_department_ids": [Command.set(org.co_unit.ids)],
            "date_registered": date(2026, 3, 2),
            "date_deadline": date(2026, 3, 20),
        }
        vals.update(overrides)
        vals = {key: value for key, value in vals.items() if value is not None}
        return self.env["duban.item"].with_user(org.officer).create(vals)

    def _org_issued_item(self, org, **overrides):
        """An item of ``org`` submitted, signed by its signing leader and issued."""
        item = self._org_item(org, **overrides)
        item.action_submit()
        if item.pre_sign_pending:
            item.with_user(org.office_head)._action_pre_sign("拟同意，请领导签发。")
        if item.lead_naming_pending and not item._may_name_lead(item.approver_id):
            item.with_user(org.principal)._name_lead_unit(
                item.lead_department_id, item.co_department_ids
            )
        item.with_user(item.approver_id).action_approve()
        item.action_issue()
        return item

    def _use_policy(self, preset, company=None, **changes):
        """Put ``company`` (the current one by default) on a preset's rules, or on a copy of
        them with ``changes``, as an administrator would; returns the rules."""
        policy = self.env.ref(f"duban_supervision.{preset}")
        if changes:
            policy = policy.copy(changes)
        (company or self.env.company).duban_policy_id = policy
        return policy

    def _clear_unit_people(self, level="secret"):
        """The liaisons and heads of the unit and the co-unit cleared for ``level`` items, as
        they must be to be given one."""
        (self.liaison | self.head | self.co_liaison | self.co_head).write(
            {"duban_clearance": level}
        )

    def _item_vals(self, **overrides):
        vals = {
            "name": "推进校园安全专项整治",
            "kind": "special",
            "source": "leader",
            "instructing_leader_id": self.principal.id,
            "content": "<p>全面排查校园安全隐患。</p>",
            "office_id": self.office.id,
            "lead_department_id": self.unit.id,
            "co_department_ids": [(6, 0, [self.co_unit.id])],
            "date_registered": date(2026, 3, 2),
            "date_deadline": date(2026, 3, 20),
        }
        vals.update(overrides)
        # None drops a default, so that computed values (the time limit) take over
        return {key: value for key, value in vals.items() if value is not None}

    def _create_item(self, **overrides):
        return self.env["duban.item"].with_user(self.officer).create(self._item_vals(**overrides))

    def _issued_item(self, **overrides):
        """An item taken through submission, signature and issue by the right people."""
        item = self._create_item(**overrides)
        item.action_submit()
        if item.pre_sign_pending:
            item.with_user(item._get_pre_sign_reviewer())._action_pre_sign("拟同意，请领导签发。")
        item.with_user(item.approver_id).action_approve()
        item.action_issue()
        return item

    def _after_commit(self):
        """Run what follows an issue's commit: Odoo's after-commit work, then the cron that tells
        the units of their new work (``duban.issue.tell``)."""
        with self.enter_registry_test_mode():
            self.env.cr.postcommit.run()
        self.env["duban.issue.tell"]._cron_tell()

    def _lead(self, item):
        return item.assignment_ids._current().filtered(lambda a: a.role == "lead")

    def _co(self, item):
        return item.assignment_ids._current().filtered(lambda a: a.role == "co")

    def _confirm_reason(self, user, action, reason):
        """Fill in and confirm, as ``user``, the reason dialog an action opened."""
        wizard = (
            self.env["duban.reason.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()

    def _report(self, assignment, user, report_type="completion", content="<p>已全部完成。</p>"):
        return (
            self.env["duban.report"]
            .with_user(user)
            .create(
                {
                    "name": "办理情况报告",
                    "assignment_id": assignment.id,
                    "report_type": report_type,
                    "content": content,
                }
            )
        )

    def _sign_and_submit(self, report):
        """The unit's head signs the report, and the unit submits it to the office."""
        report.action_request_sign()
        report.with_user(report.assignment_id.head_id).action_sign()
        report.action_submit()

    def _close_item(self, item, user=None, explanation="已说明情况", opinion=None):
        """Close ``item`` (待办结) as ``user`` through the closing dialog, explaining every unit
        that needs it."""
        user = user or item.user_id
        action = item.with_user(user).action_close()
        wizard = (
            self.env["duban.close.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"close_opinion": opinion})
        )
        for line in wizard.line_ids.filtered("needs_explanation"):
            line.explanation = explanation
        return wizard.action_confirm()

    def _accept_and_close(self, report, user=None):
        """The office accepts the completion report and closes its item."""
        user = user or report.item_id.user_id
        report.with_user(user).action_accept()
        self._close_item(report.item_id, user)

    @classmethod
    def _load_chinese(cls, modules=("duban_supervision",)):
        """Chinese active, with the terms of ``modules`` (field labels included) loaded."""
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "in", modules)])._update_translations(
            ["zh_CN"]
        )


class DubanCase(DubanOrgMixin, TransactionCase):
    """Supervision tests on the small organization, with mail tracking off unless asked for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls._setup_duban_org()


class DubanTourCase(DubanOrgMixin, HttpCase):
    """The real web client in headless Chromium, in Chinese, each step by its own user."""

    _translated_modules = ("duban_supervision",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_duban_org()
        cls._load_chinese(cls._translated_modules)
        (cls.officer | cls.leader | cls.liaison | cls.head).write({"lang": "zh_CN"})

    def _form_url(self, record):
        return f"/odoo/{record._name}/{record.id}"

    def _screenshot(self, url, selector, name, user):
        """Open ``url`` as ``user`` in headless Chromium and save the page as ``name`` in the
        build folder (``docs/`` through ``setup/screenshots``)."""
        shots = []
        original_stop = ChromeBrowser.stop

        def stop_after_screenshot(browser):
            result = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            shots.append(base64.b64decode(result["data"]))
            original_stop(browser)

        with patch.object(ChromeBrowser, "stop", stop_after_screenshot):
            self.browser_js(url, WAIT_FOR % (selector, selector), login=user.login, timeout=90)
        self.assertTrue(shots and shots[0].startswith(PNG), f"no screenshot of {url}")
        self.assertGreater(len(shots[0]), 20_000, f"{name} looks empty")
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / name).write_bytes(shots[0])

    def _tour(self, url, tour, user):
        self.start_tour(url, tour, login=user.login, timeout=120)
