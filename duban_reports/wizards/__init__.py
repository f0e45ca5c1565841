from . import duban_ledger_wizard
from . import duban_summary_wizard
