"""Stage 3, fuse: dense and lexical rankings into one, in [0, 1] whichever mode.

Both modes give 1 to a passage that is best on both sides, so the later stages' bonuses (a value
band, a named sector, a stated fact) mean the same in either mode. Reciprocal rank fusion used to
score ~0.016 at best, so a 0.06 bonus outweighed any difference in rank.
"""

from __future__ import annotations

from enum import Enum

from assistant.settings import RetrievalSettings

_DEFAULT = RetrievalSettings()  # the defaults live in settings.py (config.yaml `retrieval:`)


class Fusion(str, Enum):
    WEIGHTED = "weighted"  # w·cosine + (1-w)·BM25/scale: keeps score magnitudes, so gaps mean something
    RRF = "rrf"            # reciprocal rank fusion: ranks only, robust when score scales drift


def fuse(dense: dict[int, float], lexical: dict[int, float], *, mode: Fusion = Fusion(_DEFAULT.fusion),
         dense_weight: float = _DEFAULT.dense_weight, rrf_k: int = _DEFAULT.rrf_k, lexical_scale: float | None = None) -> list[tuple[int, float]]:
    """Combine two {row: score} maps into one ranking, best first (ties broken by row).

    `lexical_scale` is what a perfect lexical match would score (see candidates); without it the
    best lexical score is taken as 1, which flatters a question that matches only one rare word.
    In RRF mode the sum is multiplied by (rrf_k + 1), so first on both lists scores exactly 1.
    """
    if not 0.0 <= dense_weight <= 1.0:
        raise ValueError(f"dense_weight must be between 0 and 1, got {dense_weight}")
    rows = set(dense) | set(lexical)
    if mode == Fusion.RRF:
        def ranks(scores: dict[int, float]) -> dict[int, int]:
            return {r: i for i, (r, _) in enumerate(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))}

        rd, rl = ranks(dense), ranks(lexical)
        unit = rrf_k + 1
        fused = {r: unit * ((dense_weight / (rrf_k + rd[r] + 1) if r in rd else 0.0)
                            + ((1 - dense_weight) / (rrf_k + rl[r] + 1) if r in rl else 0.0)) for r in rows}
    else:
        top = lexical_scale if lexical_scale else max(lexical.values(), default=0.0)
        fused = {r: dense_weight * dense.get(r, 0.0) + (1 - dense_weight) * (lexical.get(r, 0.0) / top if top > 0 else 0.0)
                 for r in rows}
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
