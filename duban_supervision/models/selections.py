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

IMPORTANCES = [("normal", "Ordinary"), ("important", "Important"), ("major", "Major")]

# an item's states between its issue and its closing: units work on it, its time limit may move
LIVE_ITEM_STATES = ("issued", "in_progress", "to_review")
