from . import res_company
from . import res_config_settings
from . import duban_item
from . import duban_statistics
from . import duban_circular
from . import report_duban
from . import ir_actions_report
