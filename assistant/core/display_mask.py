"""What an officer's report shows of another person's question: personal details masked, long
text shortened. /feedback and /unanswered list what people typed; a name, an email address or a
phone number someone put in a question is no business of the report's reader."""

from __future__ import annotations

import re

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<!\w)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)"), "[phone]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I), "[postcode]"),
    (re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I), "[NI number]"),
    (re.compile(r"(?<![£\d.,])\d{6,}(?![\d.,])"), "[number]"),
    (re.compile(r"\b(?:my name is|i am|i'm|this is)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"), None),
]


def mask(text: str) -> str:
    """The text with emails, phone numbers, postcodes, NI numbers, long id numbers and
    self-introduced names replaced by [email], [phone], … ."""
    out = " ".join(text.split())
    for pattern, label in _PATTERNS:
        if label is None:
            out = pattern.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + "[name]", out)
        else:
            out = pattern.sub(label, out)
    return out


def shorten(text: str, width: int = 90) -> str:
    """At most `width` characters, cut at a word, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:.") + "…"
