"""Stage 1, normalise: the question as the index reads text.

Cleaned and capped, abbreviations spelled out, typos corrected against the role's vocabulary
(what is encoded), then everyday phrases followed by their policy word and stemmed into BM25
terms. Also read here, once: the amounts of money asked about, the kind of fact asked for and
the labels named ("Band B", "Lot 2").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.search import facts
from assistant.search.amounts import amounts
from assistant.search.spelling import SpellCorrector
from assistant.search.wording import Expander
from assistant.textnorm import clean, terms

MAX_QUERY_CHARS = 2000   # MiniLM reads ~256 word pieces; the rest would only cost time


@dataclass(frozen=True)
class Query:
    text: str                      # cleaned and capped, as typed
    corrected: str                 # abbreviations spelled out, typos corrected: what is encoded
    terms: tuple[str, ...]         # stemmed BM25 terms, everyday phrases followed by the policy word
    amounts: tuple[float, ...] = ()
    kind: str | None = None        # the kind of fact asked for (search/facts.py)
    labels: dict[str, set[str]] = field(default_factory=dict)   # labels named, by noun (facts.labels)


def normalise(query: str, *, expander: Expander, speller: SpellCorrector | None,
              labels: dict[str, frozenset[str]] | None = None) -> Query:
    """`labels`: those the library names, by noun (facts.library_labels): "band a" typed small is
    the label Band A where the library has one."""
    text = clean(query)[:MAX_QUERY_CHARS]
    expanded = expander.abbreviations(text)
    corrected = speller.correct(expanded) if speller else expanded
    corrected = facts.typed_letter_labels(corrected, labels or {})
    return Query(text, corrected, tuple(terms(expander.phrases(corrected))), tuple(amounts(corrected)),
                 facts.expected(corrected), facts.labels(corrected, capitalised=False))
