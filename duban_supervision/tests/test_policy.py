from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestPolicy(DubanCase):
    """The rule profile (督办制度) each company follows, and what models ask of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._weekends_only()
        cls.ec = cls.env.ref("duban_supervision.policy_education")
        cls.ri = cls.env.ref("duban_supervision.policy_institute")
        cls.un = cls.env.ref("duban_supervision.policy_university")

    def test_presets_follow_their_documents(self):
        """Each preset holds its document's values, and each field's help cites a clause."""
        self.assertEqual(
            (self.ec.registration_days, self.ec.objection_days, self.ec.day_counting),
            (5, 1, "working_days"),
        )
        self.assertEqual(
            (self.ri.special_days, self.ri.day_counting, self.ri.objection_days),
            (10, "calendar_days", 0),
        )
        self.assertEqual((self.un.registration_days, self.un.objection_days), (0, 0))
        self.assertEqual(self.un._format_number(2026, 12), "通师督字[2026]第12号")
        self.assertEqual(self.ec._format_number(2026, 12), "〔2026〕12号")
        self.assertTrue(self.ec.preset and self.ri.preset and self.un.preset)
        fields_ = self.env["duban.policy"]._fields
        for name in ("day_counting", "special_days", "registration_days", "objection_days"):
            self.assertRegex(fields_[name].help, r"(EC|RI|UN) ([一二三四五六七八九十]|附件)", name)

    def test_new_company_follows_the_default_rules(self):
        """A company created without rules follows the education commission's preset."""
        company = self.env["res.company"].create({"name": "新建单位"})
        self.assertEqual(company.duban_policy_id, self.ec)
        self.assertEqual(company._duban_policy(), self.ec)
        self.assertTrue(self.env.company.duban_policy_id)

    def test_admin_copies_a_preset_and_edits_the_copy(self):
        """The preset itself is refused; its copy is edited through the form and chosen."""
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesRegex(UserError, "duplicate it"):
            self.ri.with_user(admin).special_days = 15
        copy = self.ri.with_user(admin).copy()
        self.assertFalse(copy.preset)
        self.assertIn("(copy)", copy.name)
        with Form(copy) as form:
            form.name = "本所督办制度"
            form.special_days = 15
            form.objection_days = 2
        settings = self.env["res.config.settings"].with_user(admin).create({})
        settings.duban_policy_id = copy
        settings.execute()
        self.assertEqual(self.env.company.duban_policy_id, copy)
        self.assertEqual(copy.company_ids, self.env.company)
        self.assertEqual(self.ri.special_days, 10, "the preset is unchanged")
        with self.assertRaisesRegex(UserError, "follows these rules"):
            copy.with_user(admin).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.ri.with_user(admin).unlink()

    def test_access_rights(self):
        """Everyone in supervision reads the rules; only administrators change them."""
        for user in (self.liaison, self.officer, self.principal):
            self.assertEqual(self.ec.with_user(user).objection_days, 1)
            with self.assertRaises(AccessError):
                self.ec.with_user(user).copy()
        copy = self.ec.copy({"name": "自定义"})
        with self.assertRaises(AccessError):
            copy.with_user(self.officer).write({"objection_days": 3})
        outsider = self.env["res.users"].create({"name": "外部", "login": "t_plain_user"})
        with self.assertRaises(AccessError):
            self.ec.with_user(outsider).read(["name"])

    def test_bad_values_are_refused(self):
        """Negative days, an unordered ladder and a pattern without the number are refused."""
        copy = self.ec.copy()
        for vals, message in (
            ({"objection_days": -1}, "negative"),
            ({"escalate_head_days": 4, "escalate_leader_days": 2}, "step by step"),
            ({"number_pattern": "〔%(year)s〕号"}, "seq"),
            ({"name": "坏\x00名"}, "NUL"),
        ):
            with self.assertRaises(ValidationError) as caught:
                copy.write(vals)
            self.assertIn(message, str(caught.exception))
        self.assertEqual(copy.objection_days, 1, "nothing was changed")
        self.assertEqual(copy.escalate_head_days, 1)

    def test_objection_window_follows_the_rules(self):
        """EC: one working day to object; UN and RI: no objection, refused with the reason."""
        with freeze_time("2026-03-06"):  # a Friday
            ec_lead = self._lead(self._issued_item(co_department_ids=[]))
            self._use_policy("policy_university", pre_sign_review="none")
            un_lead = self._lead(self._issued_item(co_department_ids=[], name="学校事项"))
            self._use_policy("policy_education", objection_days=3, pre_sign_review="none")
            own_lead = self._lead(self._issued_item(co_department_ids=[], name="三日异议"))
        self.assertEqual(ec_lead.date_objection_limit, date(2026, 3, 9), "the next working day")
        self.assertEqual(own_lead.date_objection_limit, date(2026, 3, 11))
        self.assertFalse(un_lead.date_objection_limit)
        with freeze_time("2026-03-06"), self.assertRaisesRegex(UserError, "no objection"):
            un_lead.with_user(self.liaison).action_object()
        self.assertEqual(un_lead.state, "to_sign")
        with freeze_time("2026-03-09"):
            action = ec_lead.with_user(self.liaison).action_object()
            self._confirm_reason(self.liaison, action, "不属于本科室职责")
        self.assertEqual(ec_lead.state, "returned")

    def test_registration_window_follows_the_rules(self):
        """EC flags registration after 5 working days; RI has no registration window."""
        item = self._create_item(date_received="2026-03-02", date_registered="2026-03-16")
        self.assertEqual(item.date_registration_limit, date(2026, 3, 9))
        self.assertTrue(item.registered_late)
        self._use_policy("policy_institute")
        ri_item = self._create_item(date_received="2026-03-02", date_registered="2026-03-16")
        self.assertFalse(ri_item.date_registration_limit)
        self.assertFalse(ri_item.registered_late)

    def test_reminder_ladder_follows_the_rules(self):
        """A company whose rules remind five days ahead reminds earlier than the preset's two."""
        with freeze_time("2026-03-02"):
            item = self._issued_item(co_department_ids=[], date_deadline="2026-03-20")
        lead = self._lead(item)
        with freeze_time("2026-03-16"):  # five working days ahead
            self.env["duban.assignment"]._cron_remind()
            self.assertEqual(lead.reminder_level, "none")
            self._use_policy("policy_education", reminder_days=5)
            self.env["duban.assignment"]._cron_remind()
            self.assertEqual(lead.reminder_level, "before")

    def test_yellow_window_per_company(self):
        """Two companies, two yellow windows: the same time limit is yellow in one only."""
        other = self.env["res.company"].create({"name": "第二单位"})
        self._use_policy("policy_education", company=other, yellow_days=10)
        with freeze_time("2026-03-02"):
            here = self._create_item(date_deadline="2026-03-10")
            there = (
                self.env["duban.item"]
                .with_company(other)
                .create(
                    {
                        "name": "另一单位的事项",
                        "company_id": other.id,
                        "date_registered": "2026-03-02",
                        "date_deadline": "2026-03-10",
                    }
                )
            )
            self.assertEqual(here.traffic_light, "green")
            self.assertEqual(there.traffic_light, "yellow")
            self.env["duban.item"]._refresh_traffic_lights()
            self.assertEqual((here | there).mapped("traffic_light"), ["green", "yellow"])

    def test_notice_numbers_follow_the_rules(self):
        """The number of an issued item takes the pattern of its company's rules."""
        self._use_policy("policy_university", pre_sign_review="none")
        with freeze_time("2026-05-06"):
            item = self._issued_item()
        self.assertRegex(item.number, r"^通师督字\[2026\]第\d+号$")


@tagged("post_install", "-at_install")
class TestNumbersPerCompany(DubanCase):
    """Notice numbers run per company and per year, gapless, each company from 1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.school = cls._company_org("师范学院", "policy_university")
        cls.county = cls._company_org("县教委", "policy_education")

    def test_each_company_starts_at_one_every_year(self):
        """A new company's first notice is number 1, whatever the other companies issued."""
        with freeze_time("2026-05-06"):
            here = [self._issued_item(name=f"本单位{n}") for n in range(2)]
            school = [self._org_issued_item(self.school, name=f"学校{n}") for n in range(3)]
            county = self._org_issued_item(self.county)
        with freeze_time("2027-01-05"):
            next_year = self._org_issued_item(
                self.school, name="次年", date_registered="2027-01-04", date_deadline="2027-02-01"
            )
        self.assertEqual(
            [item.number for item in school],
            ["通师督字[2026]第1号", "通师督字[2026]第2号", "通师督字[2026]第3号"],
        )
        self.assertEqual(county.number, "〔2026〕1号")
        self.assertEqual(next_year.number, "通师督字[2027]第1号")
        first = int(here[0].number.strip("〔〕号").split("〕")[1])
        self.assertEqual(here[1].number, f"〔2026〕{first + 1}号", "no gap in one company")
