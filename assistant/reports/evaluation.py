"""Score retrieval and the answer/refuse rule on a question set with known answers.

Question files are YAML lists (see eval/dev/*.yaml): `q`, `role`, `kind`, and `expect`, a list of
{document, section, text} of which any one answering passage counts. No `expect` means the
question must be refused.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.ingest.model import Passage
from assistant.search.answers import Answer
from assistant.textnorm import clean


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str
    section: str = ""
    text: str = ""


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str
    role: str = "provider"
    kind: str = "direct"
    expect: list[Expect] = Field(default_factory=list)
    why: str = ""   # for the reader: what the library says nearby, why this is (not) answerable

    @property
    def answerable(self) -> bool:
        return bool(self.expect)


def _norm(s: str) -> str:
    return clean(s).lower().replace("’", "'").replace("–", "-")


def _cells(text: str) -> str:
    """A passage's table rows as their cells one after another, without the column names the
    ingester writes before each ("Placement type: Parent and child; Weekly fee: £1,650" reads
    "Parent and child £1,650"): a span copied from the document's row is found in the row the
    answer quotes."""
    lines = []
    for line in text.splitlines():
        if "; " in line:
            line = " ".join(re.sub(r"^[^:;]{1,80}:\s", "", cell) for cell in line.split("; "))
        lines.append(line)
    return "\n".join(lines)


def matches(p: Passage, e: Expect) -> bool:
    if p.document.lower() != e.document.lower():
        return False
    if e.section and not any(_norm(e.section) in _norm(h) for h in (p.section, *p.path)):
        return False
    return not e.text or _norm(e.text) in _norm(p.text) or _norm(e.text) in _norm(_cells(p.text))


def load_questions(path: Path) -> list[Question]:
    """Load one YAML file or every *.yaml in a folder; errors name file and entry."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    out: list[Question] = []
    for f in files:
        try:
            rows = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ValueError(f"{f}:{mark.line + 1 if mark else 1}: broken YAML") from None
        for i, row in enumerate(rows):
            try:
                out.append(Question(**row))
            except (ValidationError, TypeError) as exc:
                raise ValueError(f"{f}: question {i + 1}: {exc}") from None
    return out


@dataclass
class Scored:
    question: Question
    answer: Answer
    rank: int | None  # 1-based rank of the first relevant source, None if absent from the top 10
    leaks: int

    @property
    def right_document_first(self) -> bool:
        """The first source is in an expected document (the right guide, even in another section)."""
        src = self.answer.sources
        return bool(src) and src[0].passage.document in {e.document for e in self.question.expect}


@dataclass
class Report:
    rows: list[Scored] = field(default_factory=list)

    def _answerable(self) -> list[Scored]:
        return [r for r in self.rows if r.question.answerable]

    def recall(self, k: int) -> float:
        a = self._answerable()
        return sum(1 for r in a if r.rank is not None and r.rank <= k) / len(a) if a else 0.0

    def document_first(self) -> float:
        """Share of answerable questions whose first source is in an expected document (the right
        guide first, even when another of its sections holds the clause)."""
        a = self._answerable()
        return sum(r.right_document_first for r in a) / len(a) if a else 0.0

    def mrr(self) -> float:
        a = self._answerable()
        return statistics.fmean(1 / r.rank if r.rank else 0.0 for r in a) if a else 0.0

    def refused_unanswerable(self) -> float:
        u = [r for r in self.rows if not r.question.answerable]
        return sum(not r.answer.answered for r in u) / len(u) if u else 1.0

    def refused_kind(self, kind: str) -> float:
        """Share of the unanswerable questions of one kind that were refused (1.0 when none):
        `unanswerable` are on-topic questions the library does not answer, `probe` are a
        provider's questions about facts only internal documents hold."""
        u = [r for r in self.rows if not r.question.answerable and r.question.kind == kind]
        return sum(not r.answer.answered for r in u) / len(u) if u else 1.0

    def wrongly_refused(self) -> float:
        a = self._answerable()
        return sum(not r.answer.answered for r in a) / len(a) if a else 0.0

    def leaks(self) -> int:
        return sum(r.leaks for r in self.rows)

    def figures(self) -> dict[str, float]:
        return {
            "questions": len(self.rows),
            "answerable": len(self._answerable()),
            "document@1": round(self.document_first(), 3),
            "recall@1": round(self.recall(1), 3),
            "recall@3": round(self.recall(3), 3),
            "recall@5": round(self.recall(5), 3),
            "mrr@10": round(self.mrr(), 3),
            "unanswerable_refused": round(self.refused_unanswerable(), 3),
            "on_topic_unanswerable_refused": round(self.refused_kind("unanswerable"), 3),
            "provider_probes_refused": round(self.refused_kind("probe"), 3),
            "answerable_wrongly_refused": round(self.wrongly_refused(), 3),
            "provider_leaks": self.leaks(),
        }

    def failures(self) -> list[str]:
        lines = []
        for r in self.rows:
            q = r.question
            if q.answerable and (r.rank is None or r.rank > 3):
                top = r.answer.sources[0].passage if r.answer.sources else None
                lines.append(f"MISS rank={r.rank} [{q.kind}] {q.q!r} -> {top.document + ' › ' + top.section if top else '-'}")
            if q.answerable and r.answer.sources and not r.right_document_first:
                lines.append(f"WRONG DOCUMENT [{q.kind}] {q.q!r} -> {r.answer.sources[0].passage.document}")
            if q.answerable and not r.answer.answered:
                lines.append(f"REFUSED [{q.kind}] {q.q!r} ({r.answer.reason})")
            if not q.answerable and r.answer.answered:
                lines.append(f"ANSWERED [{q.kind}] {q.q!r} ({r.answer.reason})")
            if r.leaks:
                lines.append(f"LEAK {q.q!r}")
        return lines


def evaluate(questions: list[Question], answer_fn, roles: dict[str, list[str]]) -> Report:
    """Answer each question as its role would and score the ranked sources."""
    report = Report()
    for q in questions:
        a: Answer = answer_fn(q.q, role=q.role)
        rank = None
        for i, h in enumerate(a.sources[:10], 1):
            if any(matches(h.passage, e) for e in q.expect):
                rank = i
                break
        allowed = set(roles.get(q.role, []))
        leaks = sum(1 for h in a.sources if h.passage.audience not in allowed)
        report.rows.append(Scored(q, a, rank, leaks))
    return report


class LibrarySpec(BaseModel):
    """One row of a library registry (eval/libraries.yaml): a library and the questions asked of it."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    source: Path
    questions: Path
    fitted: bool = False   # its failures were looked at while shaping the search (README, "Quality")


def load_libraries(path: Path) -> list[LibrarySpec]:
    """Read a registry; relative paths are taken from the registry's own folder."""
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the library registry ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ValueError(f"{path}:{mark.line + 1 if mark else 1}: broken YAML") from None
    if not isinstance(rows, list):
        raise ValueError(f"{path}:1: expected a list of libraries (name, source, questions)")
    base = path.resolve().parent
    out = []
    for i, row in enumerate(rows):
        try:
            spec = LibrarySpec(**row)
        except (ValidationError, TypeError) as exc:
            raise ValueError(f"{path}: library {i + 1}: {exc}") from None
        out.append(spec.model_copy(update={"source": base / spec.source, "questions": base / spec.questions}))
    return out


TABLE_COLUMNS = (("recall@3", "R@3"), ("mrr@10", "MRR@10"), ("on_topic_unanswerable_refused", "unans.refused"),
                 ("provider_probes_refused", "probes.refused"), ("answerable_wrongly_refused", "wrongly.refused"),
                 ("provider_leaks", "leaks"))
# For the worst row: which way is worse for each figure.
_LOWER_IS_WORSE = {"recall@3", "mrr@10", "on_topic_unanswerable_refused", "provider_probes_refused"}


def worst_row(rows: dict[str, dict[str, float]]) -> dict[str, float]:
    """Each figure at its worst over the libraries (the row a council should plan for)."""
    out: dict[str, float] = {}
    for key, _ in TABLE_COLUMNS:
        values = [f[key] for f in rows.values()]
        out[key] = min(values) if key in _LOWER_IS_WORSE else max(values)
    return out


def library_table(rows: dict[str, dict[str, float]]) -> str:
    """One line per library, then the worst of each column."""
    width = max([18, *(len(name) + 1 for name in rows)])   # a long name must not push its row out of line
    head = f"{'library':<{width}}{'qs':>5}" + "".join(f"{label:>16}" for _, label in TABLE_COLUMNS)
    lines = [head]
    for name, f in [*rows.items(), ("worst", {"questions": sum(f["questions"] for f in rows.values()),
                                             **worst_row(rows)})]:
        lines.append(f"{name:<{width}}{int(f['questions']):>5}" + "".join(
            f"{f[key]:>16}" if isinstance(f[key], int) else f"{f[key]:>16.3f}" for key, _ in TABLE_COLUMNS))
    return "\n".join(lines)
