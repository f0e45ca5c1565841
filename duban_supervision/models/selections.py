"""Selection values shared by several supervision models and by the reports addon."""

SOURCES = [
    ("superior", "Referred by a higher authority"),
    ("leader", "Leader's instruction"),
    ("meeting", "Meeting decision"),
    ("document", "Document deployment"),
    ("plan", "Annual or short-term work plan"),
    ("petition", "Letters and visits"),
    ("other", "Other"),
]

SOURCE_BODIES = [
    ("party", "Party committee"),
    ("government", "Government"),
    ("congress", "People's congress"),
    ("cppcc", "CPPCC"),
    ("department", "Higher department"),
]

URGENCIES = [("normal", "Normal"), ("urgent", "Urgent"), ("very_urgent", "Very urgent")]

SECURITY_LEVELS = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("secret", "Secret"),
    ("confidential", "Confidential"),
]
SECURITY_RANKS = {level: rank for rank, (level, _label) in enumerate(SECURITY_LEVELS)}
# from this rank on, an item's title and content stay out of e-mails and activity summaries
CONFIDENTIAL_RANK = SECURITY_RANKS["secret"]

IMPORTANCES = [("normal", "Ordinary"), ("major", "Major")]

# an item's states between its issue and its closing: units work on it, its time limit may move
LIVE_ITEM_STATES = ("issued", "in_progress", "to_review")

# working-day settings (ir.config_parameter ``duban_supervision.<key>``) and their defaults
DEFAULT_DAYS = {
    "special_days": 10,
    "decision_days": 0,
    "registration_days": 5,
    "yellow_days": 3,
    "reminder_days": 2,
    "escalate_head_days": 1,
    "escalate_leader_days": 3,
    "escalate_principal_days": 5,
}


def get_days_setting(env, key):
    """A working-day setting, falling back to its default when it was never saved."""
    value = env["ir.config_parameter"].sudo().get_param(f"duban_supervision.{key}")
    return int(value) if value not in (None, False, "") else DEFAULT_DAYS[key]
