"""Notice numbers: from an ``ir.sequence`` to the items' own unique ``(year, seq)`` pair.

Items numbered before keep their number; its year and place in the series are read back from
the number with the company's pattern, so that new numbers continue the series without a gap or
a repeat.
"""

import re

from odoo.tools import SQL

PLACEHOLDER = re.compile(r"%\((year|seq)\)[-#0 +]*\d*[sd]")


def number_regex(pattern):
    """A regular expression reading year and seq back from numbers made with ``pattern``."""
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(pattern[last : match.start()]))
        parts.append(rf"(?P<{match.group(1)}>\d+)")
        last = match.end()
    parts.append(re.escape(pattern[last:]))
    return re.compile("^" + "".join(parts) + "$")


def number_pattern_column(cr):
    """Where the pattern was: on the company before the rules moved to ``duban.policy``."""
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'res_company' AND column_name = 'duban_number_pattern'"
    )
    if cr.fetchone():
        return SQL("COALESCE(policy.number_pattern, company.duban_number_pattern)")
    return SQL("policy.number_pattern")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "SELECT item.id, item.number, item.date_issued, %s "
            "FROM duban_item item JOIN res_company company ON company.id = item.company_id "
            "LEFT JOIN duban_policy policy ON policy.id = company.duban_policy_id "
            "WHERE item.number IS NOT NULL AND item.number_seq IS NULL ORDER BY item.id",
            number_pattern_column(cr),
        )
    )
    regexes = {}
    for item_id, number, date_issued, pattern in cr.fetchall():
        if not pattern:
            continue  # a company without rules yet: its numbers keep only their unique text
        regex = regexes.setdefault(pattern, number_regex(pattern))
        match = regex.match(number)
        if not match:
            continue  # a number of an older pattern keeps only its unique text
        year = int(match.groupdict().get("year") or date_issued.year)
        cr.execute(
            SQL(
                "UPDATE duban_item SET number_year = %s, number_seq = %s WHERE id = %s",
                year,
                int(match.group("seq")),
                item_id,
            )
        )
