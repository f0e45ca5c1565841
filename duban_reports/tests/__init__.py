from . import test_forms
from . import test_ledger
from . import test_summaries
from . import test_assessment
from . import test_translations
from . import test_screenshots
from . import test_cockpit
from . import test_write_table
