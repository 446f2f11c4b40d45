"""Expected answer types: a "how much / how long / what date" question needs a passage that says one.

Why: the hardest questions to refuse correctly are on-topic ones whose fact the library lacks
("how much allowance does the council pay a foster carer?"). The nearest passage is about the
right thing but states no amount. Checking that the quoted clause contains the kind of fact the
question asks for catches these without any knowledge of the particular library.
"""

from __future__ import annotations

import re

from assistant.ingest.structure import CLAUSE_NUMBER

NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|half"
_DURATION_Q = re.compile(r"\bhow (?:long|quickly|soon|fast|often|frequently)\b|\bhow much (?:notice|warning|time)\b|"
                         r"\bhow many (?:days|weeks|months|years|hours)\b|\bwithin how\b|"
                         r"\b(?:max|maximum|min|minimum|longest|shortest) (?:length|term|duration|period)\b", re.I)
# A deadline is stated either way: "by 31 October" or "at least 3 months before".
_DEADLINE_Q = re.compile(r"\bby when\b|\bwhen (?:is|are|must|should|do|does)\b[^?]{0,60}\bdue\b|\bdue date\b|\bwhat(?: is|'s)? the (?:deadline|cut-?off)\b|\bwhat deadline\b|\bwhen is the deadline\b", re.I)
_QUANTITY_Q = re.compile(r"\bhow (?:much|many|big|large)\b|\bwhat(?: is|'s| are)? the (?:maximum|minimum|most|least|limit|ceiling|cap|"
                         r"rate|fee|amount|budget|price|percentage|threshold|weighting)\b|\bwhat (?:rate|percentage|amount|fee|budget)\b|"
                         r"\b(?:maximum|minimum|highest|lowest) (?:hourly |weekly |annual )?(?:rate|fee|amount|price|uplift|increase)\b|"
                         # "what's our standard weekly fee", "what mileage rate", "max number of lots"
                         r"\bwhat(?:'s| is| are)?(?: (?:our|the|your|a|an))?(?: (?:standard|usual|normal|typical|going|set|agreed|"
                         r"max|maximum|min|minimum))?(?: (?:weekly|hourly|annual|yearly|daily|monthly|mileage|unit|profit|credit))? "
                         r"(?:rate|fee|amount|price|percentage|proportion|margin|score|cap|ceiling|limit)s?\b|"
                         r"\b(?:max|maximum|min|minimum) (?:number|amount|size|value|sum)\b", re.I)
_CONTACT_Q = re.compile(r"\b(?:phone|telephone|mobile) (?:number|line)\b|\bwho (?:do|should|can) (?:i|we) (?:ring|call|phone|email)\b|"
                        r"\b(?:duty|contact|helpline) (?:number|line|phone)\b|\bemail address\b|\bnumber to (?:ring|call)\b", re.I)
_MONEY_WORDS = re.compile(r"\b(?:budget|budgeted|fee|fees|cost|costs|price|prices|rate|rates|allowance|spend|money|funding|pay|paid|salary|"
                          r"uplift|increase|amount|worth|value|£)\b", re.I)
_DATE_Q = re.compile(r"\b(?:what|which) (?:date|day)\b|\bclosing date\b|\bwhat time\b|\bopening hours\b", re.I)

_DURATION_A = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})[\s-]+(?:clear |working |calendar )?(?:day|week|month|year|hour|minute)s?\b|"
                         r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|fortnightly)\b|"
                         r"\b(?:each|every|per|a|once a|twice a) (?:day|week|fortnight|month|quarter|year)\b|"
                         # "How long must it be?" asks for a length as often as for a time.
                         rf"\b(?:\d+|{NUMBER_WORDS}|a)[\s-]+(?:pages?|sides?|words?)\b|"
                         r"\bin (?:advance|arrears)\b|\bimmediately\b|\bstraight away\b|\bsame day\b|\bwithout delay\b|\bat once\b", re.I)
_QUANTITY_A = re.compile(rf"£\s?\d|\d\s?%|\bper ?cent\b|\b\d[\d,.]*\b|\b(?:{NUMBER_WORDS})\b", re.I)
_MONEY_A = re.compile(r"£\s?\d|\d\s?%|\bper ?cent\b", re.I)
_CONTACT_A = re.compile(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|\+44|[\w.-]+@[\w-]+\.[\w.]+", re.I)
_DATE_A = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
                     r"wednesday|thursday|friday|saturday|sunday)\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|"
                     r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b", re.I)


# The thing whose amount is asked for, in groups of words that name the same kind of sum. "How
# big is the budget?" is not answered by a clause that states a fee, however close it scores.
_MONEY_NOUNS = (
    ("budget", "budgets", "budgeted", "envelope", "envelopes", "allocation", "pot"),
    ("fee", "fees", "price", "prices", "cost", "costs", "charge", "charges", "rate", "rates", "tariff"),
    ("allowance", "allowances"),
    ("salary", "salaries", "wage", "wages"),
    ("uplift", "uplifts", "increase", "increases", "rise", "rises"),
    ("loan", "loans"),
)
_NOUN_GROUP = {w: i for i, group in enumerate(_MONEY_NOUNS) for w in group}
_WORDS = re.compile(r"[a-z]+")


def money_subjects(question: str) -> set[int]:
    """Which kinds of sum a "how much" question names (empty when it names none)."""
    return {_NOUN_GROUP[w] for w in _WORDS.findall(question.lower()) if w in _NOUN_GROUP}


def names_subject(question: str, passage_text: str) -> bool:
    """A money question that names its sum (a budget, a fee, an allowance) needs a clause that
    names a sum of the same kind; one that names none is satisfied by any amount."""
    asked = money_subjects(question)
    return not asked or bool(asked & money_subjects(passage_text))


def expected(question: str) -> str | None:
    """`contact`, `deadline`, `duration`, `date`, `money`, `quantity`, or None when the question asks
    for no measure."""
    if _CONTACT_Q.search(question):
        return "contact"
    if _DEADLINE_Q.search(question):
        return "deadline"
    if _DURATION_Q.search(question):
        return "duration"
    if _DATE_Q.search(question):
        return "date"
    if _QUANTITY_Q.search(question):
        return "money" if _MONEY_WORDS.search(question) and not re.search(r"\bhow many\b", question, re.I) else "quantity"
    return None


def satisfies(kind: str | None, passage_text: str) -> bool:
    if kind is None:
        return True
    m = CLAUSE_NUMBER.match(passage_text)
    text = passage_text[m.end():] if m else passage_text
    if kind == "duration":
        return bool(_DURATION_A.search(text))
    if kind == "deadline":
        return bool(_DURATION_A.search(text) or _DATE_A.search(text))
    if kind == "date":
        return bool(_DATE_A.search(text))
    if kind == "contact":
        return bool(_CONTACT_A.search(text))
    if kind == "money":
        return bool(_MONEY_A.search(text))
    return bool(_QUANTITY_A.search(text))
