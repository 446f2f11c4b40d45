"""Stage 6, one per place: the top results are different sections, not three clauses of one."""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.ingest.model import Passage

MERGE_RATIO = 0.8    # a clause joins its section's best if it scores at least this share of it
SHOW_RATIO = 0.7     # …and is shown beside them, though not judged, from this share
MERGE_MAX = 3        # clauses in one place at most ("a clause or a few", never a whole section)


@dataclass(frozen=True)
class Hit:
    """One ranked place: a clause, or a few clauses of one section that answer together.

    `passage` is what is shown as the source (merged text when several clauses score close);
    `parts` are the single-clause hits the decision judges, best first; `shown` those and the
    section's clauses scoring nearly as well, in reading order, which is what answers quote.
    """

    passage: Passage
    score: float
    dense: float
    lexical: float
    row: int
    parts: tuple[Hit, ...] = ()
    late: float = 0.0   # late-interaction (piece-by-piece) similarity, 0 when not scored
    weighted: float = 0.0  # the same with each question piece weighted by its word's rarity here (IDF)
    best: float = 0.0      # the same over the question's best-matched pieces only (retrieval.evidence_pieces)
    shown: tuple[Hit, ...] = ()

    @property
    def quoted(self) -> tuple[Hit, ...]:
        """The single-clause hits shown for this place, in reading order."""
        return self.shown or tuple(sorted(self.clauses, key=lambda h: h.row))

    @property
    def judged_text(self) -> str:
        """The text of the clauses the decision judges, in reading order."""
        return "\n".join(h.passage.text for h in sorted(self.clauses, key=lambda h: h.row))

    @property
    def clauses(self) -> tuple[Hit, ...]:
        """The single-clause hits of this place, best first (itself, when it is one clause)."""
        return self.parts or (self,)


def place_key(p: Passage) -> tuple[str, tuple[str, ...]]:
    """What makes two clauses one place: the same document and heading path."""
    return p.document, p.path


def by_place(hits: list[Hit], *, k: int, merge: bool = True) -> list[Hit]:
    """One result per section, best first: the section's best clause, joined by up to two clauses
    of the same section that score nearly as well, in reading order. So the top results are
    different places, and a place that answers across two adjacent clauses shows both.
    Only the clauses at `MERGE_RATIO` of the best are judged (`parts`): a section's weaker clauses
    would let the decision find the question's words anywhere in it. Those from `SHOW_RATIO` are
    shown too, since the clause scorer's choice within a section is its weakest (a question "who
    can apply" scores "individual carers cannot apply" above the clause listing who can).
    With `merge` off (an ablation), every clause is its own place."""
    if not merge:
        return hits[:k]
    groups: dict[tuple[str, tuple[str, ...]], list[Hit]] = {}
    for h in hits:
        groups.setdefault(place_key(h.passage), []).append(h)
    out: list[Hit] = []
    for members in groups.values():
        best = members[0]
        near = [best] + [h for h in members[1:MERGE_MAX] if h.score >= SHOW_RATIO * best.score]
        keep = [h for h in near if h.score >= MERGE_RATIO * best.score]
        shown = best.passage
        ordered = sorted(near, key=lambda h: h.row)
        if len(near) > 1:
            shown = replace(best.passage, text="\n".join(h.passage.text for h in ordered),
                            clause=", ".join(h.passage.clause for h in ordered))
        out.append(Hit(shown, best.score, best.dense, best.lexical, best.row, tuple(keep), best.late, best.weighted,
                       best.best, tuple(ordered) if len(near) > 1 else ()))
        if len(out) == k:
            break
    return out
