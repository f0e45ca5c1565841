from odoo import models
from odoo.exceptions import AccessError, MissingError
from odoo.tests import tagged

from .common import DubanCase


@tagged("post_install", "-at_install")
class TestRulesInSql(DubanCase):
    """Reading several items, shares or reports checks their record rules with one query
    (``duban.rules.in.sql``), and answers exactly as Odoo's own check in Python does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.sub_liaison = cls.env["res.users"].create(
            {
                "name": "下属室联络人",
                "login": "t_sub_liaison",
                "group_ids": [(6, 0, [cls.env.ref("duban_supervision.group_duban_liaison").id])],
            }
        )
        cls.sub_unit.duban_liaison_id = cls.sub_liaison

    def _ask_the_database_from(self, count):
        """Check the rules in SQL from ``count`` records on (ten in use, a page of a list)."""
        for model in ("duban.item", "duban.assignment", "duban.report"):
            self.patch(type(self.env[model]), "_rules_in_sql_from", count)

    def _some_of_everything(self):
        """Items of three units, a draft, a secret one and a sub-unit's; their shares and a
        report of each lead unit."""
        self._clear_unit_people()
        items = (
            self._issued_item()
            | self._issued_item(
                name="协办科主办", lead_department_id=self.co_unit.id, co_department_ids=[]
            )
            | self._issued_item(lead_department_id=self.other_unit.id, co_department_ids=[])
            | self._issued_item(lead_department_id=self.sub_unit.id, co_department_ids=[])
            | self._issued_item(name="秘密事项", security_level="secret", co_department_ids=[])
            | self._create_item(name="草稿")
        )
        shares = items.assignment_ids
        for share in shares.filtered(lambda s: s.state == "to_sign" and s.liaison_id):
            share.with_user(share.liaison_id).action_sign()
        reports = self.env["duban.report"]
        for share in shares.filtered(lambda s: s.role == "lead" and s.state == "in_progress"):
            reports |= self._report(share, share.liaison_id, report_type="progress")
        return items, shares, reports

    def _people(self):
        return [
            self.principal,
            self.leader,
            self.officer,
            self.other_officer,
            self.head,
            self.liaison,
            self.co_head,
            self.co_liaison,
            self.outsider,
            self.sub_liaison,
        ]

    def test_the_query_answers_as_odoo_checks_in_python(self):
        """For every person and every kind of record, the records they may read are the ones
        Odoo's check in Python lets through, no more, no fewer."""
        self._ask_the_database_from(2)
        everything = self._some_of_everything()
        for records in everything:
            self.assertGreater(len(records), 2)
            for person in self._people():
                mine = records.with_user(person)
                with self.subTest(model=records._name, person=person.name):
                    odoo_forbidden = models.BaseModel._check_access(mine, "read")
                    odoo_allowed = mine - odoo_forbidden[0] if odoo_forbidden else mine
                    self.assertEqual(mine._filtered_access("read"), odoo_allowed)
                    allowed_by_sql = mine._read_rules_all_allow()
                    self.assertEqual(allowed_by_sql, not odoo_forbidden)

    def test_a_forbidden_record_among_several_is_refused_as_odoo_refuses_it(self):
        """One item of another unit among the liaison's own: the read is refused with Odoo's
        access error."""
        self._ask_the_database_from(2)
        self._clear_unit_people()
        mine = self._issued_item() | self._issued_item(name="本科第二事")
        theirs = self._issued_item(
            name="无关科的事", lead_department_id=self.other_unit.id, co_department_ids=[]
        )
        self.env.invalidate_all()
        self.assertEqual(len(mine.with_user(self.liaison).read(["name"])), 2)
        several = (mine | theirs).with_user(self.liaison)
        forbidden, odoo_error = models.BaseModel._check_access(several, "read")
        self.assertEqual(forbidden, theirs)
        with self.assertRaises(AccessError) as refusal:
            several.read(["name"])
        self.assertEqual(str(refusal.exception), str(odoo_error()))

    def test_a_deleted_record_among_several_is_missing_not_forbidden(self):
        """A record deleted meanwhile is reported missing by the check, as Odoo reports it (its
        reads then go on with the records that remain)."""
        self._ask_the_database_from(2)
        first = self._create_item(name="草稿一")
        second = self._create_item(name="草稿二")
        gone_id = second.id
        second.unlink()
        readers = self.env["duban.item"].with_user(self.officer).browse([first.id, gone_id])
        self.env.invalidate_all()
        with self.assertRaises(MissingError):
            readers.check_access("read")
        self.assertEqual([row["name"] for row in readers.read(["name"])], ["草稿一"])

    def test_reading_a_page_of_items_checks_the_rules_once(self):
        """The rules of a page of items cost one query, however many shares they have; a form's
        few records keep Odoo's check, their shares being in memory already."""
        self._clear_unit_people()
        items = self.env["duban.item"]
        for number in range(10):
            items |= self._issued_item(name=f"第{number}项")
        page = items.with_user(self.liaison)
        page.fetch(["name", "state"])
        page.check_access("read")  # Odoo's caches of the access rights and rules, warmed
        with self.assertQueryCount(1):
            page.check_access("read")
        self.assertTrue(page._read_rules_all_allow())
        # the superuser and a single record keep Odoo's own path
        self.assertFalse(items._read_rules_all_allow())
        self.assertFalse(page[:9]._read_rules_all_allow())
