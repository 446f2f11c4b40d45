"""Answer bars from the library itself, worked out when it is indexed.

A late-interaction score of 0.48 means one thing for MiniLM on short formal clauses and another on
long contract prose or web pages, so the bars are not constants. The indexer makes probes from
the library: for each section (up to `probes`, spread evenly) a pseudo-question from its heading
and the start of its first clause. Scored with the whole library, a probe's best place is usually
its own section (a positive); scored with its own document held out, the best place is a clause
that shares its words but not its fact (a tempting negative: what an on-topic question the library
cannot answer looks like). The out-of-scope examples are negatives too. `sure` and `floor` are
quantiles of the negatives (config.yaml `answers.sure_quantile`, `floor_quantile`), never above
the positives' lower quartile, and go into the manifest with both distributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.ingest.model import Passage

PROBE_WORDS = 12      # words of the first clause a probe keeps after the heading
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Probe:
    text: str
    document: str


def make_probes(passages: list[Passage], limit: int) -> list[Probe]:
    """One probe per section, from its heading and the first words of its first clause; at most
    `limit`, taken evenly through the library."""
    first: dict[tuple[str, tuple[str, ...]], Passage] = {}
    for p in passages:
        first.setdefault((p.document, p.path), p)
    sections = list(first.values())
    if limit <= 0 or not sections:
        return []
    step = max(1, len(sections) / limit)
    chosen = [sections[int(i * step)] for i in range(min(limit, len(sections)))]
    out = []
    for p in chosen:
        sentence = _SENTENCE.split(p.text.strip(), maxsplit=1)[0]
        words = sentence.split()[:PROBE_WORDS]
        out.append(Probe(f"{p.section} {' '.join(words)}".strip(), p.document))
    return out


def _quantile(values: list[float], q: float) -> float:
    return float(np.quantile(np.asarray(values, dtype=np.float64), q)) if values else float("nan")


def calibrate(retriever, *, probes: list[Probe], scope_examples: list[str], role: str, sure_quantile: float,
              floor_quantile: float) -> dict:
    """The manifest's `calibration`: bars and the figures they were placed on ({} without probes)."""
    if not probes:
        return {}
    texts = [retriever.normalise(p.text, role).corrected for p in probes]
    extra = [retriever.normalise(t, role).corrected for t in scope_examples]
    encoded = retriever.embedder.encode_queries_tokens(texts + extra)
    positives, negatives = [], []
    for p, text, enc in zip(probes, texts, encoded):
        own = retriever.search(text, role=role, k=1, encoded=enc)
        if own.hits and own.hits[0].passage.document == p.document:
            positives.append(own.hits[0].late)
        held = retriever.search(text, role=role, k=1, encoded=enc, exclude_documents=frozenset({p.document}))
        if held.hits:
            negatives.append(held.hits[0].late)
    outside = [r.hits[0].late for r in (retriever.search(t, role=role, k=1, encoded=e)
                                        for t, e in zip(extra, encoded[len(texts):])) if r.hits]
    return bars({"positive_scores": sorted(round(x, 3) for x in positives),
                 "negative_scores": sorted(round(x, 3) for x in negatives + outside),
                 "probes": len(probes), "negatives": len(negatives), "out_of_scope": len(outside), "role": role},
                sure_quantile, floor_quantile)


def bars(calibration: dict, sure_quantile: float, floor_quantile: float) -> dict:
    """`calibration` with `sure` and `floor` placed on its recorded distributions (also used by
    scripts/tune_retrieval.py to try other quantiles without rebuilding)."""
    pool, positives = calibration.get("negative_scores", []), calibration.get("positive_scores", [])
    if not pool:
        return {}
    sure, floor = _quantile(pool, sure_quantile), _quantile(pool, floor_quantile)
    if positives:
        cap = _quantile(positives, 0.25)
        sure, floor = min(sure, cap), min(floor, cap)
    floor = min(floor, sure)
    return {**calibration, "sure": round(sure, 4), "floor": round(floor, 4), "sure_quantile": sure_quantile,
            "floor_quantile": floor_quantile}
