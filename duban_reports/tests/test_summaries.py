from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import SummaryDataCase


@tagged("post_install", "-at_install")
class TestSummaries(SummaryDataCase):
    def test_figures_equal_independent_counts(self):
        """Each unit's figures equal a count made item by item."""
        with freeze_time("2026-07-06"):
            stats = self.env["duban.statistics"]
            domain = stats._period_domain(
                "2026-06-01", "2026-06-30", extra=[("id", "in", self.items.ids)]
            )
            figures = stats._figures_by(domain)
            expected = self._independent_figures(self.items)
            for unit, counts in expected.items():
                for key, value in counts.items():
                    self.assertEqual(figures[unit][key], value, f"{unit.name} {key}")
            totals = stats._totals(domain)
            self.assertEqual(totals["received"], 9)
            self.assertEqual(totals["closed"], sum(c["closed"] for c in expected.values()))
            self.assertEqual(totals["rate"], round(100.0 * totals["on_time"] / totals["closed"], 1))

    def test_figures_follow_the_readers_record_rules(self):
        """An officer counts only the items of the office the rules let them see."""
        with freeze_time("2026-07-06"):
            hidden = self.items[:3]
            hidden.sudo().write({"office_id": self.other_office.id})
            stats = self.env["duban.statistics"].with_user(self.officer)
            domain = stats._period_domain(extra=[("id", "in", self.items.ids)])
            self.assertEqual(stats._totals(domain)["received"], 6)
            self.assertEqual(sum(f["received"] for f in stats._figures_by(domain).values()), 6)
            self.assertEqual(stats.with_user(self.other_officer)._totals(domain)["received"], 3)
            # a unit's liaison counts the items of their own unit only
            self.assertEqual(
                list(stats.with_user(self.outsider)._figures_by(domain)), [self.other_unit]
            )

    def test_figures_take_one_query_whatever_the_number_of_units(self):
        """Every figure of every unit comes from one grouped query."""
        with freeze_time("2026-07-06"):
            stats = self.env["duban.statistics"].with_user(self.officer_all_user())
            domain = stats._period_domain()
            # warm the caches of the rules, as any earlier request would have
            names = [unit.display_name for unit in stats._figures_by(domain)]
            self.env.invalidate_all()
            # the figures, then the units' names
            with self.assertQueryCount(2):
                figures = stats._figures_by(domain)
                self.assertEqual([unit.display_name for unit in figures], names)

    def test_summary_pdf(self):
        """The analysis report prints the period's figures by unit."""
        with freeze_time("2026-07-06"):
            wizard = (
                self.env["duban.summary.wizard"]
                .with_user(self.officer_all_user())
                .create(
                    {"summary_type": "analysis", "date_from": "2026-06-01", "date_to": "2026-06-30"}
                )
            )
            text = self._pdf_text(
                "duban_reports.action_report_duban_summary", wizard, self.officer_all_user()
            )
        for expected in ("督办分析报告", "主办科", "协办科", "统计事项"):
            self.assertIn(expected, text)

    def officer_all_user(self):
        self.other_officer.group_ids = [
            (4, self.env.ref("duban_supervision.group_duban_officer_all").id)
        ]
        return self.other_officer

    def test_circular_needs_approval(self):
        """A circular goes out only once the chosen leader approved it, with its PDF."""
        with freeze_time("2026-07-06"):
            wizard = (
                self.env["duban.summary.wizard"]
                .with_user(self.officer)
                .create(
                    {"summary_type": "analysis", "date_from": "2026-06-01", "date_to": "2026-06-30"}
                )
            )
            action = wizard.action_draft_circular()
        circular = self.env["duban.circular"].browse(action["res_id"]).with_user(self.officer)
        self.assertIn("主办科", circular.body)
        with self.assertRaises(UserError):
            circular.action_send()
        with self.assertRaises(UserError):
            circular.action_submit()  # no approver, no units yet
        circular.write({"approver_id": self.leader.id, "department_ids": [(6, 0, [self.unit.id])]})
        circular.action_submit()
        with self.assertRaises(UserError):
            circular.action_send()
        with self.assertRaises(AccessError):
            circular.with_user(self.principal).action_approve()
        circular.with_user(self.leader).action_approve()
        with self.assertRaises(UserError):
            circular.write({"body": "<p>改动</p>"})
        circular.with_context(force_report_rendering=True).action_send()
        self.assertEqual(circular.state, "sent")
        message = circular.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertTrue({self.liaison.partner_id, self.head.partner_id} <= set(message.partner_ids))
