from . import selections  # noqa: F401  (shared selection values)
from . import duban_workflow_mixin
from . import duban_workday
from . import duban_calendar
from . import duban_deadline_mixin
from . import duban_meeting_type
from . import duban_routing_rule
from . import hr_department
from . import res_company
from . import res_users
from . import duban_item
from . import duban_assignment
from . import duban_report
from . import duban_urge
from . import duban_extension
from . import duban_deadline_history
from . import duban_accountability
from . import res_config_settings
