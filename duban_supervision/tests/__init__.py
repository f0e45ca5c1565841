from . import test_calendar
from . import test_item_flow
from . import test_item_inputs
from . import test_item_security
from . import test_deadlines
from . import test_reminders
from . import test_urge_extension
from . import test_accountability
