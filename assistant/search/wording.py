"""Abbreviations and everyday phrases: data a council can replace, compiled into the index.

Officers type "MOU", "ICB", "s75"; documents spell the words out. People say "sign off" where
policies say "approve". Both are lists in `abbreviations.yaml` (the library folder's own, else the
one config.yaml names; an empty or missing file expands nothing). They are read when the index is
built and stored in it, so a query is always normalised exactly as the index it searches was,
and editing the file makes the index stale (`bot.py run` rebuilds it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.yamlfile import YamlProblem, library_file, line_of, load_yaml, strip_lines

FILE_NAME = "abbreviations.yaml"
INDEX_FILE = "wording.json"


@dataclass(frozen=True)
class Wording:
    abbreviations: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)   # "Small Sparks Grants" → "Strand B" (defined_names)

    def as_json(self) -> str:
        data = {"abbreviations": self.abbreviations, "phrases": self.phrases}
        if self.names:   # only a built index has them: the file's digest stays what it was
            data["names"] = self.names
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    def digest(self) -> str:
        return hashlib.sha256(self.as_json().encode()).hexdigest() if (self.abbreviations or self.phrases) else ""


def wording_file(source: Path, default: Path | None) -> Path | None:
    """The library's own abbreviations.yaml if it has one, else the configured default."""
    return library_file(source, FILE_NAME, default)


def load(path: Path | None) -> Wording:
    """Parse and check; a problem raises YamlProblem naming the file and line."""
    if path is None:
        return Wording()
    raw = load_yaml(path)
    if raw is None:
        return Wording()
    data = strip_lines(raw)
    if not isinstance(data, dict) or not set(data) <= {"abbreviations", "phrases"}:
        raise YamlProblem(path, line_of(raw), "expected a mapping with 'abbreviations' and/or 'phrases'")
    out = {}
    for key in ("abbreviations", "phrases"):
        table = data.get(key) or {}
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                                                  for k, v in table.items()):
            raise YamlProblem(path, line_of(raw, key), f"'{key}' must map each short form to its words")
        out[key] = {str(k).strip(): str(v).strip() for k, v in table.items()}
    return Wording(**out)


# "Disabled Facilities Grant (DFG)": a document spells out its own abbreviations the first time it
# uses them, so a library defines many that no list of ours holds.
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,6}?)(s?)\)")
_MINOR = frozenset({"of", "and", "the", "for", "to", "in", "on", "&", "a", "an", "with", "or"})


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """{abbreviation: its words} for each "Long Form Words (LFW)" in `texts`: the abbreviation's
    letters are the initials of the words just before it (small words such as "of" and "and"
    may sit between them and count for nothing). An abbreviation spelled out two different ways
    is left out: which one a question means is not known."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for m in _DEFINED.finditer(text):
            abbr = m.group(1)
            if sum(c.isupper() for c in abbr) < 2 or not abbr[0].isupper():
                continue
            words = re.findall(r"[\w'’&-]+", text[max(0, m.start() - 160):m.start()])
            letters, picked = list(abbr.upper()), []
            for w in reversed(words):
                if not letters:
                    break
                if w.lower() in _MINOR and picked:
                    picked.append(w)
                    continue
                if not w[0].isalpha() or w[0].upper() != letters[-1]:
                    break
                letters.pop()
                picked.append(w)
            if not letters:
                long_form = " ".join(reversed(picked))
                if long_form.upper() != abbr.upper():
                    found.setdefault(abbr, set()).add(long_form)
    return {a: next(iter(forms)) for a, forms in sorted(found.items()) if len({f.lower() for f in forms}) == 1}


# "Strand B, Small Sparks Grants, funds…", "Lot 1 – Hollinsmoor Town and Eastgate": a document
# names what each of its lots, strands or tiers is, and people ask by the name.
_LABEL_NOUNS = "Lot|Strand|Tier|Band|Pool|Pathway|Zone|Round|Stage|Phase|Level|Category"
_CAPITAL = r"[A-Z][\w'’-]*"
_NAMED = re.compile(rf"\b((?:{_LABEL_NOUNS})\s+(?:\d{{1,2}}|[A-H]))\s*(?:,|:|–|—|\s-\s|\()\s*(?:the\s+)?"
                    rf"({_CAPITAL}(?:\s+(?:(?:and|of|for|&)\s+)?{_CAPITAL}){{1,5}})")


def defined_names(texts: Iterable[str]) -> dict[str, str]:
    """{name: label} for each label a text names right after it ("Strand B, Small Sparks Grants"):
    a name of two capitalised words or more. A name given to two labels is left out."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for m in _NAMED.finditer(text):
            found.setdefault(m.group(2), set()).add(" ".join(m.group(1).split()))
    return {name: next(iter(labels)) for name, labels in sorted(found.items()) if len(labels) == 1}


def with_defined(wording: Wording, defined: dict[str, str], names: dict[str, str] | None = None) -> Wording:
    """The council's own list, plus what its documents define that the list does not hold."""
    if not defined and not names:
        return wording
    return Wording({**defined, **wording.abbreviations}, wording.phrases, {**(names or {}), **wording.names})


def write(build: Path, wording: Wording) -> None:
    (build / INDEX_FILE).write_text(wording.as_json(), encoding="utf-8")


def read(build: Path) -> Wording:
    path = build / INDEX_FILE
    if not path.exists():
        return Wording()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Wording(data.get("abbreviations", {}), data.get("phrases", {}), data.get("names", {}))


class Expander:
    """Applies one Wording to questions (compiled once per index)."""

    def __init__(self, wording: Wording, ordinary: frozenset[str] = frozenset()):
        self.wording = wording
        self.ordinary = ordinary   # ordinary English words: in shouting, "SEND" is the verb
        abbr = wording.abbreviations
        # Typed in lower case ("dfg top up"), an abbreviation of three letters or more that is no
        # ordinary word is still one; "send" is the verb. Without a dictionary to tell them apart
        # (`ordinary` empty), only the written case counts.
        self._typed = {a: a for a in abbr}
        if ordinary:
            for a in abbr:
                low = a.lower()
                if len(low) >= 3 and low.isalpha() and low not in ordinary and low not in self._typed:
                    self._typed[low] = a
        self._abbr = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(self._typed, key=len, reverse=True))
                                + r")s?(?![\w-])") if abbr else None
        ph = wording.phrases
        self._phrase = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(ph, key=len, reverse=True)) + r")\b",
                                  re.I) if ph else None
        self._phrase_lower = {k.lower(): v for k, v in ph.items()}
        # A name, in any case, its last word singular or plural ("a small sparks grant").
        self._names = {(n.lower()[:-1] if n.lower().endswith("s") else n.lower()): label
                       for n, label in wording.names.items()}
        self._name = re.compile(r"\b(" + "|".join(r"\s+".join(re.escape(w) for w in n.split())
                                                 for n in sorted(self._names, key=len, reverse=True))
                                + r")s?\b", re.I) if self._names else None

    def abbreviations(self, text: str) -> str:
        """The question with each abbreviation followed by its words: "an MOU (memorandum of
        understanding)". In a question typed all in capitals every word looks like an
        abbreviation, so only those that are not also ordinary words (nor two letters) count;
        typed in lower case, only those of three letters or more that are no ordinary word."""
        if self._name is not None:
            def named(m: re.Match) -> str:
                label = self._names[" ".join(m.group(1).lower().split())]
                return m.group(0) if label.lower() in text.lower() else f"{m.group(0)} ({label})"
            text = self._name.sub(named, text)
        if self._abbr is None:
            return text
        shouting = sum(c.isupper() for c in text) > 0 and not any(c.islower() for c in text)

        def sub(m: re.Match) -> str:
            a = self._typed[m.group(1)]
            if shouting and (len(a) < 3 or a.lower() in self.ordinary):
                return m.group(0)
            return f"{m.group(0)} ({self.wording.abbreviations[a]})"
        return self._abbr.sub(sub, text)

    def phrases(self, text: str) -> str:
        """The question with everyday phrases followed by their policy word (both are kept)."""
        if self._phrase is None:
            return text
        return self._phrase.sub(lambda m: f"{m.group(0)} {self._phrase_lower[m.group(0).lower()]}", text)
