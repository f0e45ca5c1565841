from odoo import fields, models


class HrEmployee(models.Model):
    """An employee's unit and user decide which supervision items their user may see; their
    WeCom and DingTalk userids let reminders reach them there."""

    _name = "hr.employee"
    _inherit = ["hr.employee", "duban.unit.guard"]

    duban_wecom_userid = fields.Char(
        string="WeCom userid",
        groups="hr.group_hr_user,duban_supervision.group_duban_manager",
        help="The person's account (UserID) in the WeCom address book; WeCom application "
        "messages and robot mentions reach them by it.",
    )
    duban_dingtalk_userid = fields.Char(
        string="DingTalk userid",
        groups="hr.group_hr_user,duban_supervision.group_duban_manager",
        help="The person's userid in the DingTalk address book; work notifications and robot "
        "mentions reach them by it.",
    )

    def _get_unit_boundary_fields(self):
        return super()._get_unit_boundary_fields() | {"department_id", "user_id", "active"}

    def write(self, vals):
        result = super().write(vals)
        if "company_id" in vals:
            # a user's units are those of their employees in the companies they work in now
            # (res.users.duban_unit_ids, cached): an employee moved to another company moves them
            self._clear_unit_caches()
        return result


class HrVersion(models.Model):
    """An employee's unit is kept on their version (written after the employee itself)."""

    _name = "hr.version"
    _inherit = ["hr.version", "duban.unit.guard"]

    def _get_unit_boundary_fields(self):
        return super()._get_unit_boundary_fields() | {"department_id"}
