"""The provider rules catalogue (`knowledge/rules.yaml`): what applies to whom, from which clause."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.ingest.model import Passage
from assistant.library.references import ClauseIndex, ClauseRef
from assistant.yamlfile import YamlProblem, first_error, line_of, load_yaml, strip_lines


def _as_list(v):
    """YAML lets a one-item list be written as the item alone (`sector: plc`)."""
    return [v] if isinstance(v, str) else v


class Sector(BaseModel):
    """A provider sector: `aliases` pick it in `bot.py rules --sector`; `terms` are the words that
    name it or its typical members in a question, and `guidance` its own guidance documents, which
    retrieval prefers when a question names the sector (see search/sectors.py)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)
    guidance: list[str] = Field(default_factory=list)

    @field_validator("aliases", "terms", "guidance", mode="before")
    @classmethod
    def _listify(cls, v):
        return _as_list(v)

    @field_validator("aliases", "terms", "guidance")
    @classmethod
    def _no_blanks(cls, v: list[str]) -> list[str]:
        if any(not str(x).strip() for x in v):
            raise ValueError("entries must not be empty")
        return [str(x).strip() for x in v]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    sector: list[str]
    topic: str
    rule: str
    source: ClauseRef
    audience: str = "public"

    @field_validator("sector", mode="before")
    @classmethod
    def _listify(cls, v):
        return _as_list(v)

    @field_validator("rule", "topic", "id")
    @classmethod
    def _not_empty(cls, v: str) -> str:
        if not str(v).strip():
            raise ValueError("must not be empty")
        return str(v).strip()


@dataclass(frozen=True)
class Catalogue:
    sectors: dict[str, Sector]
    rules: list[Rule]
    lines: dict[str, int]  # rule id -> line in the file
    path: Path
    sector_lines: dict[str, int] = field(default_factory=dict)  # sector id -> line in the file
    topic_titles: dict[str, str] = field(default_factory=dict)  # `topics:` in rules.yaml, optional

    def sector_id(self, name: str) -> str | None:
        """Accept an id, a display name, an alias or any of the sector's `terms`, in any case and
        in the plural ("charities", "NHS trust", "sole traders", "large providers")."""
        from assistant.search.sectors import normalise, term_pattern

        key = normalise(name)
        if not key:
            return None
        if key == "all":
            return "all"
        for sid, s in self.sectors.items():
            if key in (normalise(sid), normalise(s.name), *[normalise(a) for a in s.aliases]):
                return sid
        for sid, s in self.sectors.items():
            for word in (s.name, *s.aliases, *s.terms):
                if normalise(word).replace("*", "").strip() and re.fullmatch(term_pattern(word), key):
                    return sid
        return None

    def topics(self) -> list[str]:
        """Topic ids, in the order of their titles."""
        return sorted({r.topic for r in self.rules}, key=lambda t: self.topic_title(t).lower())

    def topic_title(self, topic: str) -> str:
        """How a topic is shown: its title from `topics:`, else the id in words ("due-diligence" →
        "Due diligence"), so people never read a slug."""
        if topic in self.topic_titles:
            return self.topic_titles[topic]
        words = " ".join(re.split(r"[-_\s]+", topic)).strip()
        return words[:1].upper() + words[1:]

    def by_topic(self, rules: list[Rule]) -> list[tuple[str, list[Rule]]]:
        """Rules grouped under their topics, topics in title order, rules in file order."""
        return [(t, [r for r in rules if r.topic == t]) for t in self.topics() if any(r.topic == t for r in rules)]

    def select(self, *, audiences: set[str], sector: str | None = None, topic: str | None = None,
               clauses=None) -> list[Rule]:
        """Rules a role may see, for a sector (rules for `all` included) and topic. With `clauses`
        (a ClauseIndex), a rule whose source is a clause the role may not read is left out too: a
        public rule citing internal guidance (`bot.py check` reports it) would name that guidance."""
        out = []
        for r in self.rules:
            if r.audience not in audiences:
                continue
            if clauses is not None:
                # The clause cited, or when it does not resolve (renumbered, mistyped) its document:
                # a citation that names internal guidance is left out either way.
                found = clauses.resolve(r.source) or clauses.by_doc.get(r.source.document.lower(), [])
                if found and not any(p.audience in audiences for p in found):
                    continue
            if sector and sector != "all" and sector not in r.sector and "all" not in r.sector:
                continue
            if topic and topic.lower() not in r.topic.lower() and topic.lower() not in self.topic_title(r.topic).lower():
                continue
            out.append(r)
        return out


def load_catalogue(path: Path) -> tuple[Catalogue, list[YamlProblem]]:
    """Load rules.yaml; every bad entry becomes a problem with its line, the good ones still load."""
    problems: list[YamlProblem] = []
    data = load_yaml(path)
    if not isinstance(data, dict) or "rules" not in data:
        raise YamlProblem(path, line_of(data), "rules.yaml needs a top-level `rules:` list (and a `sectors:` map)")
    raw_sectors, raw_rules = data.get("sectors"), data.get("rules")
    if raw_sectors is not None and not isinstance(raw_sectors, dict):
        raise YamlProblem(path, line_of(data, "sectors"), "`sectors:` must be a map of sector id to its name, "
                                                          "aliases, terms and guidance, not a list or a single value")
    if raw_rules is not None and not isinstance(raw_rules, list):
        raise YamlProblem(path, line_of(data, "rules"), "`rules:` must be a list of rules (each line starting `- id:`)")
    sectors: dict[str, Sector] = {}
    sector_lines: dict[str, int] = {}
    for sid, raw in (raw_sectors or {}).items():
        if sid in ("__line__", "__lines__"):
            continue
        sector_lines[sid] = line_of(raw_sectors, sid)
        try:
            if not isinstance(raw, dict):
                raise ValueError("must be a map with name, aliases, terms and guidance")
            sectors[sid] = Sector.model_validate(strip_lines(raw))
        except (ValidationError, ValueError) as exc:
            problems.append(YamlProblem(path, line_of(raw_sectors, sid), f"sector {sid}: {_first(exc)}"))
    rules: list[Rule] = []
    lines: dict[str, int] = {}
    for raw in raw_rules or []:
        line = line_of(raw, default=line_of(data, "rules"))
        try:
            if not isinstance(raw, dict):
                raise ValueError("must be a map with id, sector, topic, rule and source")
            rule = Rule.model_validate(strip_lines(raw))
        except (ValidationError, ValueError) as exc:
            problems.append(YamlProblem(path, line, f"rule {raw.get('id', '?') if isinstance(raw, dict) else '?'}: {_first(exc)}"))
            continue
        if rule.id in lines:
            problems.append(YamlProblem(path, line, f"rule {rule.id}: duplicate id (first at line {lines[rule.id]})"))
            continue
        for s in rule.sector:
            if s != "all" and s not in sectors:
                problems.append(YamlProblem(path, line_of(raw, "sector", line), f"rule {rule.id}: unknown sector {s!r}"))
        rules.append(rule)
        lines[rule.id] = line_of(raw, "source", line)
    titles = data.get("topics") or {}
    if not isinstance(titles, dict):
        problems.append(YamlProblem(path, line_of(data, "topics"), "`topics:` must map topic ids to titles"))
        titles = {}
    titles = {str(k): " ".join(str(v).split()) for k, v in titles.items() if k not in ("__line__", "__lines__") and v}
    return Catalogue(sectors, rules, lines, path, sector_lines, titles), problems


def check_sector_guidance(cat: Catalogue, clauses: ClauseIndex) -> list[YamlProblem]:
    """Every sector's guidance names a document of the library (a renamed file would silently stop
    questions about that sector from finding its guide first)."""
    return [YamlProblem(cat.path, cat.sector_lines.get(sid, 1), f"sector {sid}: guidance {doc!r} is not a document in the library")
            for sid, s in cat.sectors.items() for doc in s.guidance if not clauses.has_document(doc)]


def _first(exc: Exception) -> str:
    return first_error(exc).labelled()


def check_rule_sources(cat: Catalogue, clauses: ClauseIndex, passages: list[Passage]) -> list[YamlProblem]:
    """Every source resolves; no public rule rests on or quotes internal text.

    "Quotes" means shares a run of seven words with internal text that no public document also
    says, so restating public policy that the handbook repeats is not flagged.
    """
    problems = []
    internal_grams = _ngrams_of([p for p in passages if p.audience != "public"])
    internal_grams -= _ngrams_of([p for p in passages if p.audience == "public"])
    for r in cat.rules:
        line = cat.lines.get(r.id, 1)
        found = clauses.resolve(r.source)
        if not found:
            why = "no such document" if not clauses.has_document(r.source.document) else "no such clause"
            problems.append(YamlProblem(cat.path, line, f"rule {r.id}: source {r.source} does not resolve ({why})"))
            continue
        if r.audience == "public" and any(p.audience != "public" for p in found):
            problems.append(YamlProblem(cat.path, line, f"rule {r.id}: a public rule cites an internal clause ({r.source})"))
        if r.audience == "public" and internal_grams & _ngrams(r.rule):
            problems.append(YamlProblem(cat.path, line, f"rule {r.id}: a public rule quotes internal text"))
    return problems


def _ngrams(text: str, n: int = 7) -> set[tuple[str, ...]]:
    from assistant.textnorm import words

    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def _ngrams_of(passages: list[Passage]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for p in passages:
        out |= _ngrams(p.text)
    return out
