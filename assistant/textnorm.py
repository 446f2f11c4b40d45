"""Text normalisation shared by ingest, indexing and queries.

One function decides what a "word" is for the whole system, so the BM25 index, the typo
corrector and the answer/refusal overlap test can never disagree about tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and bidirectional control characters: invisible, but they split words and defeat
# matching when pasted from web pages or typed in RTL scripts.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
     0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF]
)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD, so it can be encoded, stored and
    tokenised. Python hands undecodable argv bytes over as surrogates (`bot.py ask $'\\xff'`), and
    a broken client can send them too; every boundary (CLI arguments, channel events) passes text
    through here. Returns the same object when there was nothing to replace."""
    if not isinstance(text, str):
        return text
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def shown_name(name: object) -> str:
    """A file name as one line of a report: newlines, other control characters and bidi overrides
    written as escapes (`two\\nlines.md`, `rtl\\u202etxt.md`), so a hostile file name can neither
    forge a `file:line: problem` line nor make one read backwards."""
    text = str(name)
    if all(unicodedata.category(c)[0] != "C" and c not in "\u2028\u2029" for c in text):
        return text
    return "".join(c.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c for c in text)


# C0 and C1 controls but tab and newline (ESC and CSI start the sequences that clear, retitle or
# rewrite a terminal; a carriage return overwrites a line), and the bidi controls that reverse one.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """What people typed, safe to print to a terminal or put in a report: every control character
    written as its escape (`\\x1b[2J`), so it is still there to read but does nothing."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def clean(text: str) -> str:
    """NFKC, invisible characters removed, whitespace folded: safe to show and to index."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


# Words searched for nothing. Negations, modal obligations and time order (not, no, must, may,
# before, after) are NOT here: "must not subcontract" and "before the contract starts" say what
# a question is about. Their weight comes from the library's own statistics (a word in every
# clause weighs little), not from a list.
STOPWORDS = frozenset(
    """a about above again against all am an and any are as at be because been being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself nor of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves get got also might shall us
    one ever else whether per via let lets im ive youre dont doesnt cant wont isnt arent please
    tell know need want like thing things way really say says said go going use used much many lot lots
    anything something anyone someone actually just""".split()
)

# Words so common in any commissioning library that sharing them says nothing about relevance.
# Used only by the answer/refusal overlap test, never to drop query words from BM25.
GENERIC = frozenset(
    """council councils policy policies service services provider providers commission commissioning
    commissioner commissioners local authority organisation organisations work working make made
    new take give document documents rule rules guidance officer officers""".split()
)

_WORD = re.compile(r"[a-z0-9£$%]+(?:[.,'][a-z0-9]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)(k|m|bn)?")


def _normalise_number(tok: str) -> str:
    """`£25,000`, `25000` and `25k` are one token; `1.5m` becomes `1500000`."""
    t = tok.lstrip("£$")
    m = _NUMBER.fullmatch(t) if t[:1].isdigit() else None  # most tokens are words: no match to try
    if not m:
        return tok.replace("'", "")
    num = m.group(1).replace(",", "")
    mult = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}.get(m.group(2) or "", 1)
    if mult > 1:
        try:
            return str(int(round(float(num) * mult)))
        except ValueError:
            return num
    return num


_NEGATED = re.compile(r"\b([a-z]+)n't\b")
_IRREGULAR = {"can't": "can not", "won't": "will not", "shan't": "shall not"}
_CONTRACTED = re.compile(r"\b([a-z]+)'(?:s|ll|re|ve|d|m)\b")


def _uncontract(text: str) -> str:
    """"what's" → "what", "we'll" → "we", "doesn't" → "does not", "can't" → "can not": the tail
    of a contraction is not a word to search for (it used to become "whats", "well")."""
    if "'" not in text:  # every contraction has one; most clauses have none
        return text
    for short, full in _IRREGULAR.items():
        text = text.replace(short, full)
    text = _NEGATED.sub(r"\1 not", text)
    return _CONTRACTED.sub(r"\1", text)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, numbers normalised, stopwords kept (for spelling and display)."""
    text = _uncontract(clean(text).lower().translate(_QUOTES))
    return [_normalise_number(w) for w in _WORD.findall(text)]


def terms(text: str) -> list[str]:
    """Stemmed content terms: what BM25 indexes and queries use."""
    return terms_of_words(words(text))


def terms_of_words(word_list: list[str]) -> list[str]:
    """`terms` of a text from its `words`, for a caller that needs both (the indexer)."""
    return _stemmer().stemWords([w for w in word_list if w not in STOPWORDS and (len(w) > 1 or w.isdigit())])


def stem(word_list: list[str]) -> list[str]:
    return _stemmer().stemWords(word_list)


def normalisation_digest() -> str:
    """What the index manifest records about how text becomes terms and pieces: the stop words,
    the word pattern, the stemmer, the number rule, the late-interaction mask and the encoder's
    input format. A query normalised differently from its index would silently miss, so a
    mismatch refuses the index with the rebuild command."""
    import hashlib
    import json

    from assistant.search import late

    spec = {"stopwords": sorted(STOPWORDS), "generic": sorted(GENERIC), "word": _WORD.pattern, "stemmer": "english",
            "numbers": "k/m/bn-v1", "late_mask": sorted(late._MASKED), "embed_text": "section: text",
            "lexical_text": "title path text", "clean": "NFKC-invisible-v1", "contractions": "v1",
            "no_subject": sorted(late._NO_SUBJECT)}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]
