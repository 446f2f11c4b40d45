"""Who may read a document: every declaration it makes (and config.yaml makes about it), the stricter winning.

A document can say its audience in several places: front matter or a document-control block
(`audience:`, `classification:`), file properties (DOCX category, PDF keywords, HTML `<meta>`),
protective-marking lines in the body or page headers (`OFFICIAL-SENSITIVE`, `Classification:
OFFICIAL`), and `ingest.audiences` globs in config.yaml. When they disagree, believing the first
one found lets a stray marking publish an internal document, so the strictest wins (the audience
the fewest roles may read) and `bot.py check` reports the disagreement with its file and line.
The words are data (audience-words.yaml), extended by `ingest.audience_words` in config.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("audience-words.yaml")
UNKNOWN = "internal"  # what an unrecognised value means: never public by accident
_DASHES = re.compile(r"[\s\-‐‑‒–—―_]+")
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{1,40}?)\s*:\s*(\S.{0,80}?)\s*$")


def norm(text: str) -> str:
    """Lower case, dashes, hyphens and underscores as single spaces, no surrounding punctuation."""
    return _DASHES.sub(" ", str(text).lower()).strip(" .,:;()[]\"'")


@dataclass(frozen=True)
class Vocabulary:
    """The audience words (normalised word -> audience), the bare-line markings, the marking keys."""

    words: dict[str, str]
    markings: tuple[str, ...]
    marking_keys: frozenset[str]

    def with_words(self, extra: dict[str, str]) -> Vocabulary:
        return Vocabulary({**self.words, **{norm(k): v for k, v in extra.items()}}, self.markings, self.marking_keys)


@lru_cache(maxsize=1)
def shipped_vocabulary() -> Vocabulary:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    words = {norm(w): audience for audience in ("public", "internal") for w in data.get(audience, [])}
    markings = tuple(sorted((str(m) for m in data.get("markings", [])), key=len, reverse=True))
    keys = frozenset(norm(k) for k in data.get("marking_keys", []))
    return Vocabulary(words, markings, keys)


def vocabulary(extra: dict[str, str] | None = None) -> Vocabulary:
    return shipped_vocabulary().with_words(extra) if extra else shipped_vocabulary()


@dataclass(frozen=True)
class Declaration:
    """One place that says who may read a document: what it says, where, and on which line (0 if none)."""

    value: str
    where: str
    line: int = 0


def words_in(value: str, vocab: Vocabulary) -> list[str]:
    """The listed words a longer value holds ("OFFICIAL – internal" holds official and internal)."""
    v = f" {norm(value)} "
    return [w for w in vocab.words if f" {w} " in v]


def strictness(audience: str, readers: dict[str, int]) -> tuple[int, bool, str]:
    """Sort key, strictest first: the fewer roles may read an audience, the stricter it is."""
    return readers.get(audience, 0), audience == "public", audience


def audience_of(value: str, known: set[str], vocab: Vocabulary,
                readers: dict[str, int] | None = None) -> tuple[str, bool]:
    """(audience, recognised). An exact word or audience name is taken as it is; a longer value is
    the strictest non-public word it holds; anything else is internal and not recognised."""
    v = norm(value)
    if v in known:
        return v, True
    if v in vocab.words:
        return vocab.words[v], True
    held = [vocab.words[w] for w in words_in(value, vocab) if vocab.words[w] != "public"]
    if held:
        return min(held, key=lambda a: strictness(a, readers or {})), True
    return UNKNOWN, False


@dataclass
class Marks:
    """Where a parsed file may declare its audience, before the words are read:
    `pairs` (where, key, value, line) from metadata, `lines` (where, text, line) of body and page headers."""

    pairs: list[tuple[str, str, str, int]] = field(default_factory=list)
    lines: list[tuple[str, str, int]] = field(default_factory=list)

    def declarations(self, vocab: Vocabulary) -> list[Declaration]:
        out = [Declaration(str(v), f"{where} `{k}`", line) for where, k, v, line in self.pairs
               if (norm(k) == "audience" or norm(k) in vocab.marking_keys) and str(v).strip()]
        for where, text, line in self.lines:
            for piece in str(text).split("\n"):
                value = marking_of_line(piece, vocab)
                if value is not None:
                    out.append(Declaration(value, where, line))
        return out


def marking_of_line(text: str, vocab: Vocabulary) -> str | None:
    """The marking a body or page-header line declares, or None: a protective marking as a line of
    its own, in capitals (`OFFICIAL`, `OFFICIAL-SENSITIVE`, `OFFICIAL – internal`), or a
    `Classification: …` line whose value holds an audience word."""
    s = " ".join(text.split())
    if not s or len(s) > 100:
        return None
    for m in vocab.markings:
        pattern = r"[\s\-‐‑‒–—―_]+".join(re.escape(part) for part in m.split())
        if re.fullmatch(rf"{pattern}(?:\s*[\-‐‑‒–—―:/|]\s*\S.{{0,60}})?", s):
            return s
    km = _KEY_LINE.match(s)
    if km and norm(km.group(1)) in vocab.marking_keys and len(km.group(2).split()) <= 6 \
            and (norm(km.group(2)) in vocab.words or words_in(km.group(2), vocab)):
        return km.group(2)
    return None


@dataclass(frozen=True)
class Resolution:
    audience: str
    declarations: tuple[tuple[Declaration, str, bool], ...]   # each with its audience and whether recognised
    conflicts: tuple[tuple[int, str], ...]                    # (line, message) for `bot.py check`


def resolve(declarations: list[Declaration], *, default: str, known: set[str], readers: dict[str, int],
            vocab: Vocabulary) -> Resolution:
    """The strictest declared audience (the default when nothing is declared), and every
    declaration that said something less strict, as (line, message)."""
    seen: set[tuple[str, int]] = set()
    read: list[tuple[Declaration, str, bool]] = []
    for d in declarations:
        if (norm(d.value), d.line) in seen:  # a control-block line is also a body line
            continue
        seen.add((norm(d.value), d.line))
        audience, recognised = audience_of(d.value, known, vocab, readers)
        read.append((d, audience, recognised))
    if not read:
        return Resolution(default, (), ())
    winner_decl, winner, _ = min(read, key=lambda r: strictness(r[1], readers))
    conflicts: list[tuple[int, str]] = []
    said: set[str] = set()
    for d, audience, _ in read:
        if audience == winner or audience in said:
            continue
        said.add(audience)
        at = f" (line {winner_decl.line})" if winner_decl.line else ""
        conflicts.append((d.line or winner_decl.line or 1,
                          f"audience declarations disagree: {d.where} says {d.value!r} ({audience}) but "
                          f"{winner_decl.where}{at} says {winner_decl.value!r} ({winner}); the stricter, "
                          f"{winner}, is used. Make them agree."))
    return Resolution(winner, tuple(read), tuple(conflicts))
