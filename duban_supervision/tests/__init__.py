from . import test_calendar
from . import test_item_flow
from . import test_item_inputs
from . import test_item_security
