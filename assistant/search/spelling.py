"""Typo tolerance: correct unknown query words against the words a role's index actually holds.

A word is left alone when the index knows it or when it is ordinary English (a whole word in the
encoder's vocabulary, or such a word of four letters or more with an English suffix: "retainer" is
"retain" + "er", "referral" is "refer" + "ral"), so "parking" never turns into "marking" nor
"retainer" into "remainder". The vocabulary is per role, so a
provider's typo can never be "corrected" into a word that only internal documents contain.
Distances count a swap of two letters as one edit ("teh" → "the", "waht" → "what"). Words of two
or three letters are only corrected to a short function or question word with the same letters
("teh" → "the") or with one letter dropped ("hw" → "how"); they are too short to match against
the library's vocabulary safely.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.textnorm import STOPWORDS

_TOKEN = re.compile(r"[A-Za-z]+|[^A-Za-z]+")
# Short words people mistype in questions; a two- or three-letter typo is corrected only to one of these.
SHORT_WORDS = ("how", "the", "what", "who", "why", "when", "and", "for", "are", "can", "you", "our", "not",
               "any", "has", "was", "way", "get", "pay", "do", "is", "it", "to", "of", "in", "we", "an", "or",
               "on", "by", "if", "be", "no", "my", "me", "at", "as")


# English suffixes: a known word with one of these is a word too (the encoder splits it in two).
SUFFIXES = ("er", "ers", "r", "d", "ed", "ing", "s", "es", "al", "ral", "ly", "ment", "ments", "ness", "able", "ible",
            "ity", "ion", "ions", "ive", "ance", "ence", "ship", "ful", "less", "ist", "ism", "ise", "ize")
# "r" and "d" only after a word ending in e ("invoice" + "d"), never as a stray letter ("tend" + "r").


def english(low: str, known: frozenset[str]) -> bool:
    """Whether `low` is a known whole word or one with an English suffix on a known word."""
    if low in known:
        return True
    for suffix in SUFFIXES:
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and len(stem) >= 4 and stem in known and (len(suffix) > 1 or stem.endswith("e")):
            return True
    return False


def _short_fix(low: str) -> str | None:
    """A short typo's word: same letters in another order, or the typed letters in order with one
    letter missing. The first such word in SHORT_WORDS wins."""
    for w in SHORT_WORDS:
        if w == low:
            return None
        if len(w) == len(low) and sorted(w) == sorted(low) and OSA.distance(w, low) == 1:
            return w
        if len(w) == len(low) + 1 and _dropped_one(low, w):
            return w
    return None


def _dropped_one(short: str, word: str) -> bool:
    return any(word[:i] + word[i + 1:] == short for i in range(len(word)))


class SpellCorrector:
    def __init__(self, vocab: dict[str, int], known_words: frozenset[str] = frozenset()):
        self.vocab = vocab
        self.choices = list(vocab)
        self.known = known_words

    def correct_word(self, word: str) -> str:
        low = word.lower()
        if low in self.vocab or english(low, self.known) or low in STOPWORDS or low in SHORT_WORDS:
            return word
        if len(low) < 4:
            fixed = _short_fix(low) if len(low) >= 2 else None
            return fixed or word
        limit = 1 if len(low) <= 5 else 2
        pool = self.choices + [w for w in SHORT_WORDS if len(w) >= 3 and w not in self.vocab]
        found = process.extract(low, pool, scorer=OSA.distance, score_cutoff=limit, limit=8)
        if not found:
            return word
        best = min(found, key=lambda m: (m[1], -self.vocab.get(m[0], 0), m[0]))
        return best[0]

    def correct(self, text: str) -> str:
        # A word in capitals inside a mixed-case question is an acronym ("TUPE"), not a typo.
        shouting = text.isupper()
        return "".join(self.correct_word(t) if t.isalpha() and (shouting or not t.isupper()) else t
                       for t in _TOKEN.findall(text))
