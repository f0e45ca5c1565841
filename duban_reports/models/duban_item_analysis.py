from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.duban_supervision.models.selections import SECURITY_LEVELS, SOURCES, URGENCIES


class DubanItemAnalysis(models.Model):
    """One row per issued item with the figures of the dashboard as numbers to add up.

    ``on_time_rate`` is 100 for an item closed on time, 0 for one closed late and empty while
    the item is open, so that its average is the on-time rate of the closed items.
    """

    _name = "duban.item.analysis"
    _description = "Supervision analysis"
    _auto = False
    _order = "date_issued desc"
    _rec_name = "name"

    item_id = fields.Many2one("duban.item", readonly=True)
    name = fields.Char(string="Title", readonly=True)
    number = fields.Char(string="Notice number", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(
        lambda self: self.env["duban.item"]._fields["state"].selection, readonly=True
    )
    traffic_light = fields.Selection(
        lambda self: self.env["duban.item"]._fields["traffic_light"].selection, readonly=True
    )
    kind = fields.Selection(
        lambda self: self.env["duban.item"]._fields["kind"].selection, readonly=True
    )
    source = fields.Selection(SOURCES, readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    security_level = fields.Selection(SECURITY_LEVELS, string="Confidentiality", readonly=True)
    security_rank = fields.Integer(readonly=True)
    office_id = fields.Many2one("hr.department", string="Supervising office", readonly=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead unit", readonly=True)
    user_id = fields.Many2one("res.users", string="Clerk", readonly=True)
    approver_id = fields.Many2one("res.users", string="Signing leader", readonly=True)
    instructing_leader_id = fields.Many2one("res.users", string="Instructing leader", readonly=True)
    date_issued = fields.Date(string="Issued on", readonly=True)
    date_deadline = fields.Date(string="Time limit", readonly=True)
    date_done = fields.Date(string="Closed on", readonly=True)
    item_count = fields.Integer(string="Items", readonly=True, aggregator="sum")
    closed_count = fields.Integer(string="Closed", readonly=True, aggregator="sum")
    on_time_count = fields.Integer(string="Closed on time", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(string="Overdue", readonly=True, aggregator="sum")
    extended_count = fields.Integer(string="Extended", readonly=True, aggregator="sum")
    urged_count = fields.Integer(string="Urged items", readonly=True, aggregator="sum")
    urge_count = fields.Integer(string="Urges", readonly=True, aggregator="sum")
    flagged_count = fields.Integer(string="Difficulties raised", readonly=True, aggregator="sum")
    on_time_rate = fields.Float(string="On-time rate (%)", readonly=True, aggregator="avg")

    def _query(self):
        return SQL(
            """
            SELECT
                item.id AS id,
                item.id AS item_id,
                item.name AS name,
                item.number AS number,
                item.company_id AS company_id,
                item.state AS state,
                item.traffic_light AS traffic_light,
                item.kind AS kind,
                item.source AS source,
                item.urgency AS urgency,
                item.security_level AS security_level,
                item.security_rank AS security_rank,
                item.office_id AS office_id,
                item.lead_department_id AS lead_department_id,
                item.user_id AS user_id,
                item.approver_id AS approver_id,
                item.instructing_leader_id AS instructing_leader_id,
                item.date_issued AS date_issued,
                item.date_deadline AS date_deadline,
                item.date_done AS date_done,
                1 AS item_count,
                (item.state = 'done')::int AS closed_count,
                COALESCE(item.closed_on_time, FALSE)::int AS on_time_count,
                (item.traffic_light = 'red'
                    OR (item.state = 'done' AND NOT COALESCE(item.closed_on_time, FALSE)))::int
                    AS overdue_count,
                COALESCE(item.extended, FALSE)::int AS extended_count,
                (COALESCE(item.urge_count, 0) > 0)::int AS urged_count,
                COALESCE(item.urge_count, 0) AS urge_count,
                (COALESCE(item.risk_count, 0) > 0)::int AS flagged_count,
                CASE WHEN item.state = 'done'
                    THEN CASE WHEN item.closed_on_time THEN 100.0 ELSE 0.0 END
                END AS on_time_rate
            FROM duban_item item
            WHERE item.active AND item.state NOT IN ('draft', 'to_approve', 'approved')
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def action_open_item(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "duban.item",
            "res_id": self.item_id.id,
            "view_mode": "form",
            "target": "current",
        }
