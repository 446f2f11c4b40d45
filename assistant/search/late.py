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


def piece_words(pieces: Sequence[str]) -> list[str]:
    """The whole word each word piece belongs to ("mobil", "##isation" → "mobilisation" twice)."""
    starts: list[int] = []
    for i, p in enumerate(pieces):
        if not (p.startswith("##") and starts):
            starts.append(i)
    out = [""] * len(pieces)
    bounds = starts + [len(pieces)]
    for a, b in zip(bounds[:-1], bounds[1:]):
        word = pieces[a] + "".join(p[2:] for p in pieces[a + 1:b])
        out[a:b] = [word] * (b - a)
    return out


# Pieces that carry no subject: the tails of contractions ("what's" → what ' s) and the word a
# "how" asks with (how long, how often: the kind of fact, checked on its own in decide.py).
_NO_SUBJECT = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})


def piece_weights(pieces: Sequence[str], mask: np.ndarray, weight) -> np.ndarray:
    """One weight per kept piece: `weight(word)` of the word it belongs to, 0 for a contraction's
    tail or the word right after "how"."""
    words = piece_words(pieces)
    out: list[float] = []
    previous = ""
    for i, (wd, keep) in enumerate(zip(words, mask)):
        if keep:
            out.append(0.0 if wd in _NO_SUBJECT or previous == "how" else float(weight(wd)))
        if i + 1 == len(words) or words[i + 1] is not wd or not pieces[i + 1].startswith("##"):
            previous = wd
    return np.asarray(out, dtype=np.float32)


def maxsim(query: np.ndarray, flat: np.ndarray, offsets: np.ndarray, rows: Sequence[int],
           weights: np.ndarray | None = None) -> np.ndarray:
    """Mean over query pieces of the best cosine with any piece of each passage in `rows`; with
    `weights` (one per query piece), the weighted mean.

    `query` holds unit piece vectors (already masked); passage i's pieces are
    `flat[offsets[i]:offsets[i+1]]`. A passage without pieces scores 0.
    """
    return maxsim_many(query, flat, offsets, rows, [weights])[0]


def piece_best(query: np.ndarray, flat: np.ndarray, offsets: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Per query piece, its best cosine with any piece of any passage in `rows` (together: one
    place's clauses). What `maxsim` averages, taken over a whole place and kept piece by piece, so
    a decision can ask how closely the place says one word of the question. Widened by torch as
    `maxsim_many` is; 0 for every piece when the passages have no pieces."""
    spans = [(int(offsets[r]), int(offsets[r + 1])) for r in rows]
    spans = [(a, b) for a, b in spans if b > a]
    if len(query) == 0 or not spans:
        return np.zeros(len(query), dtype=np.float32)
    import torch

    blocks = torch.from_numpy(np.concatenate([flat[a:b] for a, b in spans]))
    sims = blocks.float() @ torch.from_numpy(np.ascontiguousarray(query, dtype=np.float32)).T
    return sims.max(dim=0).values.numpy()


def maxsim_many(query: np.ndarray, flat: np.ndarray, offsets: np.ndarray, rows: Sequence[int],
                weightings: Sequence[np.ndarray | int | None]) -> list[np.ndarray]:
    """`maxsim` under several weightings of the query pieces, from one matching: gathering the
    passages' pieces and the matrix product are most of its cost, and do not depend on the weights.
    A weighting that is a number n is the mean of the n best-matched pieces only (all of them, for
    a question of n pieces or fewer): the evidence for a message that tells before it asks
    (`answers.story_evidence`: "our bookkeeper sent you a bill last week without an order number
    because nobody told us. Will you still pay it?"). The story's pieces have no counterpart in any
    clause, so the mean of every piece sinks below the bars however well the clause answers."""
    outs = [np.zeros(len(rows), dtype=np.float32) for _ in weightings]
    if len(query) == 0 or len(rows) == 0:
        return outs
    spans = [(int(offsets[r]), int(offsets[r + 1])) for r in rows]
    present = [i for i, (a, b) in enumerate(spans) if b > a]
    if not present:
        return outs
    import torch  # loaded with the encoder: it widens float16 some fifteen times faster than numpy

    blocks = torch.from_numpy(np.concatenate([flat[spans[i][0]:spans[i][1]] for i in present]))
    # (passage pieces, query pieces), so the maxima are taken down contiguous columns. torch's
    # product on threads the encoder has just woken takes half the time of numpy's on its one BLAS
    # thread (app.limit_blas_threads); its results were the same to the bit on the shipped library.
    sims = (blocks.float() @ torch.from_numpy(np.ascontiguousarray(query, dtype=np.float32)).T).numpy()
    starts = np.cumsum([0] + [spans[i][1] - spans[i][0] for i in present[:-1]])
    best = np.ascontiguousarray(np.maximum.reduceat(sims, starts, axis=0).T)  # (query pieces, passages)
    for out, weights in zip(outs, weightings):
        if isinstance(weights, int):
            out[present] = np.sort(best, axis=0)[-max(1, min(weights, best.shape[0])):].mean(axis=0)
        elif weights is None or float(np.sum(weights)) <= 0:
            out[present] = best.mean(axis=0)
        else:
            w = np.asarray(weights, dtype=np.float32)
            out[present] = (w[:, None] * best).sum(axis=0) / w.sum()
    return outs
