"""Stage 4, adjust: evidence text scores cannot see, as small additions to the fused score.

* a value band a clause states that holds the amount asked about ("who approves £60,000?" and
  "£25,000 to £99,999"): full for a bounded band, half for an open one ("over £650,000");
* the guidance of a provider sector the question names (search/sectors.py): up for the sector
  named, down a little for the other sectors' guides.
Bonuses are in fused-score units, which both fusion modes keep in [0, 1].
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.search.amounts import INF, contains


def band_bonus(bands: Iterable[tuple[int, tuple[float, float]]], asked: Iterable[float], size: float) -> dict[int, float]:
    asked = list(asked)
    out: dict[int, float] = {}
    if not asked or size <= 0:
        return out
    for j, band in bands:
        if any(contains(band, a) for a in asked):
            bonus = size if band[1] != INF and band[0] > 0 else size / 2
            out[j] = max(out.get(j, 0.0), bonus)
    return out


def document_bonus(rows: Iterable[int], document_of, by_document: dict[str, float]) -> dict[int, float]:
    """Each row's share of a per-document change (zero for documents not named)."""
    if not by_document:
        return {}
    return {j: by_document.get(document_of(j), 0.0) for j in rows}


def apply(ranked: list[tuple[int, float]], *bonuses: dict[int, float]) -> list[tuple[int, float]]:
    """The ranking with every bonus added, best first (ties by row)."""
    if not any(bonuses):
        return ranked
    return sorted(((j, s + sum(b.get(j, 0.0) for b in bonuses)) for j, s in ranked), key=lambda kv: (-kv[1], kv[0]))
