from datetime import date

from odoo.tests import tagged

from odoo.addons.duban_supervision.tests.common import DubanCase
from odoo.addons.duban_supervision.tests.test_write_table import WriteTableWalk


@tagged("post_install", "-at_install")
class TestReportsWriteTable(WriteTableWalk, DubanCase):
    _walked_module = "duban_reports"

    def _representative_records(self):
        self._issued_item()
        circular = (
            self.env["duban.circular"]
            .with_user(self.officer)
            .create(
                {
                    "name": "关于督办工作情况的通报",
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "approver_id": self.leader.id,
                    "department_ids": [(6, 0, self.unit.ids)],
                }
            )
        )
        assessment = self.env["duban.assessment"].with_user(self.manager).create({"year": 2026})
        assessment.action_compute()
        summary = (
            self.env["duban.summary"]
            .sudo()
            .create(
                {
                    "name": "督办工作（专报）",
                    "kind": "instructions",
                    "company_id": self.env.company.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "office_id": self.office.id,
                    "signer_id": self.leader.id,
                }
            )
        )
        return {
            "duban.summary": summary,
            "duban.circular": circular,
            "duban.assessment": assessment,
            "duban.assessment.line": assessment.line_ids[:1],
        }

    def test_every_field_follows_its_table(self):
        """Each role writes exactly what each printed model's table allows, in each state."""
        self._walk_all()
