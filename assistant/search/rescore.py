"""Stage 5, re-score: late interaction over the head of the ranking, plus a stated-fact bonus.

score = (fused + w·late) / (1 + w) + bonuses, so it stays in fused-score units. The rest of the
ranking keeps fused / (1 + w) + its document bonus, so it can never overtake a re-scored clause
for free. A question that asks for a measure (how long, by when, who to ring) prefers a clause
that states one: a small bonus text scores can't see. Amounts get none: in a commissioning
library most clauses state one, so it would only reward the wrong clause for "how much".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from assistant.search import facts

BONUS_KINDS = frozenset({facts.CONTACT, facts.DEADLINE, facts.DURATION, facts.DATE})


def type_bonus(rows: Sequence[int], kind: str | None, text_of: Callable[[int], str], size: float) -> dict[int, float]:
    if kind not in BONUS_KINDS or size <= 0:
        return {}
    return {j: size for j in rows if facts.states(kind, text_of(j))}


def label_bonus(rows: Sequence[int], asked: dict[str, set[str]], text_of: Callable[[int], str],
                size: float) -> dict[int, float]:
    """A clause naming the label the question asks about ("Band B", "Lot 2") over its siblings:
    a rates table's rows, a framework's lots and a fund's strands read alike to both encoders and
    to BM25, which never sees the label's letter or number, so the Band A row could be quoted for
    a Band B question."""
    if not asked or size <= 0:
        return {}
    return {j: size for j in rows if facts.names_label(asked, text_of(j))}


def rescore(head: list[tuple[int, float]], late: np.ndarray, *, weight: float,
            bonus: dict[int, float]) -> list[tuple[int, float, float]]:
    """(row, score, late) for the head, best first (ties by row)."""
    return sorted(((j, (s + weight * float(m)) / (1 + weight) + bonus.get(j, 0.0), float(m))
                   for (j, s), m in zip(head, late)), key=lambda t: (-t[1], t[0]))


def tail(rest: list[tuple[int, float]], *, weight: float, bonus: dict[int, float]) -> list[tuple[int, float, float]]:
    return [(j, s / (1 + weight) + bonus.get(j, 0.0), 0.0) for j, s in rest]


def prefer_wording(ranked: list[tuple[int, float, float]], documents: Sequence[str], vectors: np.ndarray,
                   general: Callable[[str], bool], own: Callable[[str], bool],
                   threshold: float) -> list[tuple[int, float, float]]:
    """Where a general document (the policy, the FAQ) outranks a clause of the named sector's guide
    that says nearly the same (cosine of the two clauses ≥ `threshold`), the guide's clause takes
    its place just above it: the officer asked about that sector, and its guide is the text that
    binds it. A guide clause that says something else is left to the plain sector bonus.
    `documents[i]` and `vectors[i]` belong to `ranked[i]`."""
    gen = [i for i, d in enumerate(documents) if general(d)]
    mine = [i for i, d in enumerate(documents) if own(d)]
    if not gen or not mine:
        return ranked
    sims = vectors[mine] @ vectors[gen].T
    out = list(ranked)
    for a, i in enumerate(mine):
        beaten = [ranked[g][1] for b, g in enumerate(gen) if ranked[g][1] > ranked[i][1] and sims[a, b] >= threshold]
        if beaten:
            j, _, m = ranked[i]
            out[i] = (j, max(beaten) + 1e-4, m)
    return sorted(out, key=lambda t: (-t[1], t[0]))
