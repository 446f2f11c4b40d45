"""Mask personal data in what people type, before it is stored, shown, forwarded or audited.

Why our own recognisers and not Microsoft Presidio or scrubadub: Presidio's analyzer needs spaCy
and an English model that its authors do not publish on PyPI (only third-party re-uploads are
there), a second model in memory beside MiniLM, and seconds of start-up; scrubadub has had no
release since 2023 and its name detection needs further models. Neither knows UK sort codes, and
both find UK formats with regular expressions much like these. What is masked here is the short
list a council's privacy notice names, each a small recogniser with its own test samples
(tests/test_privacy.py).

Every recogniser is shaped so that what a policy question is made of stays untouched: clause
numbers (`7.3`), money (`£24,999`), policy dates (`1 April 2025`), years and Acts (`Care Act 2014`),
sector words (`NHS trust`). A date is masked only when something says it is a birth date; a name
only when it is introduced as one ("my name is …", "I'm … from …", "Mr/Mrs/Ms …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Placeholders: square brackets, so a masked text reads naturally and is never masked again.
LABELS = {
    "email": "[email]", "phone": "[phone]", "ni": "[NI number]", "postcode": "[postcode]",
    "sort_code": "[sort code]", "account": "[account number]", "card": "[card number]",
    "dob": "[date of birth]", "name": "[name]",
}
# What the user is told was masked ("a phone number and an e-mail address").
KIND_WORDS = {
    "email": "an e-mail address", "phone": "a phone number", "ni": "a National Insurance number",
    "postcode": "a postcode", "sort_code": "a sort code", "account": "an account number",
    "card": "a card number", "dob": "a date of birth", "name": "a name",
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

# Card numbers: 13–19 digits, optionally grouped by spaces or dashes, that pass the Luhn check.
_CARD = re.compile(r"(?<![\d£$€.,])\d(?:[ -]?\d){12,18}(?![\d,.]\d)")

# UK phone numbers: +44 or 0, then 9–10 more digits (spaces, dashes, brackets between groups).
# Checked afterwards: the national number starts 1, 2, 3, 5, 7 or 8 and has 9 or 10 digits.
_PHONE = re.compile(r"(?<![\w+£$€.,])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s-]?\)?[\s-]?\d){8,10}(?![\w.,]?\d)")

# National Insurance number: two letters (any pair but the never-issued BG GB KN NK NT TN ZZ, so
# HMRC's own example QQ 12 34 56 C is masked too), six digits, a letter A–D; spaces between pairs.
_NI = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
                 re.IGNORECASE)

# UK postcodes (outward code, inward code). In capitals the space is optional; in lower case it is
# required, so words and clause references cannot be read as one.
_OUTWARD = r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|[A-PR-UWYZ]\d[A-HJKPSTUW])"
_INWARD = r"\d[ABD-HJLNP-UW-Z]{2}"
_POSTCODE_UPPER = re.compile(rf"\b{_OUTWARD} ?{_INWARD}\b")
_POSTCODE_ANY = re.compile(rf"\b{_OUTWARD} {_INWARD}\b", re.IGNORECASE)

# Sort codes: 12-34-56 always; six digits run together only after the words "sort code".
_SORT_DASHED = re.compile(r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])")
_SORT_WORDED = re.compile(r"(?i)\bsort[\s-]*code\s*(?:is|:|-|=)?\s*(\d{2}[\s-]?\d{2}[\s-]?\d{2})\b")
# Account numbers: 8 digits after "account (number|no)" or right after a sort code.
_ACCOUNT_WORDED = re.compile(r"(?i)\b(?:account|acct|acc|a/c)\.?\s*(?:number|no\.?|num|#)?\s*(?:is|:|-|=)?\s*(\d{4}\s?\d{4}|\d{6,10})\b")
_ACCOUNT_AFTER_SORT = re.compile(r"\[sort code\][\s,;/-]*(?:(?i:and|account|acc|a/c|no\.?|number|:)\s*)*(\d{8})\b")

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}"
         rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
_DOB = re.compile(rf"(?i)\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?|birth\s*date|birthday)\s*(?:is|was|:|-)?\s*({_DATE})")

# Names introduced as such. A name is one to three words; introduced by "my name is" it may be in
# lower case, otherwise each word is capitalised. Words that are not names stop it.
_NAME_WORD = r"[A-Z][a-z'’\-]+"
_NOT_NAMES = frozenset("""a an the and or but from at of with for in on to is am are was here there just not
    calling writing asking looking trying new interested wondering hoping unsure sure confused please hello hi
    council trust nhs care provider officer commissioner manager team service services ltd limited cic plc
    charity home homes group partnership agency department director lead worker social the i we you""".split())
_MY_NAME = re.compile(r"(?i)\b(?:my\s+name\s+is|my\s+name's|name\s*:)\s+([A-Za-z][A-Za-z'’\-]+(?:\s+[A-Za-z][A-Za-z'’\-]+){0,2})")
_IM_FROM = re.compile(rf"\b(?:I'm|I’m|I am|Im|this is|This is|it's|It's)\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
                      r"(?=\s*,?\s+(?:from|at|of|with|here)\b)")
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+((?:{_NAME_WORD}|[A-Z]\.?)(?:[\s\-]+{_NAME_WORD}){{0,2}})")
_CALL_ME = re.compile(rf"\b(?:call me|ask for|signed|regards|thanks|cheers),?\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*$")


@dataclass(frozen=True)
class Masked:
    """The masked text and the kinds of personal data found in it (in order of first finding)."""

    text: str
    kinds: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _uk_phone(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    national = digits[2:] if match.lstrip("(").startswith("+") else digits[1:]
    if national.startswith("0"):  # +44 (0)20 … written with the 0 left in
        national = national[1:]
    return len(national) in (9, 10) and national[0] in "1235789"


def _name_words(raw: str, *, any_case: bool) -> str:
    """The leading run of words that could be a name (stops at the first that cannot)."""
    kept = []
    for w in raw.split():
        if w.lower().strip("'’-") in _NOT_NAMES or (not any_case and not w[0].isupper()):
            break
        kept.append(w)
    return " ".join(kept)


class Masker:
    """`mask(text)`: pure, fast (regular expressions only), idempotent."""

    def mask(self, text: str) -> Masked:
        if not text:
            return Masked(text or "")
        kinds: list[str] = []
        out = text

        def sub(pattern: re.Pattern, kind: str, s: str, *, group: int = 0, check=None) -> str:
            def repl(m: re.Match) -> str:
                value = m.group(group)
                if check is not None and not check(value):
                    return m.group(0)
                if kind not in kinds:
                    kinds.append(kind)
                if group == 0:
                    return LABELS[kind]
                a, b = m.start(group) - m.start(0), m.end(group) - m.start(0)
                whole = m.group(0)
                return whole[:a] + LABELS[kind] + whole[b:]
            return pattern.sub(repl, s)

        # Order matters: the most specific shapes first, so their digits are gone before the
        # phone and account recognisers look.
        out = sub(_EMAIL, "email", out)
        out = sub(_DOB, "dob", out, group=1)
        out = sub(_CARD, "card", out, check=lambda v: luhn_ok(re.sub(r"\D", "", v)))
        out = sub(_SORT_WORDED, "sort_code", out, group=1)
        out = sub(_SORT_DASHED, "sort_code", out)
        out = sub(_ACCOUNT_AFTER_SORT, "account", out, group=1)
        out = sub(_ACCOUNT_WORDED, "account", out, group=1)
        out = sub(_PHONE, "phone", out, check=_uk_phone)
        out = sub(_NI, "ni", out)
        out = sub(_POSTCODE_UPPER, "postcode", out)
        out = sub(_POSTCODE_ANY, "postcode", out)
        out = self._names(out, kinds)
        return Masked(out, tuple(kinds))

    @staticmethod
    def _names(text: str, kinds: list[str]) -> str:
        spans: list[tuple[int, int]] = []
        for pattern, any_case in ((_MY_NAME, True), (_IM_FROM, False), (_TITLED, False), (_CALL_ME, False)):
            for m in pattern.finditer(text):
                name = _name_words(m.group(1), any_case=any_case) if pattern is not _TITLED else m.group(1)
                if name:
                    start = m.start(1)
                    spans.append((start, start + len(name)))
        if not spans:
            return text
        if "name" not in kinds:
            kinds.append("name")
        out, last = [], 0
        for a, b in sorted(spans):
            if a < last:
                continue
            out.append(text[last:a])
            out.append(LABELS["name"])
            last = b
        out.append(text[last:])
        return "".join(out)


def describe(kinds: tuple[str, ...] | list[str]) -> str:
    """"a phone number and an e-mail address": what a user is told was masked."""
    words = [KIND_WORDS[k] for k in kinds if k in KIND_WORDS]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
