"""Typo tolerance: correct unknown query words against the words a role's index actually holds.

A word is left alone when the index knows it or when it is ordinary English (a whole word in the
encoder's vocabulary), so "parking" never turns into "marking". The vocabulary is per role, so a
provider's typo can never be "corrected" into a word that only internal documents contain.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from assistant.textnorm import STOPWORDS

_TOKEN = re.compile(r"[A-Za-z]+|[^A-Za-z]+")


class SpellCorrector:
    def __init__(self, vocab: dict[str, int], known_words: frozenset[str] = frozenset()):
        self.vocab = vocab
        self.choices = list(vocab)
        self.known = known_words

    def correct_word(self, word: str) -> str:
        low = word.lower()
        if len(low) < 4 or low in self.vocab or low in self.known or low in STOPWORDS:
            return word
        limit = 1 if len(low) <= 5 else 2
        found = process.extract(low, self.choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=8)
        if not found:
            return word
        best = min(found, key=lambda m: (m[1], -self.vocab[m[0]], m[0]))
        return best[0]

    def correct(self, text: str) -> str:
        # A word in capitals inside a mixed-case question is an acronym ("TUPE"), not a typo.
        shouting = text.isupper()
        return "".join(self.correct_word(t) if t.isalpha() and (shouting or not t.isupper()) else t
                       for t in _TOKEN.findall(text))
