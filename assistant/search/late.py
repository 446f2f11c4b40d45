"""Late interaction: match the question's word pieces against a passage's, one by one.

A sentence vector averages a passage into one point, so a short colloquial question lands far
from a long formal clause even when every idea in it has a counterpart there. Scoring each
question piece by its closest passage piece (ColBERT's MaxSim, here on MiniLM's own contextual
piece vectors) rewards that piece-by-piece correspondence. The piece vectors come from the same
forward pass as the sentence vectors, at query time and at index time, so it costs one small
matrix product over the head of the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.textnorm import STOPWORDS

# Late interaction averages over the question's pieces, so function words would dominate a short
# question; the modal and time-order words that BM25 keeps are left out here as before.
_MASKED = STOPWORDS | {"not", "no", "must", "may", "before", "after"}


def content_mask(pieces: Sequence[str]) -> np.ndarray:
    """The pieces that carry meaning: words and numbers, not stopwords or punctuation. When a
    question is only stopwords, every piece counts (better a weak signal than none)."""
    keep = np.array([p.lstrip("#").isalnum() and p not in _MASKED for p in pieces], dtype=bool)
    return keep if keep.any() else np.ones(len(pieces), dtype=bool)


def maxsim(query: np.ndarray, flat: np.ndarray, offsets: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Mean over query pieces of the best cosine with any piece of each passage in `rows`.

    `query` holds unit piece vectors (already masked); passage i's pieces are
    `flat[offsets[i]:offsets[i+1]]`. A passage without pieces scores 0.
    """
    out = np.zeros(len(rows), dtype=np.float32)
    if len(query) == 0 or len(rows) == 0:
        return out
    spans = [(int(offsets[r]), int(offsets[r + 1])) for r in rows]
    present = [i for i, (a, b) in enumerate(spans) if b > a]
    if not present:
        return out
    blocks = np.concatenate([flat[spans[i][0]:spans[i][1]] for i in present]).astype(np.float32)
    sims = query.astype(np.float32) @ blocks.T
    starts = np.cumsum([0] + [spans[i][1] - spans[i][0] for i in present[:-1]])
    best = np.maximum.reduceat(sims, starts, axis=1)  # (query pieces, passages)
    out[present] = best.mean(axis=0)
    return out
