"""Stage 2, candidates: the passages either retriever ranks near the top, each with both scores.

Dense (MiniLM cosine in FAISS) and lexical (BM25) each propose their best `n`; every candidate
then gets the score it is missing, so fusion compares like with like. The lexical scale is what a
perfect lexical match would score (the sum of each question term's best score in this view, a
typical term's for a term the view lacks), so one rare shared word is not mistaken for a match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np


def dense_top(index, query_vector: np.ndarray, n: int) -> dict[int, float]:
    scores, ids = index.search(query_vector[None, :], n)
    return {int(j): float(s) for j, s in zip(ids[0], scores[0]) if j >= 0}


def lexical_top(bm25, term_ids: list[int], n: int) -> tuple[dict[int, float], np.ndarray | None]:
    """The best `n` rows by BM25 (those scoring above 0), and every row's score for later use."""
    if not term_ids:
        return {}, None
    scores = bm25.get_scores_from_ids(term_ids)
    n = min(n, len(scores))
    top = np.argpartition(-scores, n - 1)[:n]
    return {int(j): float(scores[j]) for j in top if scores[j] > 0}, scores


def lexical_scale(term_max: np.ndarray, term_ids: list[int], unknown: int, typical: float) -> float:
    return float(term_max[list(dict.fromkeys(term_ids))].sum()) + unknown * typical


def complete(dense: dict[int, float], lexical: dict[int, float], extra: Iterable[int],
             lexical_scores: np.ndarray | None, cosine: Callable[[list[int]], np.ndarray]) -> tuple[dict, dict]:
    """Both maps over the union of candidates (plus `extra` rows, e.g. a matching value band)."""
    lexical = dict(lexical)
    for j in extra:
        lexical.setdefault(j, float(lexical_scores[j]) if lexical_scores is not None else 0.0)
    dense = dict(dense)
    missing = [j for j in lexical if j not in dense]
    if missing:
        dense.update({j: float(s) for j, s in zip(missing, cosine(missing))})
    return dense, lexical


def without(scores: dict[int, float], excluded: set[int]) -> dict[int, float]:
    return {j: s for j, s in scores.items() if j not in excluded} if excluded else scores
