"""`bot.py check`: the whole library is valid, or every problem is listed as `file:line: what`.

It needs no model and no index (it parses the documents itself), so it is quick enough for CI
and for a council editing its files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.search import scope
from assistant.library.load import load_library
from assistant.checklists.schema import reference_problems
from assistant.checklists.runs import load_all
from assistant.library.references import ClauseIndex
from assistant.library.rules import check_rule_sources, check_sector_guidance, load_catalogue
from assistant.settings import Settings
from assistant.textnorm import shown_name
from assistant.yamlfile import YamlProblem

REQUIRED_META = ("title", "owner", "version", "review_date", "audience")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    rules: int = 0
    checklists: int = 0
    out_of_scope: int = 0   # topics in the out-of-scope list

    @property
    def ok(self) -> bool:
        return not self.problems


ONE_SECTION_MAX = 12   # passages one section may hold before its document looks unsectioned


def check_library(settings: Settings, source: Path | None = None) -> CheckReport:
    root = source or settings.path(settings.knowledge_dir)
    report = CheckReport()
    if not root.is_dir():
        report.problems.append(f"{root}: knowledge folder not found")
        return report
    lib = load_library(settings, root)
    report.problems += [str(p) for p in lib.problems]
    report.documents = len(lib.documents)
    report.passages = len(lib.passages)
    known_audiences = {a for auds in settings.roles.values() for a in auds}
    # Citations, rules and the index name a document by its file name: two files with one name
    # (in different folders) would be one document to all of them.
    first: dict[str, Path] = {}
    passages_of: dict[str, list] = {}
    for passage in lib.passages:
        passages_of.setdefault(passage.document, []).append(passage)
    for doc in lib.documents:
        other = first.setdefault(doc.path.name.lower(), doc.path)
        if other != doc.path:
            report.problems.append(f"{shown_name(doc.path)}:1: has the same file name as {shown_name(other)}; "
                                   "answers and rules cite documents by file name, so rename one")
        missing = [k for k in REQUIRED_META if not doc.meta.get(k)]
        if missing:
            report.problems.append(f"{shown_name(doc.path)}:1: metadata is missing {', '.join(missing)}")
        # Declarations that disagree (the stricter won) and words nobody listed (read as internal).
        report.problems += [f"{shown_name(doc.path)}:{line}: {message}" for line, message in doc.audience_notes]
        if not any(b.kind == "heading" for b in doc.blocks):
            report.problems.append(f"{shown_name(doc.path)}:1: no sections found (add headings)")
        else:
            # One heading over a long document is a title whose sections were not recognised:
            # every answer would cite the title, and a question would match the whole document.
            own = passages_of.get(doc.name, [])
            if len(own) > ONE_SECTION_MAX and len({p.path for p in own}) == 1:
                report.problems.append(
                    f"{shown_name(doc.path)}:1: all {len(own)} passages are in one section ({own[0].section!r}): its "
                    "headings were not recognised (a PDF needs bookmarks, or headings in bold or a larger font; "
                    "see docs/knowledge-format.md, Sections)")
    clauses = ClauseIndex(lib.passages)
    rules_path = root / "rules.yaml"
    if rules_path.exists():
        try:
            cat, problems = load_catalogue(rules_path)
            report.problems += [str(p) for p in problems]
            report.problems += [str(p) for p in check_rule_sources(cat, clauses, lib.passages)]
            report.problems += [str(p) for p in check_sector_guidance(cat, clauses)]
            report.rules = len(cat.rules)
            for r in cat.rules:
                if r.audience not in known_audiences:
                    report.problems.append(f"{rules_path}:{cat.lines.get(r.id, 1)}: rule {r.id}: unknown audience {r.audience!r}")
        except YamlProblem as p:
            report.problems.append(str(p))
    loaded, problems = load_all(root / "checklists")
    report.problems += [str(p) for p in problems]
    for lc in loaded.values():
        report.problems += [str(p) for p in reference_problems(lc, clauses)]
        if lc.checklist.audience not in known_audiences:
            report.problems.append(f"{shown_name(lc.path)}:1: audience {lc.checklist.audience!r} is not read by any role")
    report.checklists = len(loaded)
    try:  # the small-talk words: broken YAML there must not pass silently
        from assistant.search.smalltalk import load_smalltalk

        load_smalltalk(root / "smalltalk.yaml")
    except YamlProblem as p:
        report.problems.append(str(p))
    scope_path = scope.scope_file(root, settings.path(settings.out_of_scope))
    if scope_path:
        try:
            report.out_of_scope = len(scope.load_topics(scope_path))
        except YamlProblem as p:
            report.problems.append(str(p))
    return report
