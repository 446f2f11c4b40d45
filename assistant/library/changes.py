"""What changed between two index builds, clause by clause, and where that is recorded.

Each build writes `changes.json` (its diff from the build it replaced) into its own folder, so the
diff travels with the index; whoever first sees a build (`bot.py index`, or a running bot that
reloads it) copies it into the SQLite change log, once per build id.

Clauses are matched within a document: the same text is the same clause (wherever it moved);
then the same heading path and clause label is the same clause, reworded; then, among what is
left, the most similar text (difflib ratio ≥ SIMILAR) is the same clause, reworded. Unnumbered
paragraphs (labels `¶n`, which shift when a paragraph is inserted) are matched by text only.
A clause whose audience changed is reported as removed from the old audience and added to the
new one, so a provider never reads text that became internal.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.model import Passage
from assistant.storage.changes import Change, ChangeLog
from assistant.textnorm import clean

CHANGES_FILE = "changes.json"
SIMILAR = 0.6
RECENT_DAYS = 30


def _change(kind: str, p: Passage, *, old: Passage | None = None) -> Change:
    return Change(kind, p.document, p.title, p.section, tuple(p.path), p.clause, p.audience,
                  old_text=(old.text if old else p.text if kind == "removed" else ""),
                  new_text="" if kind == "removed" else p.text, passage_id=p.id)


def _labelled(p: Passage) -> bool:
    return bool(p.clause) and not p.clause.startswith("¶")


def diff(old: list[Passage], new: list[Passage]) -> list[Change]:
    """Added, removed and reworded clauses from `old` to `new`, in the new library's order."""
    docs = list(dict.fromkeys([p.document for p in new] + [p.document for p in old]))
    old_by: dict[str, list[Passage]] = {}
    new_by: dict[str, list[Passage]] = {}
    for p in old:
        old_by.setdefault(p.document, []).append(p)
    for p in new:
        new_by.setdefault(p.document, []).append(p)
    out: list[Change] = []
    for doc in docs:
        out += _diff_document(old_by.get(doc, []), new_by.get(doc, []))
    return out


def _diff_document(old: list[Passage], new: list[Passage]) -> list[Change]:
    # 1. The same text (and audience) is the same clause, wherever it is now.
    left: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(old):
        left.setdefault((p.text, p.audience), []).append(i)
    old_free = set(range(len(old)))
    new_free: list[int] = []
    for j, p in enumerate(new):
        same = left.get((p.text, p.audience))
        if same:
            old_free.discard(same.pop(0))
        else:
            new_free.append(j)
    pairs: dict[int, int] = {}   # new index -> old index
    # 2. The same heading path and clause label: reworded.
    by_label: dict[tuple, list[int]] = {}
    for i in sorted(old_free):
        if _labelled(old[i]):
            by_label.setdefault((old[i].path, old[i].clause), []).append(i)
    for j in new_free:
        cands = by_label.get((new[j].path, new[j].clause))
        if cands and _labelled(new[j]):
            i = cands.pop(0)
            pairs[j] = i
            old_free.discard(i)
    # 3. The most similar remaining text: reworded (and perhaps renumbered or moved).
    rest = [j for j in new_free if j not in pairs]
    scored = []
    for j in rest:
        for i in old_free:
            m = difflib.SequenceMatcher(None, old[i].text, new[j].text, autojunk=False)
            if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR:
                r = m.ratio()
                if r >= SIMILAR:
                    scored.append((r, j, i))
    for _r, j, i in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if j not in pairs and i in old_free:
            pairs[j] = i
            old_free.discard(i)
    out: list[Change] = []
    for j in new_free:
        i = pairs.get(j)
        if i is None:
            out.append(_change("added", new[j]))
        elif old[i].audience != new[j].audience:
            out += [_change("removed", old[i]), _change("added", new[j])]
        else:
            out.append(_change("reworded", new[j], old=old[i]))
    out += [_change("removed", old[i]) for i in sorted(old_free)]
    return out


@dataclass(frozen=True)
class BuildChanges:
    build_id: str
    previous: str
    built_at: float
    changes: list[Change]


def write(build: Path, *, previous: str, changes: list[Change], built_at: float | None = None) -> None:
    data = {"build_id": build.name.replace(".tmp-", "", 1), "previous": previous,
            "built_at": built_at or time.time(), "changes": [c.to_json() for c in changes]}
    (build / CHANGES_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read(build: Path) -> BuildChanges | None:
    """A build's own diff, or None for a first build (or one made before diffs were recorded)."""
    path = build / CHANGES_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        built_at = float(data["built_at"])
        return BuildChanges(build.name, data.get("previous", ""), built_at,
                            [Change.from_json(c, ts=built_at, build_id=build.name) for c in data["changes"]])
    except (ValueError, KeyError, TypeError):
        return None


def record(log: ChangeLog, build: Path) -> BuildChanges | None:
    """Copy a build's diff into the change log (once per build id); returns it when this call
    recorded it, None when there was nothing to record or it was recorded before."""
    got = read(build)
    if got is None:
        return None
    return got if log.record(got.build_id, got.previous, got.built_at, got.changes) else None


def day(ts: float) -> str:
    """The date a change is shown with: "1 December 2026"."""
    d = dt.datetime.fromtimestamp(ts, dt.timezone.utc)
    return f"{d.day} {d.strftime('%B %Y')}"


def recent_since(days: float = RECENT_DAYS, now: float | None = None) -> float:
    return (now or time.time()) - days * 86400


def by_document(changes: list[Change]) -> dict[str, list[Change]]:
    out: dict[str, list[Change]] = {}
    for c in changes:
        out.setdefault(c.document, []).append(c)
    return out


def where(c: Change) -> str:
    """Section › clause, the way a change is named in a list."""
    parts = [h for h in c.path if h != c.title] or [c.section]
    label = f"clause {c.clause}" if c.clause and not c.clause.startswith("¶") else c.clause
    return " › ".join([*parts, label] if label and label != c.section else parts)


def plain_report(changes: list[Change], *, limit_text: int = 300) -> str:
    """`bot.py changes`: per document, newest first, old and new text of each clause."""
    if not changes:
        return ""
    lines = []
    for doc, items in by_document(sorted(changes, key=lambda c: -c.ts)).items():
        lines.append(f"{items[0].title} ({doc})")
        for c in items:
            lines.append(f"  {day(c.ts)}  {c.kind}: {where(c)}")
            if c.old_text and c.kind != "added":
                lines.append(f"    was: {c.old_text[:limit_text]}")
            if c.new_text:
                lines.append(f"    now: {c.new_text[:limit_text]}")
        lines.append("")
    return "\n".join(lines).rstrip()


@dataclass(frozen=True)
class Quoting:
    """A rule or checklist step whose source clause changed recently."""

    where: str          # file:line
    what: str           # "rule X" / "checklist Y step Z"
    change: Change

    def __str__(self) -> str:
        c = self.change
        text = f"{self.where}: {self.what} quotes {c.document} › {where(c)}, {c.kind} on {day(c.ts)}"
        if c.kind == "reworded":
            text += f": was “{c.old_text[:160]}”, now “{c.new_text[:160]}”"
        return text + " (check it still says what you mean)"


def _refers(ref, c: Change) -> bool:
    def _n(s: str) -> str:
        return clean(s).lower()

    if ref.document.lower() != c.document.lower() or _n(ref.clause) != _n(c.clause):
        return False
    return not ref.section or any(_n(ref.section) in _n(h) for h in (c.section, *c.path))


def quoting_changed(changes: list[Change], *, rules=None, checklists=None) -> list[Quoting]:
    """Rules (a rules.Catalogue) and checklists (LoadedChecklists) whose clause references point at
    a clause in `changes` (reworded or removed: an added clause changes no reference)."""
    relevant = [c for c in changes if c.kind in ("reworded", "removed")]
    out: list[Quoting] = []
    if rules is not None:
        for r in rules.rules:
            for c in relevant:
                if _refers(r.source, c):
                    out.append(Quoting(f"{rules.path}:{rules.lines.get(r.id, 1)}", f"rule {r.id}", c))
    for lc in (checklists or {}).values():
        for s in lc.checklist.steps:
            for ref in s.why:
                for c in relevant:
                    if _refers(ref, c):
                        out.append(Quoting(f"{lc.path}:{lc.step_lines.get(s.id, 1)}",
                                           f"checklist {lc.checklist.id} step {s.id}", c))
    return out
