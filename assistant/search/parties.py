"""Who gives notice to whom: a contract states each party's notice apart.

"How much notice does the council have to give?" is not answered by "The Provider may terminate
this Agreement by giving the Council six months' notice": that clause states the notice the
council *receives*. The two read alike to every score (the same words, a duration of the kind
asked), so the roles are read from the words around the verb of giving, never from a list of
party names: whatever a library calls its parties ("the Agency", "the Grantee", "the Authority",
"a Partner"), a clause whose notice is given *to* the party the question says *gives* it, by
somebody else, states the other party's notice. A place is refused only when every clause of it
stating a notice period is such a clause: one stating the asked party's own notice, or notice
given by nobody named ("Notice of three months must be given"), answers.
"""

from __future__ import annotations

import re

from assistant.search import facts

_DET = r"(?:the|a|an|any|each|either|our|my|your|their|this|that)\s+(?:other\s+)?"
_GIVE = r"(?:give|gives|giving|given|serve|serves|serving|served|provide|provides|providing|provided|issue|issues)"
_TO = r"(?:(?:have|has|need|needs|got|want|wants|ought|going|required|expected|obliged)\s+to\s+|" \
      r"be\s+(?:required|expected|obliged|able)\s+to\s+)?"
# "how much notice does the council (have to) give", "what notice must a provider serve"
_ASKED_GIVER = re.compile(rf"\bnotice(?:\s+period)?\s+(?:do|does|did|must|should|will|would|shall|can|could|has|"
                          rf"have|is|are)\s+{_DET}([a-z]+)\s+{_TO}{_GIVE}\b", re.I)
# "how much notice must be given by the provider"
_ASKED_GIVER_BY = re.compile(rf"\bnotice\b[^?.]{{0,40}}?\b(?:be|is|are)\s+{_GIVE}\s+by\s+{_DET}([a-z]+)\b", re.I)
# In a clause: the party notice is given to ("by giving the Council", "must give the council 28
# days' notice", "written notice to the Provider").
_RECIPIENT = re.compile(rf"\b{_GIVE}\s+(?:to\s+)?{_DET}([a-z]+)\b|\bnotice\s+to\s+{_DET}([a-z]+)\b", re.I)
_PART = re.compile(r"(?<=[.;:!?])\s+")


def asked_giver(question: str) -> str | None:
    """The party a notice question says gives the notice ("does the council have to give"), lower
    case; None when the question names none (or only "we", "I", "you": who that is depends on
    who asks)."""
    asked = facts.asking_part(question)
    m = _ASKED_GIVER.search(asked) or _ASKED_GIVER_BY.search(asked)
    return m.group(1).lower() if m else None


def _same(a: str, b: str) -> bool:
    return a == b or a.rstrip("s") == b.rstrip("s")


def _given_to(part: str, party: str) -> bool:
    """Whether `part` says notice is given to `party` and names it nowhere before that, so that
    somebody else gives it ("The Provider may terminate … by giving the Council …")."""
    for m in _RECIPIENT.finditer(part):
        whom = (m.group(1) or m.group(2)).lower()
        if _same(whom, party):
            before = re.findall(r"[a-z]+", part[:m.start()].lower())
            return not any(_same(w, party) for w in before)
    return False


def other_party(question: str, clauses: list[str]) -> str | None:
    """The party the question says gives notice, when every clause of the place stating a notice
    period has that party receive it from another; else None."""
    giver = asked_giver(question)
    if giver is None:
        return None
    parts = [p for c in clauses for p in _PART.split(c)
             if re.search(r"\bnotice\b", p, re.I) and facts.states(facts.DURATION, p)]
    if parts and all(_given_to(p, giver) for p in parts):
        return giver
    return None
