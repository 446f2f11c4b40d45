"""Moved to assistant.search.facts (the fact kinds); kept so older imports work.

`expected` gives one of facts.KINDS (amount, count, duration, date, deadline, contact, person,
yesno) or None; `satisfies` is facts.states."""

from assistant.search.facts import CHECKED, KINDS, expected, money_subjects, names_subject  # noqa: F401
from assistant.search.facts import states as satisfies  # noqa: F401
