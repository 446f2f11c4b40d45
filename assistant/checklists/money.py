"""Reading a sum of money as people type it at a checklist step: "360k", "£360,000", "1.2m".

A checklist that works out a value band from a typed amount must read the amount the way the
person meant it, or the band (and so the route and the approver) is wrong. Only one amount per
answer: "between 10k and 20k" is not a value, so it is refused rather than guessed.
"""

from __future__ import annotations

import re

_MULTIPLIERS = {"": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_AMOUNT = re.compile(
    r"(?:gbp|£)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>k|thousand|mn|m|million|bn|billion)?\s*(?:gbp|pounds?|a year|per year|in total|total|ex(?:cluding)? vat)?")


def parse_money(text: str) -> float | None:
    """The amount in pounds, or None when the answer is not one amount of money."""
    t = " ".join(text.lower().replace("\u00a3", "£").split()).rstrip(".")
    m = _AMOUNT.fullmatch(t)
    if m is None:
        return None
    value = float(m.group("num").replace(",", "")) * _MULTIPLIERS[m.group("unit") or ""]
    return value if value >= 0 else None


def format_money(value: float) -> str:
    """£360,000 or £1,250.50: how a record shows an amount."""
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"
