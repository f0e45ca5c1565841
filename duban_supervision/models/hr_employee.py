from odoo import models


class HrEmployee(models.Model):
    """An employee's unit and user decide which supervision items their user may see."""

    _name = "hr.employee"
    _inherit = ["hr.employee", "duban.unit.guard"]

    def _get_unit_boundary_fields(self):
        return super()._get_unit_boundary_fields() | {"department_id", "user_id", "active"}


class HrVersion(models.Model):
    """An employee's unit is kept on their version (written after the employee itself)."""

    _name = "hr.version"
    _inherit = ["hr.version", "duban.unit.guard"]

    def _get_unit_boundary_fields(self):
        return super()._get_unit_boundary_fields() | {"department_id"}
