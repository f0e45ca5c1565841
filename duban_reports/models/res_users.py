from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _duban_home_action(self):
        """The office lands on the dashboard, leaders on their cockpit (else the dashboard)."""
        action = super()._duban_home_action()
        if self.has_group("duban_supervision.group_duban_leader"):
            return self._duban_leaders_home()
        if self.has_group("duban_supervision.group_duban_officer"):
            return self.env.ref("duban_reports.duban_item_action_dashboard")
        return action

    def _duban_leaders_home(self):
        """The leaders' cockpit where it is installed, else the dashboard."""
        cockpit = self.env.ref("duban_reports.duban_cockpit_action", raise_if_not_found=False)
        return cockpit or self.env.ref("duban_reports.duban_item_action_dashboard")

    @api.model
    def _duban_upgrade_home_actions(self):
        """Users the supervision addon sent to its item lists land on the reports' desks."""
        defaults = self.env.ref("duban_supervision.duban_item_action")
        # sudo: every user's home action, whoever installs the addon
        users = (
            self.sudo().with_context(active_test=False).search([("action_id", "in", defaults.ids)])
        )
        users._duban_set_home_action()
