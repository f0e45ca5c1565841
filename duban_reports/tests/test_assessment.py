from contextlib import closing

from odoo.tests import freeze_time, tagged

from odoo.addons.duban_supervision.models.duban_accountability import MEASURES

from .common import SummaryDataCase


@tagged("post_install", "-at_install")
class TestAssessment(SummaryDataCase):
    """The annual assessment and the dashboard's figures over the summaries' data set."""

    def test_dashboard_figures_equal_independent_counts(self):
        """The dashboard's per-unit figures equal a count made item by item."""
        with freeze_time("2026-07-06"):
            groups = self.env["duban.item.analysis"]._read_group(
                [("item_id", "in", self.items.ids)],
                ["lead_department_id"],
                [
                    "item_count:sum",
                    "closed_count:sum",
                    "on_time_count:sum",
                    "overdue_count:sum",
                    "urged_count:sum",
                    "on_time_rate:avg",
                ],
            )
            expected = self._independent_figures(self.items)
            for unit, received, closed, on_time, overdue, urged, rate in groups:
                row = expected[unit]
                self.assertEqual(
                    (received, closed, on_time, overdue, urged),
                    (row["received"], row["closed"], row["on_time"], row["overdue"], row["urged"]),
                    unit.name,
                )
                if closed:
                    self.assertAlmostEqual(rate, 100.0 * on_time / closed)

    def test_liaison_sees_only_own_figures(self):
        """A liaison's dashboard and assessment show their own unit only."""
        self.liaison.group_ids = [(4, self.env.ref("duban_supervision.group_duban_liaison").id)]
        units = {
            unit
            for (unit,) in self.env["duban.item.analysis"]
            .with_user(self.liaison)
            ._read_group([], ["lead_department_id"])
        }
        self.assertEqual(units, {self.unit})
        assessment = self.env["duban.assessment"].create({"year": 2026})
        assessment.action_compute()
        lines = (
            self.env["duban.assessment.line"]
            .with_user(self.liaison)
            .search([("assessment_id", "=", assessment.id)])
        )
        self.assertEqual(lines.department_id, self.unit)

    def test_assessment_score_rank_and_eligibility(self):
        """Scores follow the weights, ranks follow scores, a criticism bars awards; stable."""
        company = self.env.company
        company.write(
            {
                "duban_weight_on_time": 60,
                "duban_weight_closed": 40,
                "duban_weight_overdue": 2,
                "duban_weight_measure": 5,
            }
        )
        self.env["duban.accountability"].sudo().create(
            {
                "measure": "criticism",
                "department_id": self.co_unit.id,
                "state": "confirmed",
                "date_decided": "2026-08-01",
                "date_proposed": "2026-07-20",
            }
        )
        with freeze_time("2026-07-06"):
            assessment = (
                self.env["duban.assessment"]
                .with_user(self.other_officer)
                .sudo()
                .create({"year": 2026})
            )
            assessment.action_compute()
            lines = {line.department_id: line for line in assessment.line_ids}
            self.assertEqual(lines[self.unit].display_name, f"2026 · {self.unit.name}")
            expected = self._independent_figures(self.items)
            for unit in (self.unit, self.co_unit, self.other_unit):
                row = expected[unit]
                rate = round(100.0 * row["on_time"] / row["closed"], 1) if row["closed"] else 0.0
                measures = 1 if unit == self.co_unit else 0
                score = round(
                    60 * rate / 100
                    + 40 * row["closed"] / row["received"]
                    - 2 * row["overdue"]
                    - 5 * measures,
                    2,
                )
                self.assertAlmostEqual(lines[unit].score, score, places=2, msg=unit.name)
                self.assertEqual(lines[unit].eligible, unit != self.co_unit)
            ranks = sorted(assessment.line_ids, key=lambda line: line.rank)
            self.assertEqual([line.rank for line in ranks], list(range(1, len(ranks) + 1)))
            self.assertEqual(
                [line.score for line in ranks], sorted((line.score for line in ranks), reverse=True)
            )
            before = [
                (line.department_id.id, line.score, line.rank, line.eligible)
                for line in assessment.line_ids
            ]
            assessment.action_compute()
            after = [
                (line.department_id.id, line.score, line.rank, line.eligible)
                for line in assessment.line_ids
            ]
            self.assertEqual(sorted(before), sorted(after), "a recompute gives the same numbers")

    def _eligibility_with(self, measure):
        """Eligibility of the co-unit and the other unit, the co-unit having one confirmed
        ``measure`` in 2026, under the company's current rules."""
        self.env["duban.accountability"].sudo().create(
            {
                "measure": measure,
                "department_id": self.co_unit.id,
                "state": "confirmed",
                "date_decided": "2026-08-01",
                "date_proposed": "2026-07-20",
            }
        )
        assessment = self.env["duban.assessment"].create({"year": 2026})
        assessment.action_compute()
        lines = {line.department_id: line for line in assessment.line_ids}
        return lines[self.co_unit].eligible, lines[self.other_unit].eligible

    def test_ec_bars_awards_from_criticism_up(self):
        """EC 五(二): 通报批评及以上 — a disciplinary sanction bars awards as a criticism does."""
        self._use_policy("policy_education")
        self.assertEqual(self._eligibility_with("discipline"), (False, True))

    def test_ec_talk_below_criticism_keeps_awards(self):
        """EC 五(二): an admonitory talk (约谈) is below 通报批评 and keeps the unit eligible."""
        self._use_policy("policy_education")
        self.assertEqual(self._eligibility_with("interview"), (True, True))

    def test_un_record_weighs_without_barring(self):
        """UN 五(三): the record is a basis of the assessment, it bars nothing by itself."""
        self._use_policy("policy_university")
        self.assertEqual(self._eligibility_with("discipline"), (True, True))

    def test_ec_every_measure_from_criticism_up_bars_awards(self):
        """EC 五(二): 凡受到过通报批评及以上处理的单位, 取消当年评优评先资格 — each measure at or
        above 通报批评 bars the unit, each one below keeps it eligible."""
        self._use_policy("policy_education")
        order = [key for key, _label in MEASURES]
        for measure in order:
            with self.subTest(measure=measure), closing(self.env.cr.savepoint()):
                barred = order.index(measure) >= order.index("criticism")
                self.assertEqual(self._eligibility_with(measure), (not barred, True))
            self.env.invalidate_all()

    def test_un_record_feeds_the_assessment(self):
        """UN 五(三): the accountability record is a basis of 年度考核 and 评先评优 — the
        assessment shows each unit's confirmed measures and they lower its score."""
        self._use_policy("policy_university")
        self.env.company.duban_weight_measure = 5
        with closing(self.env.cr.savepoint()):
            before = self.env["duban.assessment"].create({"year": 2026})
            before.action_compute()
            score = before.line_ids.filtered(lambda line: line.department_id == self.co_unit).score
        self.env.invalidate_all()
        self.assertEqual(self._eligibility_with("explain_principal"), (True, True))
        line = self.env["duban.assessment.line"].search(
            [("year", "=", 2026), ("department_id", "=", self.co_unit.id)]
        )
        self.assertEqual(line.measure_count, 1)
        self.assertAlmostEqual(line.score, score - 5, places=2)
