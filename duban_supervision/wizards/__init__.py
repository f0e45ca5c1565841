from . import duban_reason_wizard
from . import duban_reassign_wizard
from . import duban_item_intake
from . import duban_close_wizard
from . import duban_sign_wizard
from . import duban_delegate_wizard
from . import duban_result_wizard
