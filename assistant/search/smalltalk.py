"""Small talk: "hi", "thanks", "help" typed without a slash get a person's reply, not a search.

A greeting sent to the search finds whatever clause is nearest to "hello" and either quotes it or
lists unrelated "nearest topics", which reads as broken. The words are data (`smalltalk.yaml` in
the knowledge folder, replaceable by a council), and a message is small talk only when every
word of it is in the lists, so any question that merely starts with "hi" is still answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

KINDS = ("help", "goodbye", "thanks", "greeting")  # when a message mixes kinds, the first one listed wins
MAX_WORDS = 10


def _norm(text: str) -> str:
    text = re.sub(r"['\u2019\u2018]", "", text.lower())
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


@dataclass(frozen=True)
class SmallTalk:
    phrases: dict[str, tuple[str, ...]]  # kind -> phrases, longest first
    filler: frozenset[str]
    filler_phrases: tuple[str, ...] = ()  # several-word filler ("for your help"), taken out first

    def kind(self, text: str) -> str | None:
        """"greeting", "thanks", "goodbye" or "help" when the whole message is small talk, else None."""
        rest = _norm(text)
        if not rest or len(rest.split()) > MAX_WORDS:
            return None
        for phrase in self.filler_phrases:
            rest = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", rest)
        found: set[str] = set()
        everything = sorted(((p, k) for k, ps in self.phrases.items() for p in ps), key=lambda x: -len(x[0]))
        for phrase, kind in everything:
            pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
            if re.search(pattern, rest):
                found.add(kind)
                rest = re.sub(pattern, " ", rest)
        if not found or any(w not in self.filler for w in rest.split()):
            return None
        return next(k for k in KINDS if k in found)


def load_smalltalk(path: Path) -> SmallTalk | None:
    """None when the file is absent: every message then goes to the library, as before."""
    from assistant.yamlfile import YamlProblem, load_yaml, strip_lines

    if not path.is_file():
        return None
    data = strip_lines(load_yaml(path))
    if not isinstance(data, dict):
        raise YamlProblem(path, 1, "smalltalk.yaml must map greeting/thanks/goodbye/help/filler to lists of words")
    phrases = {k: tuple(sorted({_norm(str(p)) for p in data.get(k) or [] if _norm(str(p))}, key=len, reverse=True))
               for k in KINDS}
    fillers = [_norm(str(p)) for p in data.get("filler") or [] if _norm(str(p))]
    return SmallTalk(phrases, frozenset(f for f in fillers if " " not in f),
                     tuple(sorted((f for f in fillers if " " in f), key=len, reverse=True)))
