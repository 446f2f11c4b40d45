"""What counts as internal text reaching someone who may read only public documents.

Shared by the leak sweep (tests/test_leak_sweep.py) and the property tests of the core
(tests/test_core_properties.py), so both use one definition. Built from the passages of an index
(every audience) and the checklists, never from a hand-made list, so it follows the library served.

A leak is any of:
- a run of 8 words of an internal document (normalised: lower case, punctuation folded) that no
  public document also contains;
- an internal document's title or one of its section titles, unless a public document says it too;
- an internal-only figure: a money amount, percentage, number with a unit or phone number that an
  internal document states and no public document does;
- the same for the text of an internal checklist (title, summary, prompts, help, options, outcomes),
  where public checklists and rules count as public too.
Text the user sent themselves (a typed answer repeated in their decision record) is not a leak.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

N = 8
PUBLIC = frozenset({"public"})

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "−": "-"})
_WORD = re.compile(r"[a-z0-9]+")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.|[a-z]\))\s+", re.I)

_MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|bn|m|k)?\b", re.I)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.I)
_UNITS = ("working day", "clear day", "calendar day", "business day", "day", "week", "month", "year", "hour",
          "minute", "second", "mile", "km", "metre", "person", "people", "place", "bed", "provider")
_WITH_UNIT = re.compile(r"\b(\d+(?:\.\d+)?)\s+(" + "|".join(sorted((u + "s?" for u in _UNITS), key=len, reverse=True))
                        + r")\b", re.I)
_PHONE = re.compile(r"(?<![\d£.,])(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d])")


def norm_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    return _WORD.findall(text)


def grams(text: str, n: int = N) -> set[tuple[str, ...]]:
    w = norm_words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def _phrase(text: str) -> str:
    return " ".join(norm_words(_NUMBERING.sub("", text)))


def _contains(haystack_words: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {haystack_words} "


def figures(text: str) -> set[tuple[str, str]]:
    """(kind, normalised value) for each figure the text states."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    out: set[tuple[str, str]] = set()
    for m in _MONEY.finditer(text):
        value = float(m.group(1).replace(",", "") or 0)
        value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "k": 1e3}.get((m.group(2) or "").lower(), 1)
        out.add(("money", f"{value:.2f}"))
    for m in _PERCENT.finditer(text):
        out.add(("percent", f"{float(m.group(1)):g}"))
    for m in _WITH_UNIT.finditer(text):
        unit = m.group(2).lower()
        unit = "people" if unit.startswith("pe") else unit.rstrip("s")
        out.add((unit, f"{float(m.group(1)):g}"))
    for m in _PHONE.finditer(text):
        out.add(("phone", re.sub(r"\D", "", m.group(0))[-10:]))
    return out


def checklist_texts(checklist) -> list[str]:
    """Everything a checklist can show: title, summary, prompts, help, option labels, outcomes."""
    out = [checklist.title, checklist.summary]
    for s in checklist.steps:
        out += [s.prompt, s.help or "", s.outcome or "", *(o.label for o in s.options)]
    return [t for t in out if t]


@dataclass
class Leak:
    kind: str      # "8-word run", "title", "figure"
    what: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.what!r}"


@dataclass
class LeakDetector:
    grams: set[tuple[str, ...]]
    phrases: set[str]
    figures: set[tuple[str, str]]
    checked: int = field(default=0)   # texts looked at, for reporting

    @classmethod
    def for_app(cls, app) -> "LeakDetector":
        """The detector for a wired app: its passages, its checklists and its public rules."""
        rules = [r.rule for r in app.rules.rules if r.audience == "public"] if app.rules else []
        return cls.build(app.retriever.passages, checklists=[lc.checklist for lc in app.checklists.checklists.values()],
                         rules=rules)

    @classmethod
    def build(cls, passages: Iterable, *, checklists: Iterable = (), rules: Iterable[str] = (),
              public_audiences: frozenset[str] = PUBLIC) -> LeakDetector:
        passages = list(passages)
        public_p = [p for p in passages if p.audience in public_audiences]
        internal_p = [p for p in passages if p.audience not in public_audiences]
        # Public text, per passage and per document in reading order (an answer may join clauses).
        public_texts = [p.text for p in public_p] + [f"{p.title}\n{' '.join(p.path)}\n{p.section}" for p in public_p]
        by_doc: dict[str, list[str]] = {}
        for p in public_p:
            by_doc.setdefault(p.document, []).append(p.text)
        public_texts += ["\n".join(v) for v in by_doc.values()]
        public_grams = set().union(*(grams(t) for t in public_texts)) if public_texts else set()
        public_words = [" ".join(norm_words(t)) for t in public_texts]
        public_figures = set().union(*(figures(t) for t in public_texts)) if public_texts else set()

        internal_grams = set().union(*(grams(p.text) for p in internal_p)) if internal_p else set()
        internal_grams -= public_grams
        phrases = set()
        for p in internal_p:
            phrases |= {_phrase(p.title), _phrase(p.section), *(_phrase(h) for h in p.path),
                        _phrase(p.document.rsplit(".", 1)[0].replace("-", " ").replace("_", " "))}
        internal_figures = set().union(*(figures(p.text) for p in internal_p)) if internal_p else set()
        internal_figures -= public_figures

        # Internal checklists: their own words, unless a public document, checklist or rule says them.
        checklists = list(checklists)
        public_c = [t for c in checklists if c.audience in public_audiences for t in checklist_texts(c)] + list(rules)
        public_c_grams = public_grams | (set().union(*(grams(t) for t in public_c)) if public_c else set())
        public_c_words = public_words + [" ".join(norm_words(t)) for t in public_c]
        for c in checklists:
            if c.audience in public_audiences:
                continue
            for t in checklist_texts(c):
                internal_grams |= grams(t) - public_c_grams
            if not any(_contains(w, _phrase(c.title)) for w in public_c_words):
                phrases.add(_phrase(c.title))
        phrases = {ph for ph in phrases if ph and not any(_contains(w, ph) for w in public_words)}
        return cls(internal_grams, phrases, internal_figures)

    def leaks(self, texts: Iterable[str], *, said: Said | Iterable[str] = ()) -> list[Leak]:
        """Leaks in what was shown (each text separately), ignoring what the user sent themselves."""
        if not isinstance(said, Said):
            said = Said(said)
        found: list[Leak] = []
        for text in texts:
            if not text:
                continue
            self.checked += 1
            for g in sorted((grams(text) & self.grams) - said.grams):
                found.append(Leak("8-word run", " ".join(g)))
            words = " ".join(norm_words(text))
            for ph in sorted(self.phrases):
                if _contains(words, ph) and not any(_contains(s, ph) for s in said.words):
                    found.append(Leak("title", ph))
            for f in sorted((figures(text) & self.figures) - said.figures):
                found.append(Leak("figure", f"{f[0]} {f[1]}"))
        return found


class Said:
    """What a user has sent (questions, typed answers, their display name), kept incrementally."""

    def __init__(self, texts: Iterable[str] = ()):
        self.grams: set[tuple[str, ...]] = set()
        self.words: list[str] = []
        self.figures: set[tuple[str, str]] = set()
        for t in texts:
            self.add(t)

    def add(self, text: str) -> None:
        if text:
            self.grams |= grams(text)
            self.words.append(" ".join(norm_words(text)))
            self.figures |= figures(text)

    def plus(self, texts: Iterable[str]) -> Said:
        out = Said()
        out.grams, out.words, out.figures = set(self.grams), list(self.words), set(self.figures)
        for t in texts:
            out.add(t)
        return out


def reply_texts(reply) -> list[str]:
    """Everything a reply shows: each part, each button label, file captions and text records."""
    out = [p.text for p in reply.parts]
    out += [b.label for row in reply.buttons for b in row]
    for f in reply.files:
        out.append(f.caption)
        if str(f.path).endswith((".md", ".txt")):
            try:
                out.append(f.path.read_text(encoding="utf-8"))
            except OSError:
                pass
    return out


# -- probes: what a hostile provider would type to get at an internal clause ---------------------------
_TOKEN = re.compile(r"[£\w][\w£%.,'’-]*")
_SENTENCE = re.compile(r"\s*[•\n]\s*|(?<=[.;!?])\s+")
_TEMPLATES = ("What is the {np}?", "What does the council say about {np}?", "Can you tell me about the {np}?",
              "How does the {np} work?", "what are the rules on {np}")


def _is_content(token: str) -> bool:
    from assistant.textnorm import STOPWORDS

    return bool(token) and token.lower() not in STOPWORDS and not re.fullmatch(r"[\d.,]+", token)


def sentences(text: str, *, min_words: int = 4) -> list[str]:
    """The clause cut at sentence ends, semicolons and bullets; pieces of a few words are dropped."""
    return [s.strip(" ;:,") for s in _SENTENCE.split(text) if len(s.split()) >= min_words]


def content_words(text: str) -> list[str]:
    return [t for t in (t.strip(".,;:'’") for t in _TOKEN.findall(text)) if _is_content(t)]


def noun_phrase(text: str) -> str:
    """The longest run of content words (at most five): a mechanical stand-in for the key noun phrase."""
    best: list[str] = []
    run: list[str] = []
    for t in [t.strip(".,;:'’") for t in _TOKEN.findall(text)] + ["the"]:
        if _is_content(t):
            run.append(t)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return " ".join(best[:5]).lower()


def paraphrases(text: str, seed: int) -> list[str]:
    """Two mechanical rewordings: the content words rotated (no stop words, new order), and a
    question template around the clause's key noun phrase."""
    c = content_words(text)
    half = len(c) // 2
    out = [" ".join((c[half:] + c[:half])[:16])] if c else []
    np_ = noun_phrase(text)
    if np_:
        out.append(_TEMPLATES[seed % len(_TEMPLATES)].format(np=np_))
    return [p for p in out if p.strip()]


def clause_probes(passage, seed: int, *, max_sentences: int = 5) -> tuple[list[str], list[str]]:
    """(the clause's own words: the whole clause and its sentences, paraphrases)."""
    own = [passage.text] + [s for s in sentences(passage.text) if s != passage.text][:max_sentences]
    return own, paraphrases(passage.text, seed)
