"""Which provider sector a question names, and which documents are that sector's own guidance.

An officer who asks "do we pay a charity's grant upfront?" wants the voluntary sector guidance,
yet the provider FAQ and the policy say nearly the same thing in nearly the same words, and
MiniLM's query vector is about paying grants, not about charities. What tells the guides apart is
the sector the question names, by its name or by a typical member ("an NHS trust", "a sole
trader", "a national care group"). The sectors, the words that name them and their guidance
documents are data (`sectors:` in `rules.yaml`, the same map `bot.py rules --sector` reads);
they are compiled into the index, so a library without them simply routes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.yamlfile import YamlProblem

FILE_NAME = "sectors.json"
OTHER_SECTOR_SHARE = 0.5  # share of the bonus taken from the guides of sectors a question does not name
LATER_SECTOR_SHARE = 0.5  # share of the bonus for a sector named after the first ("we're a PLC; like a charity?")
GAP = "*"          # in a term, stands for up to three words: "large * group"
_MAX_GAP = 3


def normalise(text: str) -> str:
    """Lower case, no apostrophes, hyphens and slashes as spaces: "Self-employed" → "self employed",
    "residents' association" → "residents association"."""
    text = re.sub(r"['\u2019\u2018]", "", text.lower())
    return " ".join(re.sub(r"[-/_]+", " ", text).split())


def term_pattern(term: str) -> str:
    """A term as a regular expression: its words in order, each with an optional plural ending,
    `*` for a gap of up to three words."""
    parts: list[str] = []
    for word in normalise(term).split():
        if word == GAP:
            parts.append(rf"(?:\s+\S+){{0,{_MAX_GAP}}}?")
        else:
            parts.append((r"\s+" if parts else "") + re.escape(word) + r"(?:s|es)?")
    return "".join(parts)


def compile_terms(terms: list[str]) -> re.Pattern | None:
    alts = [term_pattern(t) for t in terms if normalise(t).replace(GAP, "").strip()]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)") if alts else None


@dataclass(frozen=True)
class Route:
    sector: str
    documents: tuple[str, ...]
    pattern: re.Pattern


def routes_from_catalogue(rules_path: Path) -> list[dict]:
    """The routing part of the sectors map, as plain data: [{sector, documents, terms}].

    Raises YamlProblem (file and line) when rules.yaml is broken."""
    from assistant.library.rules import load_catalogue

    cat, _ = load_catalogue(rules_path)
    return [{"sector": sid, "documents": list(s.guidance), "terms": [s.name, *s.terms]}
            for sid, s in cat.sectors.items() if s.guidance]


def routes_for(source: Path) -> tuple[list[dict], YamlProblem | None]:
    path = source / "rules.yaml"
    if not path.is_file():
        return [], None
    try:
        return routes_from_catalogue(path), None
    except YamlProblem as exc:
        return [], exc


def routes_hash(routes: list[dict]) -> str:
    """What the manifest records, so editing the sector words (not the rules) triggers a rebuild."""
    return hashlib.sha256(json.dumps(routes, sort_keys=True).encode()).hexdigest() if routes else ""


def write(build: Path, routes: list[dict]) -> None:
    (build / FILE_NAME).write_text(json.dumps(routes, ensure_ascii=False), encoding="utf-8")


def _overlapping(pattern: re.Pattern, text: str):
    """Every match, including ones that start inside an earlier match ("for profit" inside
    "not for profit" when both are terms)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


class Sectors:
    """The compiled routes of one index build; an index without them names no sector."""

    def __init__(self, build: Path):
        self.routes: list[Route] = []
        path = build / FILE_NAME
        if path.exists():
            for r in json.loads(path.read_text(encoding="utf-8")):
                pattern = compile_terms(r["terms"])
                if pattern is not None:
                    self.routes.append(Route(r["sector"], tuple(r["documents"]), pattern))
        # Every sector's guidance: a document that is in none of them is general (the policy, the FAQ).
        self.documents = frozenset(d for r in self.routes for d in r.documents)

    def named(self, text: str) -> tuple[str, ...]:
        """The sectors a question names, in the order it first names them: the first is usually who
        the question is about ("We're a PLC… would you pay us upfront, as you do charities?"). A name
        inside a longer name of another sector does not count: "not for profit" names the voluntary
        sector, not "for profit" firms."""
        norm = normalise(text)
        found = [(r.sector, m.span()) for r in self.routes for m in _overlapping(r.pattern, norm)]
        first: dict[str, int] = {}
        for s, (a, b) in found:
            if not any(o != s and x <= a and b <= y and (y - x) > (b - a) for o, (x, y) in found):
                first[s] = min(first.get(s, a), a)
        order = {r.sector: i for i, r in enumerate(self.routes)}
        return tuple(sorted(first, key=lambda s: (first[s], order[s])))

    def guidance(self, sectors: tuple[str, ...]) -> frozenset[str]:
        return frozenset(d for r in self.routes if r.sector in sectors for d in r.documents)

    def bonus(self, named: tuple[str, ...], size: float) -> dict[str, float]:
        """Score change per document for a question naming `named`: the first-named sector's guides
        gain `size`, the guides of sectors named after it part of it; the other sectors' guides lose
        part of it; every other document is untouched."""
        if not named:
            return {}
        out = {d: -OTHER_SECTOR_SHARE * size for d in self.documents}
        out.update({d: LATER_SECTOR_SHARE * size for d in self.guidance(named[1:])})
        out.update({d: size for d in self.guidance(named[:1])})
        return out
