"""Money amounts and value bands: "who approves £60,000?" must find "£25,000 to £99,999".

Bands are read from passages at index time; amounts from the question at query time. A passage
whose band contains the asked amount counts as matching the amount, which BM25 alone cannot see.
"""

from __future__ import annotations

import re

INF = float("inf")
# The whole number, never a prefix of it: without the (?![\d,.]) a lookahead that rejects
# "£10,000 to" would let "£1" (then "0,000 to …") match instead.
_NUM = r"£\s?(\d[\d,]*(?:\.\d+)?)(?![\d,.]\d)\s*(k|m|million|thousand|bn)?\b"
_MULT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}


def _value(num: str, unit: str | None) -> float:
    return float(num.replace(",", "")) * _MULT.get((unit or "").lower(), 1)


PENNY = 0.01


def bands(text: str, *, strict: bool = False, minimums: bool = True) -> list[tuple[float, float]]:
    """Value bands stated in a passage: `£A to £B`, `under £A`, `£A or more`, … With `strict`,
    "under £A" and "over £A" leave £A out (a penny off), so "less than £500,000" and "£500,000
    or more" do not meet. Without `minimums`, "at least £A" (a level to hold: insurance of at
    least £5 million) is no band."""
    off = PENNY if strict else 0.0
    t = text.replace("–", "-").replace("—", "-")
    out: list[tuple[float, float]] = []
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(rf"(?:between\s+)?{_NUM}\s*(?:up\s+to(?:\s+and\s+including)?|to|-|and)\s*{_NUM}", t,
                         flags=re.I):
        lo, hi = _value(m.group(1), m.group(2)), _value(m.group(3), m.group(4))
        if lo < hi:
            out.append((lo, hi))
            ranges.append(m.span())
    for m in re.finditer(rf"(?:(under|below|less than)|up to|not more than|no more than)\s+{_NUM}", t, flags=re.I):
        if any(a <= m.start() < b for a, b in ranges):   # the top of "£5,000 up to £25,000", read above
            continue
        out.append((0.0, _value(m.group(2), m.group(3)) - (off if m.group(1) else 0.0)))
    # "£50,000 up to the Procurement Act threshold": a band whose top is a threshold named, not priced.
    for m in re.finditer(rf"{_NUM}\s*(?:up\s+to\s+(?:the\s+|a\s+)?|to\s+the\s+)(?:[\w'’-]+\s+){{0,5}}(?:threshold|limit)s?\b",
                         t, flags=re.I):
        out.append((_value(m.group(1), m.group(2)), INF))
    for m in re.finditer(rf"{_NUM}\s*(?:\+|and above|and over|or more|or above|and upwards)", t, flags=re.I):
        out.append((_value(m.group(1), m.group(2)), INF))
    for m in re.finditer(rf"(?:(over|above|more than|exceeding)|(at least)|from)\s+{_NUM}(?!\s*(?:up\s+to|to|-|and)\s*£)", t,
                         flags=re.I):
        if m.group(2) and not minimums:
            continue
        out.append((_value(m.group(3), m.group(4)) + (off if m.group(1) else 0.0), INF))
    return out


def amounts(text: str) -> list[float]:
    """Amounts of money a question asks about (with £, or with k / thousand / million)."""
    t = text.lower().replace("–", "-")
    found = [_value(m.group(1), m.group(2)) for m in re.finditer(_NUM, t)]
    for m in re.finditer(r"(?<![£\d.,])(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|million|m|grand)\b(?!\s*(?:staff|people|hours|miles|minutes))", t):
        found.append(_value(m.group(1), "k" if m.group(2) == "grand" else m.group(2)))
    # Typed without £, as people say it: "45,000 pounds", "700 quid".
    for m in re.finditer(r"(?<![£\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:pounds|quid)\b", t):
        found.append(_value(m.group(1), None))
    return [a for a in found if a > 0]


def contains(band: tuple[float, float], amount: float) -> bool:
    lo, hi = band
    return lo <= amount <= hi


def other_band(question: str, place_text: str) -> str | None:
    """The value the question is about ("tenders worth less than £500,000", "a £60,000 contract")
    when every value band the place states is another ("£500,000 or more"), else None: the rule
    for one band does not answer a question about another."""
    asked = bands(question, strict=True) or [(a, a) for a in amounts(question)]
    stated = bands(place_text, strict=True, minimums=False)
    if not asked or not stated:
        return None
    if any(lo <= d and c <= hi for lo, hi in asked for c, d in stated):
        return None
    return _shown(asked[0])


def _shown(band: tuple[float, float]) -> str:
    """A band as a refusal's reason names it: "£60,000", "under £500,000", "£50,000 or more"."""
    lo, hi = band
    if lo == hi:
        return f"£{lo:,.0f}"
    if hi == INF:
        return f"£{lo:,.0f} or more"
    return f"under £{hi + PENNY:,.0f}" if lo == 0 else f"£{lo:,.0f} to £{hi:,.0f}"
