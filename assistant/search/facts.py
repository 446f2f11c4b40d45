"""The kind of fact a question asks for, and whether a clause states one.

Why: the hardest questions to refuse are on-topic ones whose fact the library lacks ("how much
allowance does the council pay a foster carer?"): the nearest clause is about the right thing but
states no amount. Checking that the quoted clause holds the kind of fact asked for catches these
without knowing the library.

The rules are general, not phrases from any question set: a question word, then the noun it asks
about. "How much" + a money noun (or a verb: "how much does it cost") asks for an amount; "how
much" + anything else ("how much monitoring") asks for no measure at all. "What is the <noun>"
asks for whatever kind that noun is (a rate is an amount, a notice period a duration, a deadline a
deadline). "When" + an obligation ("when must I…", "when is it due") asks for a deadline; a bare
"when does the council use…" asks about circumstances and gets no kind. The vocabulary of fact
kinds is small and closed: amount, count, duration, date, deadline, contact, person, yes/no.
"""

from __future__ import annotations

import functools
import re

from assistant.ingest.structure import CLAUSE_NUMBER
from assistant.textnorm import GENERIC, STOPWORDS, stem, terms

AMOUNT, COUNT, DURATION, DATE, DEADLINE, CONTACT, PERSON, YESNO = (
    "amount", "count", "duration", "date", "deadline", "contact", "person", "yesno")
KINDS = (AMOUNT, COUNT, DURATION, DATE, DEADLINE, CONTACT, PERSON, YESNO)
# Kinds a clause must state for the question to be answered from it. A yes/no question is
# answered by any clause that decides it; a "who" question by any clause that says who acts.
CHECKED = frozenset({AMOUNT, COUNT, DURATION, DATE, DEADLINE, CONTACT})

# --- the nouns a question can ask about, by the kind of fact they name ------------------------
# Sums of money, in groups of nouns that name the same kind of sum: "how big is the budget?" is
# not answered by a clause that states a fee. A clause saying "£22.50 an hour" states a rate.
MONEY_NOUNS: tuple[tuple[str, ...], ...] = (
    ("budget", "budgets", "budgeted", "envelope", "allocation", "pot"),
    ("fee", "fees", "price", "prices", "cost", "costs", "charge", "charges", "rate", "rates", "tariff", "hourly",
     "weekly", "fare", "fares", "rent", "rents"),
    ("allowance", "allowances"),
    ("salary", "salaries", "wage", "wages"),
    ("uplift", "uplifts", "increase", "increases", "rise", "rises", "inflation"),
    ("loan", "loans"),
    ("grant", "grants", "award", "awards"),
)
_OTHER_AMOUNT_NOUNS = ("money", "amount", "sum", "value", "worth", "spend", "threshold", "cap", "ceiling", "limit",
                       "maximum", "minimum", "percentage", "proportion", "margin", "weighting", "weight", "share",
                       "deposit", "penalty", "fine", "excess", "mileage", "pounds", "£", "pay", "contribution",
                       "contributions", "range", "ranges")
DURATION_NOUNS = ("notice", "notice period", "period", "term", "duration", "length", "timescale", "timescales",
                  "timeframe", "time limit", "time", "warning", "days", "weeks", "months", "years", "hours", "minutes",
                  "long", "often", "quickly", "soon", "fast", "frequently")
DEADLINE_NOUNS = ("deadline", "deadlines", "cut off", "cutoff", "closing date", "closing time", "due date", "last date",
                  "last day")
DATE_NOUNS = ("date", "day", "month", "year", "time of day", "opening hours", "opening times")
CONTACT_NOUNS = ("phone", "telephone", "mobile", "phone number", "number to ring", "number to call", "email address",
                 "email", "contact details", "contact number", "helpline", "duty number", "address")
_MONEY = {w: i for i, group in enumerate(MONEY_NOUNS) for w in group}
# What a "what's the …" question names as a channel asked for: an address alone may be a postal one.
_WHAT_CONTACT = tuple(n for n in CONTACT_NOUNS if n != "address")
_CONTACT_HEADS = frozenset(w.split()[-1] for w in _WHAT_CONTACT)
# A clause states a rate by its unit as often as by the word: "£22.50 an hour" is an hourly rate.
# Only clauses are read this way; "how much can we pay a week" names no particular sum.
_RATE_UNITS = ("per hour", "an hour", "a week", "per week", "a night", "per night", "a day", "per day", "a year",
               "per annum", "a month", "per month")
_FEE_GROUP = _MONEY["fee"]


def _with_plurals(words) -> frozenset[str]:
    """The words and their plurals ("threshold", "thresholds"; "penalty", "penalties"): "what are
    the quotation thresholds" asks for sums as "what is the threshold" does."""
    out = set(words)
    for w in words:
        if w.isalpha() and not w.endswith("s"):
            out.add(w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s")
    return frozenset(out)


_AMOUNT_WORDS = _with_plurals([*_MONEY, *_OTHER_AMOUNT_NOUNS])
# Things whose size is a sum of money, though the noun names no sum: "how much insurance" asks for
# the cover in pounds. Only read after "how much": "what insurance do I need" asks which kinds.
_HELD_IN_MONEY = ("insurance", "indemnity", "funding", "income", "turnover", "reserves", "subsidy")
_DURATION_WORDS = frozenset(DURATION_NOUNS)
_TIME_UNITS = ("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year",
               "years", "working days")

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                 "sixty|ninety|hundred|half|a")
_WORD = re.compile(r"[a-z£]+")
_AUX = r"(?:do|does|did|can|could|am|is|are|was|were|will|would|should|shall|must|may|might|has|have|had)"
_OBLIGATION = r"(?:must|should|have to|has to|need to|needs to|got to|due|latest|expected to|required to)"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("-", " "))


_SKIPPED = frozenset({"the", "a", "an", "our", "your", "my", "their", "its", "this", "that", "of", "is", "are", "s"})
_COMPOUND = re.compile(r"[a-z£]+(?:-[a-z£]+)*")


def _asked_noun(after: str, limit: int = 4) -> list[str]:
    """The few words after a question word, where the noun asked about sits ("how much *notice*",
    "what is the *notice period*"). Articles and possessives are skipped."""
    return [w for w in _words(after) if w not in _SKIPPED][:limit]


# Words that end the noun phrase after "what is the …": prepositions, verbs, pronouns.
_PHRASE_END = frozenset("""for of in on at to from with by about under over do does did can could will would should
    shall must may might is are was were be been has have had we i you they it he she who that which when if and or
    per get gets need needs apply applies""".split())
_WHAT_DURATION = ("notice period", "notice", "period", "term", "duration", "length", "timescale", "timescales",
                  "timeframe", "time limit", "lead time", "turnaround", "response time", "waiting time",
                  "travel time", "interval", "intervals", "frequency")


# Words that bound a measure without saying what it measures: "the maximum *grant*" is a sum,
# "the maximum *caseload*" or "the minimum *age*" a plain number.
_BOUNDS = _with_plurals({"maximum", "minimum", "max", "min", "limit", "cap", "ceiling", "threshold"})


def _measures_other(phrase: list[str]) -> bool:
    """Whether a noun phrase's only money words bound a measure whose noun is not money: "maximum
    caseload", "minimum group size" ask for a number, "maximum hourly rate" or "cap" for a sum."""
    money = [i for i, w in enumerate(phrase) if w in _AMOUNT_WORDS]
    return all(phrase[i] in _BOUNDS for i in money) and any(
        w not in _AMOUNT_WORDS for w in phrase[money[-1] + 1:])


def noun_phrase(after: str, limit: int = 6) -> list[str]:
    """The noun phrase right after a question word: "what is the *maximum hourly rate* for home
    care" → ["maximum", "hourly", "rate"]."""
    out: list[str] = []
    compounds = [w for w in _COMPOUND.findall(after.lower()) if w not in _SKIPPED][:limit + 4]
    for w in compounds:
        if "-" in w:   # "the sleep-in rate", "a top-up fee": the joined words end no phrase
            out.extend(w.split("-"))
            continue
        if w in _PHRASE_END:
            break
        out.append(w)
    return out[:limit]


def _phrase_in(words: list[str], vocab: frozenset[str] | tuple[str, ...]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(f" {v} " in joined for v in vocab)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TOLD_THEN_ASKED = re.compile(r"^(?=[^,?]{25,},)[^?]*,\s*((?:do|does|did|can|could|will|would|should|shall|must|may|is|are|"
                              r"am|was|were|have|has|how|what|who|when|where|which|why)\b[^,]*\?)$", re.I)


def asking_part(question: str) -> str:
    """The sentences that ask (end in "?"), when a message also tells: in "An agency keeps asking
    what our budget is. Am I allowed to tell them?" the question is a yes/no one, not an amount."""
    sentences = _SENTENCE_END.split(question.strip())
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    if asking and len(asking) < len(sentences):
        return " ".join(asking)
    # One sentence that tells, then asks after a comma: "we're a tiny firm with six people, do we
    # get paid any sooner?" A short lead-in ("For Band 2 purchases, what is…", under 25 characters)
    # narrows what is asked and stays. The labels, names and sums of a lead-in still count where a
    # rule reads the whole message (labels, value bands).
    told = _TOLD_THEN_ASKED.match(question.strip())
    return told.group(1) if told else question


def tells_before_asking(question: str) -> bool:
    """Whether a message tells something before (or around) what it asks: some of its sentences
    end in "?" and some do not. Its evidence is read from its best-matched pieces (decide.py)."""
    return asking_part(question) != question


def _asked(question: str) -> str:
    """The asking part of a question, lower-cased, with one kind of apostrophe and single spaces:
    what every rule on the question below reads."""
    return " ".join(asking_part(question).lower().replace("’", "'").split())


_PAYING = re.compile(r"\b(?:pay|pays|paid|charge|charges|spend|spends|give|gives|award|awards|get|gets|receive|"
                     r"receives|claim|claims|offer|offers|fund|funds|contribute|contributes|cost|costs|borrow)\b")
_CHANNEL = re.compile(r"\b(?:by|on the|over the|via|through the|down the) (?:tele)?(?:phone|email)\b")


_EVENT = (r"(?:close|closes|closing|closed|open|opens|opening|end|ends|ending|start|starts|starting|begin|begins|"
          r"expire|expires|finish|finishes|launch|launches|launched|run until|take place|takes place|happen|held|"
          r"published|announced|advertised|awarded|decided|known)")


def expected(question: str) -> str | None:
    """The kind of fact `question` asks for (one of KINDS), or None when it asks for no measure."""
    q = _asked(question)
    ws = _words(q)
    # A contact: a phone number or an email address is named, or "who do I ring/call/email". A
    # channel named after "by", "on the", "over the" or "via" ("can I answer them on the phone?")
    # is how to say something, not a number asked for.
    if re.search(r"\bwho (?:do|should|can|would) (?:i|we) (?:ring|call|phone|email|contact)\b", q) \
            or _phrase_in(_words(_CHANNEL.sub(" ", q)), ("phone", "telephone", "phone number", "email address",
                                                         "helpline", "contact number", "contact details",
                                                         "duty number", "number to ring", "number to call")):
        return CONTACT
    # A deadline: the noun, or "when" / "by when" with an obligation.
    if _phrase_in(ws, DEADLINE_NOUNS) or re.search(r"\bby when\b", q) \
            or re.search(rf"\bwhen\b(?:(?!\?).){{0,40}}\b{_OBLIGATION}\b", q) or re.search(r"\bhow late\b", q):
        return DEADLINE
    # "When is the next / first / last …" asks for a date ("when is a guarantee required" does not).
    if re.search(r"\bwhen(?:'s| is| are| was| will be)? the (?:next|first|last)\b", q):
        return DATE
    # "When does the round close", "when is the contract due to end": when a thing begins or ends
    # asks for a date ("when does a waiver apply" asks for conditions; the word ends the question or
    # a preposition follows it, so "when do we use the open procedure" names no event).
    if re.search(rf"\bwhen (?:does|do|did|will|is|are|was)\b(?:(?!\?).){{0,60}}\b{_EVENT}\b"
                 r"(?=\s*(?:[?.!]|$|(?:on|in|for|at|by|and|or|this|next|each|every)\b))", q):
        return DATE
    # How + adverb of time: how long, how often, how quickly; "within how many days".
    if re.search(r"\bhow (?:long|quickly|soon|fast|often|frequently)\b|\bwithin how\b", q):
        return DURATION
    m = re.search(r"\bhow (much|many|big|large|high|low|far)\b(.*)", q)
    if m:
        noun = _asked_noun(m.group(2))
        verb_next = bool(re.match(rf"\s*{_AUX}\b", m.group(2)))   # "how big is…", "how much does…"
        if m.group(1) == "many":
            return DURATION if noun and noun[0] in _TIME_UNITS else COUNT
        if noun and noun[0] in _DURATION_WORDS:           # how much notice / time / warning
            return DURATION
        if m.group(1) in ("big", "large", "high", "low"):   # "how high an uplift", "how low can the price go"
            return AMOUNT if verb_next or not noun or _phrase_in(noun[:3], _AMOUNT_WORDS) else None
        if m.group(1) == "far":                           # "how far above the estimate": a margin
            if _phrase_in(noun, ("in advance", "ahead")):       # "how far in advance must we book"
                return DURATION
            return AMOUNT if _phrase_in(noun, ("above", "over", "below", "under", "beyond")) else None
        # "how much" + a verb ("does it cost", "can we pay") asks for an amount; + a money noun too,
        # or a thing held in money ("how much public liability insurance", "how much match
        # funding"). Any other noun ("how much monitoring", "how much detail", "how much of
        # that do we get paid for": minutes) asks for no measure.
        if verb_next or not noun or noun[0] in ("we", "i", "you", "they", "it") \
                or _phrase_in(noun[:2], _AMOUNT_WORDS) or _phrase_in(noun[:3], _HELD_IN_MONEY):
            return AMOUNT
        return None
    # What / which + the noun phrase asked about: any noun in it names the kind ("the community
    # grants pot" is a sum, "the notice period" a duration, "the closing date" a date).
    m = re.search(r"\b(?:what|which)(?:'s|s| is| are| was| will be| would be)?\b(.*)", q)
    if m:
        phrase = noun_phrase(m.group(1))
        # "What is the most the council will pay", "what's the least we can charge": a bound on a
        # sum that a verb of paying names, not a noun.
        if phrase[:1] in (["most"], ["least"], ["maximum"], ["minimum"]) \
                and _PAYING.search(" ".join(_words(m.group(1))[:8])):
            return AMOUNT
        if phrase[:1] in (["date"], ["day"], ["time"]) or _phrase_in(phrase, ("opening hours", "opening times")):
            return DATE
        if phrase and phrase[-1] in _AMOUNT_WORDS and not _measures_other(phrase):
            return AMOUNT                                # "the travel time *rate*": the head names a sum
        if _phrase_in(phrase, _WHAT_DURATION):
            return DURATION
        if _phrase_in(phrase, _AMOUNT_WORDS):
            return COUNT if _measures_other(phrase) else AMOUNT
        # "what's the email for the team": a channel named as the thing asked for ("can I reply by
        # email" names a channel to use, read above).
        if phrase and phrase[-1] in _CONTACT_HEADS and _phrase_in(phrase, _WHAT_CONTACT):
            return CONTACT                               # not "the email *policy*", "the mobile *library*"
        if phrase[:1] == ["number"]:
            return COUNT
    if re.search(r"\bwho\b", q):
        return PERSON
    if re.match(rf"{_AUX}\b|(?:is|are|can|do|does) there\b", q):
        return YESNO
    return None


# --- what a clause states ------------------------------------------------------------------------
_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DURATION_A = re.compile(rf"\b(?:\d+|{_NUMBER_WORDS})[\s-]+(?:clear |working |calendar |full |business )?"
                         r"(?:day|week|fortnight|month|year|hour|minute)s?\b|"
                         r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|fortnightly|hourly)\b|"
                         r"\b(?:each|every|per|a|once a|twice a) (?:day|week|fortnight|month|quarter|year)\b|"
                         rf"\b(?:\d+|{_NUMBER_WORDS})[\s-]+(?:pages?|sides?|words?)\b|"
                         r"\bin (?:advance|arrears)\b|\bimmediately\b|\bstraight away\b|\bsame day\b|\bwithout delay\b|"
                         r"\bat once\b|\bpromptly\b", re.I)
# A month name is a date; "May" only beside a number ("1 May", "May 2026"), since "may" is a verb.
_DATE_A = re.compile(rf"\b(?:{_MONTHS}|{_DAYS})\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?may\b|\bmay\s+\d{{1,4}}\b|"
                     r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b|"
                     r"\b(?:midday|midnight|noon)\b|\b(?:19|20)\d{2}(?:/\d{2})?\b", re.I)
# UK numbers: 0 then 9-10 digits in groups ("020 7946 0000", "01632 960 123", "0800 123 4567"), +44.
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_AMOUNT_A = re.compile(r"£\s?\d|\d\s?%|\bper ?cent\b|\b\d[\d,.]*\s?(?:pounds|pence|p\b)", re.I)
_COUNT_A = re.compile(rf"\b\d[\d,.]*\b|\b(?:{_NUMBER_WORDS.replace('|a', '')})\b", re.I)


# --- the channel a contact question asks for: "the phone number", "who do I email" ---------------
# A question asking for a number to ring is not answered by an email address, nor the other way.
_PHONE_ASKED = re.compile(r"\b(?:tele)?phone\b|\bmobile\b|\bhelpline\b|\b(?:contact|duty) number\b|"
                          r"\bnumber to (?:ring|call)\b|\bwho (?:do|should|can) (?:i|we) (?:ring|call|phone)\b")
_EMAIL_ASKED = re.compile(r"\be-?mail\b")


def channel(question: str) -> str | None:
    """"phone" or "email" when the asking part of a contact question names one channel and not
    the other; None when it names both, neither, or asks no contact."""
    if expected(question) != CONTACT:
        return None
    q = _CHANNEL.sub(" ", _asked(question))
    phone, email = bool(_PHONE_ASKED.search(q)), bool(_EMAIL_ASKED.search(q))
    return "phone" if phone and not email else "email" if email and not phone else None


def gives(channel_asked: str, passage_text: str) -> bool:
    """Whether a clause gives a contact by that channel (a UK phone number, an email address)."""
    return bool((_PHONE if channel_asked == "phone" else _EMAIL).search(passage_text))


# The year in a law's name is no date: "the Procurement Act 2023", "the Care Act 2014".
_STATUTE_YEAR = re.compile(r"\b(Act|Acts|Regulations?|Order|Rules|Code|Directive)\s+(?:of\s+)?(?:19|20)\d{2}\b", re.I)


# Contracts write a number twice, in words then figures or the other way round: "three (3) years",
# "thirty (30) days", "3 (three) years".
_SPELLED = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
            r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
            r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?")
_REPEATED = re.compile(rf"(?<![A-Za-z-])({_SPELLED})\s*\(\d[\d,.]*\)(?=\s)|(?<![\d.,])(\d+)\s*\({_SPELLED}\)(?=\s)",
                       re.I)


def _body(text: str) -> str:
    """A clause without its number, with statute years and repeated figures read as the words
    around them ("the Care Act 2014" is no date; "three (3) years" is "three years")."""
    m = CLAUSE_NUMBER.match(text)
    return _REPEATED.sub(lambda r: r.group(1) or r.group(2), _STATUTE_YEAR.sub(r"\1", text[m.end():] if m else text))


def states(kind: str | None, passage_text: str) -> bool:
    """Whether a clause states a fact of `kind` (true for kinds that are not checked)."""
    return kind not in CHECKED or _states(kind, passage_text)


@functools.lru_cache(maxsize=8192)
def _states(kind: str, passage_text: str) -> bool:
    """Remembered: the same few hundred clauses head most rankings, and reading one for a kind of
    fact (a dozen patterns) was a tenth of what a question cost beyond its encoding."""
    text = _body(passage_text)
    if kind == DURATION:
        return bool(_DURATION_A.search(text))
    if kind == DEADLINE:
        return bool(_DURATION_A.search(text) or _DATE_A.search(text))
    if kind == DATE:
        return bool(_DATE_A.search(text))
    if kind == CONTACT:
        return bool(_PHONE.search(text) or _EMAIL.search(text))
    if kind == AMOUNT:
        return bool(_AMOUNT_A.search(text))
    return bool(_COUNT_A.search(text))


def money_subjects(text: str, *, units: bool = False) -> set[int]:
    """Which kinds of sum (groups of MONEY_NOUNS) a text names; with `units`, an amount per hour,
    week, ... names a rate."""
    ws = _words(text)
    joined = " " + " ".join(ws) + " "
    found = {i for w, i in _MONEY.items() if f" {w} " in joined}
    if units and any(f" {u} " in joined for u in _RATE_UNITS):
        found.add(_FEE_GROUP)
    return found


def bounded_noun(question: str) -> str | None:
    """The noun a "what is the maximum / minimum … <noun>" question bounds ("the maximum
    *caseload*"), when that noun is no sum; None for other questions."""
    m = _WHAT.search(_asked(question))
    phrase = noun_phrase(m.group(2)) if m else []
    return phrase[-1] if phrase and _phrase_in(phrase, _AMOUNT_WORDS) and _measures_other(phrase) else None


def counted_phrase(question: str) -> list[str]:
    """The noun phrase a count question counts: "how many *new carers* are…" → ["new", "carers"]."""
    m = re.search(r"\bhow many\b(.*)|\bnumber of\b(.*)", _asked(question))
    if not m:
        return []
    phrase: list[str] = []
    for w in _words(m.group(1) or m.group(2) or ""):
        if w in _PHRASE_END or w in ("the", "a", "an", "s"):
            if phrase:
                break
            continue
        phrase.append(w)
    return phrase


def counted_noun(question: str) -> str | None:
    """What a count question counts: "how many *providers* are on the list" → "providers"; the
    head of the phrase: "how many *new carers* is…" counts carers."""
    phrase = counted_phrase(question)
    return phrase[-1] if phrase else None


def _same_word(a: str, b: str) -> bool:
    """The same word give or take its ending ("quotes", "quotations"; "provider", "providers")."""
    sa, sb = stem([a])[0], stem([b])[0]
    short = min(len(sa), len(sb))
    return short >= 3 and (sa.startswith(sb) or sb.startswith(sa))


# A number and the words after it, looked ahead so that a number among them starts its own match.
# A number joined to a word by a hyphen counts nothing: "16-seat minibuses", "a two-bedroom flat";
# nor does a sum or a share ("£60,000; Length of grant", "15% of contracts"), a label's number
# ("Strand 3: Young carers grants", "Lot 2 providers": `_LABEL`), or a number whose words lie past
# the end of its sentence or table cell ("Grant size: £60,000; Length of grant").
_COUNTED = re.compile(rf"(?<![£$€\d,.])(?<![£$€] )\b(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS.replace('|a', '')})\b"
                      rf"(?!-[a-z]|\s?%|\s?per ?cent)(?=((?:[^\w;:.!?\n]+[a-z]+){{1,6}}))", re.I)


_CLAUSE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+(?=\s+[A-Z])", re.M)   # "3.3 Inpatient…", not "1.5 posts"


def _counts(text: str, asked_labels: frozenset[str] = frozenset()):
    """`_COUNTED`'s matches in `text` that are not a label's number ("Strand 3", "Lot 2") or a
    clause's ("3.3 Inpatient detoxification placements…"). A capitalised word before a number is a
    label when the question names that noun as one or the text gives it two values ("Lot 1 …
    Lot 2"); "Obtain 3 quotes" opens a sentence with a verb, and its 3 counts."""
    found = [m for m in _LABEL.finditer(text) if m.group(1)[0].isupper() and m.group(1).lower() not in _NOT_LABELS]
    values: dict[str, set[str]] = {}
    for m in found:
        values.setdefault(m.group(1).lower(), set()).add(m.group(2))
    skip = {m.start(2) for m in found if m.group(1).lower() in asked_labels or len(values[m.group(1).lower()]) > 1}
    skip |= {m.end() - len(m.group().strip()) for m in _CLAUSE_NUMBER.finditer(text)}
    return (m for m in _COUNTED.finditer(text) if m.start() not in skip)


def counts_subject(question: str, passage_text: str) -> bool:
    """A count question ("how many providers…") needs a clause stating a number *of that thing*
    ("at least 900 new carers", "three written quotes"): a number within three words before the
    noun, or within as many words as the question puts before it ("how many additional extra care
    housing flats": "220 additional extra care housing flats"), or a cell naming it and then its
    number ("Places: 20"). "Aged 18 and over" does not count providers."""
    asked_labels = frozenset(labels(question, capitalised=False))
    bounded = None if counted_phrase(question) else bounded_noun(question)
    if bounded:
        # "the maximum caseload": "a caseload must not exceed 25 open cases", the number after.
        ws = re.findall(r"[a-z]+|\d[\d,.]*", _body(passage_text).lower())
        return any(_same_word(bounded, w) and any(v[0].isdigit() or _COUNT_A.fullmatch(v) for v in ws[i + 1:i + 6])
                   for i, w in enumerate(ws)) or any(
            any(_same_word(bounded, w) for w in _words(m.group(1))[:3]) for m in _counts(passage_text, asked_labels))
    phrase = counted_phrase(question)
    if not phrase:
        return True
    window = max(3, min(len(phrase), 6))
    return any(any(_same_word(phrase[-1], w) for w in _words(m.group(1))[:window])
               for m in _counts(passage_text, asked_labels)) or any(
        _same_word(phrase[-1], m.group(1).lower()) for m in _NAMED_COUNT.finditer(passage_text))


# A table cell or a list line that names the thing and then only its number: "Places: 20",
# "Number of providers appointed: 6", "Beds commissioned – 40" (not "Length of grant: up to 3
# years": a number of years; nor "Age of staff: 18": the thing is the cell's first word, or the
# one after "number of").
_NAMED_COUNT = re.compile(rf"\b(?:number of |no\. of |total )?([a-z]+)(?: [a-z]+)?(?: \([^()\n]{{0,40}}\))?\s?[:–—=-]\s*"
                          rf"(?:about |around |up to |at least |at most )?(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS.replace('|a', '')})"
                          rf"(?=\s*(?:[;,.)]|in total\b|$))", re.I | re.M)


# --- how often, and in what unit ----------------------------------------------------------------
_HOW_OFTEN = re.compile(r"\bhow (?:often|frequently)\b")
_FREQUENCY = re.compile(r"\b(?:every|each|per|a|an|once a|twice a|once an?|times a|times per)\s+(?:\w+\s+)?"
                        r"(?:day|week|fortnight|month|quarter|year|term|visit|years|months|weeks|days)\b|"
                        r"\b(?:daily|weekly|monthly|quarterly|annually|yearly|fortnightly|biannually|termly)\b|"
                        r"\b(?:once|twice)\b|\b\w+ times\b", re.I)
# Time units in order of size; an answer in a neighbouring or next-but-one unit still answers
# ("how many days": "within two weeks", "one month"), one three sizes away does not ("how many
# hours is the course": "within three months of starting").
_UNIT_SIZE = {"minute": 0, "hour": 1, "day": 2, "week": 3, "fortnight": 3, "month": 4, "quarter": 4, "year": 5}
_ASKED_UNIT = re.compile(r"\bhow many (?:working |calendar |clear )?(minute|hour|day|week|fortnight|month|year)s?\b")
_STATED_UNIT = re.compile(rf"\b(?:\d+|{_NUMBER_WORDS}|twenty-four|forty-eight|seventy-two)[\s-]+"
                          r"(?:clear |working |calendar |full |business )?(minute|hour|day|week|fortnight|month|year)s?\b",
                          re.I)


_AT_ONCE = re.compile(r"\b(?:immediately|straight away|same day|at once|without delay|promptly|as soon as)\b", re.I)


def fits_time(question: str, passage_text: str) -> bool:
    """A "how often" question needs a clause saying how often (every three years, quarterly); a
    "how many hours / days …" one a period in a unit within two sizes of the one asked."""
    q = _asked(question)
    text = _body(passage_text)
    if _HOW_OFTEN.search(q) and not _FREQUENCY.search(text):
        return False
    asked = _ASKED_UNIT.search(q)
    if asked:
        stated = {_UNIT_SIZE[u.lower()] for u in _STATED_UNIT.findall(text)}
        if not stated and not _AT_ONCE.search(text):
            return False   # "how many years": a number of some unit, not "a daily register"
        if stated and all(abs(_UNIT_SIZE[asked.group(1)] - s) > 2 for s in stated):
            return False
    return True


def names_subject(question: str, passage_text: str) -> bool:
    """An amount question that names its sum (a budget, a fee, an allowance) needs a clause that
    names a sum of the same kind; one that names none is satisfied by any amount."""
    asked = money_subjects(question)
    return not asked or bool(asked & money_subjects(passage_text, units=True))


# --- the unit a sum is asked in ------------------------------------------------------------------
# "What mileage rate per mile…" is not answered by a table of rates per hour and per week, nor
# "the hourly rate for Band C" by day rates: a sum asked per unit of time or distance needs a
# place that speaks of that unit at all (the unit's word, or its adjective: "hourly", "weekly").
_UNITS = {"hour": ("hour", "hours", "hourly"), "day": ("day", "days", "daily"), "week": ("week", "weeks", "weekly"),
          "night": ("night", "nights", "nightly", "overnight"), "month": ("month", "months", "monthly"),
          "year": ("year", "years", "yearly", "annual", "annually", "annum"), "mile": ("mile", "miles", "mileage")}
_UNIT_OF = {w: unit for unit, ws in _UNITS.items() for w in ws}
_FINANCIAL_YEAR = re.compile(r"\b(?:19|20)\d{2}\s?[/-]\s?\d{2}\b")
_ASKED_UNIT_PHRASE = re.compile(r"\b(?:per|a|an|each|every)\s+(hour|day|week|night|month|year|mile)\b|"
                                r"\b(hourly|daily|weekly|nightly|monthly|yearly|annual|mileage)\b")


def missing_unit(question: str, place_text: str) -> str | None:
    """The unit a sum is asked per ("per mile", "the hourly rate") when the place never names it."""
    m = _ASKED_UNIT_PHRASE.search(_asked(question))
    if not m:
        return None
    unit = _UNIT_OF[m.group(1) or m.group(2)]
    if unit == "year" and _FINANCIAL_YEAR.search(place_text):
        return None   # "the 2026/27 budget" is a sum for a year
    return None if any(w in _UNITS[unit] for w in _words(place_text)) else unit


# --- the thing a question asks about ----------------------------------------------------------
# "What interest will the council pay if it settles an invoice late?" is not answered by "the
# council pays invoices within 30 days": that clause is about paying invoices, and it states a
# fact, but not the interest asked about. The noun phrase after "what"/"which" (or "how much")
# names the thing; when none of its words is in the place, the place is about something else.
# Words that name a kind of fact (a fee, a limit, a notice period, a date) are left out: a
# number answers them ("no more than 15%" is a limit), and the kind rules check them. So are
# words that name nothing in particular (the maximum, the process, the council's), and the
# words for a kind of list whose items a place names instead ("what paperwork do we need" is
# answered by "a constitution and a bank statement"; "what's the route" by the steps), and "at
# what point / stage", which asks when.
_NOT_SUBJECT = frozenset("""maximum minimum most least top highest lowest current usual standard main kind kinds
    type types sort sorts way ways process rule rules policy thing things number council councils s
    route routes procedure procedures step steps option options arrangement arrangements
    paperwork documents documentation evidence information details help support advice
    point points stage stages""".split())
_VERB_FIRST = frozenset({"happen", "happens", "happened", "happening"})   # "what happens if…" asks no noun
_HOW_MUCH = re.compile(rf"\bhow much\b(?!\s+(?:{_AUX[3:-1]}|we|i|you|they|it)\b)(.*)")
_WHAT = re.compile(r"\b(?:what|which)('s|s| is| are| was| will be| would be)?\b(.*)")
_DETERMINER = frozenset({"the", "a", "an", "our", "your", "my", "their", "its", "this", "that", "these", "those"})
# What follows the thing asked about in "what <thing> do we need", "which <thing> are…" (a
# pronoun does not: "what makes it different" asks about no thing).
_AFTER_THING = frozenset(_AUX[3:-1].split("|"))


@functools.cache
def _kind_terms() -> frozenset[str]:
    vocab = [*_AMOUNT_WORDS, *_WHAT_DURATION, *DURATION_NOUNS, *DEADLINE_NOUNS, *DATE_NOUNS, *CONTACT_NOUNS]
    return frozenset(terms(" ".join(vocab)))


def _thing_after_what(q: str) -> list[str]:
    """The noun phrase a what/which question asks about, only where the sentence shows it is a
    noun phrase: after "is the / are our …" ("what is the quorum"), or before a verb ("what
    interest will the council pay", "which firms are suspended"). "What makes it different",
    "what goes into", "what now" ask about no noun. The phrase runs on through "of" ("the share
    of contracts"); hyphenated words stay one ("staff-to-child")."""
    m = _WHAT.search(q)
    if not m:
        return []
    rest = re.findall(r"[a-z£]+(?:-[a-z]+)*", m.group(2))
    if m.group(1):                                   # "what is the …": a determiner first
        if not rest or rest[0] not in _DETERMINER:
            return []
        rest = rest[1:]
    phrase: list[str] = []
    ender = ""
    for w in rest:
        if w == "of" and phrase:
            continue
        if w in _DETERMINER or w == "s":
            continue
        if w in _PHRASE_END:
            ender = w
            break
        phrase.append(w)
    if not phrase or phrase[0] in _VERB_FIRST or not (m.group(1) or ender in _AFTER_THING):
        return []
    return phrase


def asked_subject(question: str) -> list[str]:
    """The words of the thing a "what …" / "which …" / "how much …" question asks about that the
    place must name: "what is the *quorum* for the board", "which *taxi firms* are suspended",
    "how much *cover*". [] when there is no such phrase, or when its head (its last word, as in
    English noun phrases) names a kind of fact or nothing in particular: "the simplest *way*",
    "the notice *period*", "the *limit* on agency staff"."""
    q = _asked(question)
    numbers = set(_NUMBER_WORDS.split("|"))
    m = _HOW_MUCH.search(q)
    plain = lambda w: w not in _NOT_SUBJECT and w not in numbers and bool(terms(w)) \
        and not set(terms(w)) <= _kind_terms()  # noqa: E731
    for phrase in (_thing_after_what(q), noun_phrase(m.group(1)) if m else []):
        if phrase and plain(phrase[-1]):
            return [w for w in phrase if plain(w)]
    return []


def missing_subject(question: str, place_terms: frozenset[str]) -> str | None:
    """The thing `question` asks about, when no word of it is among `place_terms` (the terms of
    the place's clauses and headings), else None."""
    asked = asked_subject(question)
    if not asked or any(t in place_terms for w in asked for t in terms(w)):
        return None
    return " ".join(asked)


# --- another kind of the same thing: an *electric* car, where the place lists *volunteer* cars,
# *accessible* cars and *pool* cars -----------------------------------------------------------------
# The tempting unanswerable names a thing the library covers, narrowed by a word the place never
# uses, while the place lists other kinds of the same noun: "professional indemnity insurance"
# against "employer's liability insurance" and "public liability insurance"; "an evening session"
# against "a full-day session" and "a half-day session". One other kind is not enough: "home care"
# beside "social care" is one thing said two ways as often as two things. The narrowing words must
# be ones that can narrow a noun: not words of size or order (maximum, new, next), prepositions,
# verbs, or the library-wide words GENERIC lists.
_NOT_NARROWING = frozenset("""maximum minimum max min highest lowest biggest smallest most least top new whole
    normal usual current next last first same different bigger smaller big large larger extra additional total
    full actual still just only even early late latest earliest main general overall basic further certain
    particular own other another such several few many more less before after within without during until since
    against across behind beyond into onto upon towards take keep send get gets give make run start stop pay
    need needs ask comes come goes go done tell let find see put bring hand help cover apply approve approves
    require what which who how when where much does can could would should will are our you your per each
    every any this that""".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:'s)?")
OTHER_KINDS = 2   # how many other kinds of the noun the place must name

# A word after these is a verb ("we can *fire* questions"), and so is a word before a determiner
# ("the client *cancels* a visit"): neither narrows a noun.
_BEFORE_VERB = frozenset("""i we you they he she it to can could will would should shall must may might not never
    also""".split())


def _plain(word: str) -> bool:
    """A word that can say what a thing is: not short, a number, a function word, a library-wide
    word (GENERIC), one of size or order, or one that marks a verb."""
    return len(word) > 2 and not word.isdigit() and word not in STOPWORDS and word not in GENERIC \
        and word not in _NOT_NARROWING and word not in _BEFORE_VERB


def _narrowing(word: str) -> bool:
    return _plain(word) and not word.endswith(("ing", "ed", "ly"))


def _tokens(text: str) -> list[str]:
    return [t.removesuffix("'s") for t in _TOKEN.findall(text.lower().replace("-", " ").replace("’", "'"))]


def other_kind(question: str, place_text: str, is_word=lambda word: True) -> tuple[str, list[str]] | None:
    """(the asked "word noun", the place's other kinds of that noun) when the question narrows a
    noun by a word the place never uses and the place names at least OTHER_KINDS other kinds of
    it; else None. `is_word(word)`: whether the narrowing word is a word at all, as the model or the
    library knows words (an uncorrected typo, "ful day", narrows nothing). The caller still asks
    whether the place says the word in other words."""
    asked, said = _tokens(asking_part(question)), _tokens(place_text)
    asked_stems, said_stems = stem(asked), stem(said)
    known = set(said_stems)
    for i in range(len(asked) - 1):
        word, noun = asked[i], asked[i + 1]
        if not (_narrowing(word) and _narrowing(noun)) or asked_stems[i] in known or asked_stems[i + 1] not in known \
                or not is_word(word) or (i > 0 and asked[i - 1] in _BEFORE_VERB) \
                or (i + 2 < len(asked) and asked[i + 2] in _DETERMINER):
            continue
        kinds = {said_stems[j - 1]: f"{said[j - 1]} {said[j]}" for j in range(1, len(said))
                 if said_stems[j] == asked_stems[i + 1] and _narrowing(said[j - 1])}
        if len(kinds) >= OTHER_KINDS:
            return f"{word} {noun}", sorted(kinds.values())
    return None


# --- labels: "Lot 2", "Tier 3", "Band B" -----------------------------------------------------------
# A label is a capitalised noun and a number, a capital letter or a letter and a number ("Band
# S2"), as formal documents name their lots, tiers, bands, stages and schedules. A question about
# "Lot 2" is not answered by a place that names only Lot 1: the same words, a different fact.
_LABEL = re.compile(r"\b([A-Za-z]{3,})[ -](\d{1,2}|[A-Za-z]\d{1,2}|[A-Ha-h])\b(?![\d,.:%£/-]\d)")
_NOT_LABELS = frozenset("""about above after again aged all and any are around before below between but each
    every few first for from had has have into last least more most next not only other over per than that the
    their them then these they this those top under until upon was were what when which while who why will with
    within without your""".split())


def labels(text: str, *, capitalised: bool, numbered: bool = False) -> dict[str, set[str]]:
    """The labels a text names, by noun ("lot" → {"1", "2"}). With `capitalised`, only nouns
    written with a capital count (a document's own labels), and with `numbered` also a small noun
    before a number ("Small Grants round 2"); a question may be typed in any case."""
    out: dict[str, set[str]] = {}
    for noun, value in _LABEL.findall(text):
        low = noun.lower()
        if low in _NOT_LABELS or (capitalised and not noun[0].isupper() and not (numbered and value.isdigit())) \
                or (value == "a" or (capitalised and value.isalpha() and value.islower())):
            continue   # "a" typed small is the article ("a tier a year"), a small letter in a document a word
        out.setdefault(low, set()).add(value.upper())
    return out


@functools.lru_cache(maxsize=8192)
def clause_labels(text: str) -> dict[str, frozenset[str]]:
    """A clause's own labels (capitalised, as `labels`), remembered: the re-scoring asks for the
    same head clauses question after question."""
    return {noun: frozenset(values) for noun, values in labels(text, capitalised=True).items()}


def names_label(asked: dict[str, set[str]], clause_text: str) -> bool:
    """Whether a clause names one of the labels asked about ("Band B" for a Band B question)."""
    named = clause_labels(clause_text)
    return any(values & named.get(noun, frozenset()) for noun, values in asked.items())


def _overlap(asked, named) -> bool:
    """Whether a label value asked is one named, or its parent or child: "Band B" where the
    documents have Bands B1 and B2, or "Band B1" where they have Band B."""
    def parent(v: str) -> str | None:
        return v[0] if len(v) > 1 and v[0].isalpha() and v[1:].isdigit() else None
    asked, named = set(asked), set(named)
    return bool(asked & named) or any(parent(v) in asked for v in named) or any(parent(v) in named for v in asked)


def other_label(question: str, place_text: str) -> str | None:
    """The label the question names ("Lot 2") when the place names that noun only with other
    values (Lot 1), else None."""
    named = labels(place_text, capitalised=True, numbered=True)
    for noun, values in labels(question, capitalised=False).items():
        if noun in named and not _overlap(values, named[noun]):
            return f"{noun} {'/'.join(sorted(values))}"
    return None


def unknown_label(question: str, library: dict[str, frozenset[str]]) -> str | None:
    """The label the question names ("round 3") when the library names that noun as a label only
    with other values (Rounds 1 and 2), else None: whatever place is best, the library has no
    round 3. A noun the library never labels ("quarter 3", "a 52 week fee") is no label of its."""
    for noun, values in labels(question, capitalised=False).items():
        if noun in library and not _overlap(values, library[noun]):
            return f"{noun} {'/'.join(sorted(values))}"
    return None


_TYPED_A = re.compile(r"\b([A-Za-z]{3,})\s+a\b")


def typed_letter_labels(text: str, library: dict[str, frozenset[str]]) -> str:
    """`text` with "band a" read as the label Band A where the library labels that noun with the
    letter A ("wats the band a residential rate"): typed small, "a" is otherwise the article ("a
    tier a year"), and so it still is after "a" or "an" ("a lot a group can do")."""
    def sub(m: re.Match) -> str:
        before = text[:m.start()].split()[-1:] or [""]
        if "A" not in library.get(m.group(1).lower(), ()) or before[0].lower() in ("a", "an"):
            return m.group(0)
        return m.group(0)[:-1] + "A"
    return _TYPED_A.sub(sub, text) if library else text


def library_labels(texts) -> dict[str, frozenset[str]]:
    """Every label the texts (a role's passages, with their headings) name, by noun."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for noun, values in labels(text, capitalised=True, numbered=True).items():
            out.setdefault(noun, set()).update(values)
    return {noun: frozenset(values) for noun, values in out.items()}


# --- financial years: "2026/27", "2027-28", "2027 to 2028" ----------------------------------------
# Councils budget, price and fund by financial year, and a rates table names its year. A question
# about 2027/28 is not answered by the 2026/27 charge: the same words, a different fact.
_FINANCIAL_YEAR = re.compile(r"\b(20\d{2})\s?(?:/|-|–|to)\s?(?:20)?(\d{2})\b")


def financial_years(text: str) -> set[int]:
    """The financial years a text names, by the year they start ("2026/27" → 2026); only pairs of
    consecutive years count, so "2026-2030" (a strategy's span) is none."""
    out = set()
    for start, end in _FINANCIAL_YEAR.findall(_STATUTE_YEAR.sub(r"\1", text)):
        if (int(start) + 1) % 100 == int(end):
            out.add(int(start))
    return out


_YEAR = re.compile(r"(?<![£$\d,.])\b(?:19|20)\d{2}\b(?![,.]?\d|\s?(?:k|m|pounds)\b)", re.I)
_SPAN = re.compile(r"\b((?:19|20)\d{2})\s?(?:-|–|to|until)\s?((?:19|20)\d{2})\b")


def years(text: str, *, place: bool) -> set[int]:
    """The calendar years a text names, laws' years left out ("the Care Act 2014"). A question's
    financial years are left to `financial_years`; a place (`place`) also names both years of each
    financial year ("2026/27" → 2026, 2027) and every year of a span ("2026 to 2029" names 2028)."""
    text = _STATUTE_YEAR.sub(r"\1", text)
    if not place:
        return {int(y) for y in _YEAR.findall(_FINANCIAL_YEAR.sub(" ", text))}
    out = {int(y) for y in _YEAR.findall(text)}
    for a, b in _SPAN.findall(text):
        if 0 < int(b) - int(a) <= 10:
            out |= set(range(int(a), int(b) + 1))
    for start in financial_years(text):
        out |= {start, start + 1}
    return out


_FROM_DATE = re.compile(rf"\b(?:from|effective|starting|commencing|beginning)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
                        rf"({_MONTHS}|may)\s+((?:19|20)\d{{2}})\b", re.I)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}


def _years_from(text: str) -> set[int]:
    """The financial years (by their start) of the dates a text says its figures run from: "the
    weekly rates from 6 April 2026" are 2026/27's, "from 1 January 2027" 2026/27's too."""
    out = set()
    for month, year in _FROM_DATE.findall(text):
        out.add(int(year) - (1 if _MONTH_NUMBER[month.lower()] < 4 else 0))
    return out


def other_year(question: str, place_text: str) -> str | None:
    """The year the question names (a financial year, 2027/28, or a calendar one, "the 2027
    round", "by March 2027") when the place names only other ones, else None. A financial year is
    also refused where the place names no year at all; a calendar year ("by March 2027") is not,
    as a deadline's clause rarely names a year."""
    q = _asked(question)
    asked, named = financial_years(q), financial_years(place_text) | _years_from(place_text)
    # A financial year where the place names no year it could be either: the library does not say
    # its figure is that year's ("what was the weekly fee in 2025/26?" beside an undated fee table).
    # (The place's calendar years are read only for a question that names a financial year.)
    if asked and not asked & named and \
            (named or not {y for a in asked for y in (a, a + 1)} & years(place_text, place=True)):
        return "/".join(f"{y}/{(y + 1) % 100:02d}" for y in sorted(asked))
    asked, named = years(q, place=False), years(place_text, place=True)
    if asked and named and not asked & named:
        return "/".join(str(y) for y in sorted(asked))
    return None


# --- set aside: the place names what is asked only to send the reader elsewhere ----------------
# "These thresholds apply to goods and services. Works contracts … are bought under separate
# rules": the place names works contracts, but its sums are for goods and services. When every
# part of the place (a sentence, a clause between semicolons, a table row) that names a word the
# question narrows by states no fact of the kind asked and refers the reader elsewhere, while other
# parts do state such facts, those facts are about something else.
_ELSEWHERE = re.compile(r"\b(?:separate(?:ly)?|elsewhere|in (?:line|accordance) with|contact\b[^.;\n]{0,60}\b(?:for|about)|"
                        r"(?:does|do|will) not (?:apply|cover|include)|not (?:covered|included)|"
                        r"(?:set out|stated|given|shown|listed|agreed|published|explained|described) (?:in|on|by)|"
                        r"refer(?:red)? to|covered by|under (?:different|other|their own) (?:rules|arrangements|terms))\b",
                        re.I)
# A part that says the document leaves a thing out answers nothing about it, whatever it states:
# "This document does not cover the NHS Health Checks programme, which will be the subject of a
# separate plan in 2027" gives no date for the programme's contract.
_EXCLUDES = re.compile(r"\b(?:does|do|will) not (?:cover|include|deal with|apply to)\b|\bnot (?:covered|included)\b|"
                       r"\b(?:is|are) excluded\b|\boutside (?:the )?scope\b", re.I)
_ABOUT_A_SUM = frozenset({"vat", "tax", "excluding", "including", "inclusive", "exclusive"})   # qualify a sum, name no subject
_PARTS = re.compile(r"(?<=[.;!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bNo\.)\s+|\n+")


def _content(word: str) -> bool:
    """A word that says what a question is about: `_narrowing`'s words and verbs' forms too
    ("gone *missing*", "*delayed* payments")."""
    return _plain(word) and word not in _ABOUT_A_SUM


def set_aside(question: str, kind: str | None, place_text: str, frame: str = "") -> str | None:
    """The word (or label) of the question that the place names only in parts sending the reader
    elsewhere, as above; None otherwise. Words naming a kind of fact ("charge", "deadline") are
    the fact asked, not what it is about. `frame`: the place's title and headings, whose words name
    what the whole place is about."""
    if kind not in (AMOUNT, COUNT, DURATION, DEADLINE, DATE):
        return None
    parts = [p for p in _PARTS.split(place_text) if p.strip()]
    if not any(_states(kind, p) for p in parts):
        return None
    framed = set(stem(_tokens(frame)))
    said = [set(stem(_tokens(p))) for p in parts]

    def aside(holding: list[str]) -> bool:
        return bool(holding) and all(_EXCLUDES.search(p) or (not _states(kind, p) and _ELSEWHERE.search(p))
                                     for p in holding)

    asked = _tokens(asking_part(question))
    for word, st in zip(asked, stem(asked)):
        if _content(word) and st not in framed and not set(terms(word)) <= _kind_terms() \
                and aside([p for p, s in zip(parts, said) if st in s]):
            return word
    for noun, values in labels(question, capitalised=False).items():
        asked_label = {noun: values}
        if not names_label(asked_label, frame) and aside([p for p in parts if names_label(asked_label, p)]):
            return f"{noun} {'/'.join(sorted(values))}"
    return None


# --- a row the table does not have: "supported accommodation" against a table of placement types --
# A table lists its rows by their first cell ("Placement type: Independent fostering agency;
# Weekly fee ceiling: £1,400"). A question that narrows by a word the place never uses, and names
# none of the rows, asks about a row the table does not have; its figures are other rows'.
_ROW = re.compile(r"^\s*([^:;\n]{2,40}):\s*([^;\n]+)", re.M)
ROWS = 2   # how many rows keyed by the same column make a table


def unlisted_row(question: str, place_text: str, is_word=lambda word: True) -> tuple[str, list[str]] | None:
    """(the question's words the place never uses, the rows' first cells) when the place holds at
    least ROWS table rows keyed by one column and the question names none of them but narrows by
    a word the place never uses; else None. Rows keyed by a value or a label ("£10,000 to
    £29,999", "Band D") are left to the band and label rules: a question names those by number.
    The caller still asks whether the place says those words in other words."""
    rows: dict[str, list[str]] = {}
    for column, key in _ROW.findall(place_text):
        rows.setdefault(column.strip().lower(), []).append(key.strip())
    column, keys = max(rows.items(), key=lambda kv: len(kv[1]), default=("", []))
    plain = [re.sub(r"\([^)]*\)", "", k) for k in keys]     # "(8am to 8pm)" says when, not which
    if len(keys) < ROWS or any(re.search(r"£|\d[\d,]*\s*(?:to|-|–|and)\s*£?\d|^\W*\d", k) or _LABEL.search(k)
                               for k in plain):
        return None
    words = _tokens(asking_part(question))
    asked = [w for i, w in enumerate(words) if _narrowing(w) and is_word(w) and not set(terms(w)) <= _kind_terms()
             and not (i > 0 and words[i - 1] in _BEFORE_VERB) and not (i + 1 < len(words) and words[i + 1] in _DETERMINER)]
    said = set(stem(_tokens(place_text)))
    # The rows' own names, without what a parenthesis adds ("Parent and child (fee per family)"
    # names no fee row).
    keyed = set(stem(_tokens(" ".join(plain))))
    absent = [w for w, s in zip(asked, stem(asked)) if s not in said]
    if not absent or any(s in keyed for w, s in zip(words, stem(words)) if w not in STOPWORDS):
        return None
    return " ".join(absent), keys


# --- a fact stated for something else: "the cap for a three-bedroom unit in Hollins Vale" ---------
# A place may hold the thing asked about and a fact of the kind asked, in different clauses: "In
# Hollins Vale the cap is … £88 for a two-bedroom unit" and "In Ashcombe Central … £118 for a
# three-bedroom unit". The clauses that state the fact and best match the rest of the question are
# what answers; when none of them names the place, scheme, label or year asked about (which other
# clauses of the place do name), the fact is someone else's.
_NAMED_RUN = re.compile(r"(?<![.?!:;]\s)(?<!^)\b([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)*)\b")
FACT_TIE = 0.9   # a clause matching at least this share of the best one's weight is as good


def _markers(question: str) -> list[tuple[str, object]]:
    """What a question names that tells one entity from its siblings: runs of capitalised words
    inside it ("Hollins Vale", "Micro Grant"), labels ("Band C") and financial years."""
    asked = asking_part(question).strip()
    out: list[tuple[str, object]] = [("name", m.group(1)) for m in _NAMED_RUN.finditer(asked)
                                     if m.group(1).lower() not in STOPWORDS]
    out += [("label", {noun: values}) for noun, values in labels(asked, capitalised=False).items()]
    out += [("year", y) for y in sorted(financial_years(asked))]
    return out


def _names(marker: tuple[str, object], text: str) -> bool:
    how, value = marker
    if how == "name":
        return re.search(rf"\b{re.escape(str(value))}(?:s|es)?\b", text, re.I) is not None
    if how == "label":
        return names_label(value, text)
    return value in financial_years(text)


def stated_apart(question: str, kind: str | None, clauses: list[str], frame: str, weight) -> str | None:
    """What the question names (as `_markers`) that other clauses of the place name but none of
    the clauses stating the fact asked does, as above; else None. `frame`: the place's title and
    headings (what names the whole place names every clause); `weight`: a term's IDF weight."""
    if kind not in CHECKED:
        return None
    markers = []
    for marker in _markers(question):
        how, value = marker
        # A run no clause names whole ("the November Community Chest round" beside "the November
        # round") is told by its words: those the place's frame does not name.
        if how == "name" and " " in str(value) and not any(_names(marker, c) for c in clauses):
            markers += [("name", w) for w in str(value).split() if w.lower() not in STOPWORDS]
        else:
            markers.append(marker)
    markers = [m for m in markers if not _names(m, frame)]
    if not markers:
        return None
    named = {t for how, v in markers if how == "name" for t in terms(str(v))}
    rest = [t for t in dict.fromkeys(terms(asking_part(question))) if t not in named]
    # What the question names is not the fact asked: "Dates for the November round are published
    # four weeks before it opens" states no date once "November" is read as the round's name.
    names = [str(v) for how, v in markers if how == "name"]
    unnamed = re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b", re.I) if names else None
    stating = [c for c in clauses if _states(kind, unnamed.sub(" ", c) if unnamed else c)]
    if not stating:
        return None
    # The frame's words are every clause's: a clause is matched on what tells it from the others.
    framed = set(terms(frame))
    match = [sum(weight(t) for t in rest if t in held) for held in (set(terms(c)) | framed for c in stating)]
    best = max(match)
    if best <= 0:
        return None
    answering = [c for c, m in zip(stating, match) if m >= FACT_TIE * best]
    for marker in markers:
        if any(_names(marker, c) for c in clauses) and not any(_names(marker, c) for c in answering):
            how, value = marker
            return str(value) if how == "name" else \
                f"{value}/{(value + 1) % 100:02d}" if how == "year" else \
                " ".join(f"{noun} {'/'.join(sorted(v))}" for noun, v in value.items())
    return None


# --- a count stated for a list of names together: "38 refuge units on four sites (Stourleigh,
# Ellerdale, Harnmoor and Linmouth)" ---------------------------------------------------------------
# A clause that counts things across several named places, schemes or areas gives their total, not
# the number for the one a question names: "how many refuge units are there on the Harnmoor site"
# is not answered by 38. Read narrowly: the number and its things come first and the list of three
# names or more ("…and…", never "…or…": one of them is no total) right after them, after a word
# of where ("on four sites (…)", "spread across …") and before any verb; the name asked is named
# nowhere else in the clause, nor in the place's headings; and nothing between the number and the
# list counts each ("3 rooms per hub at …"). A number stated before the list ("homes in A, B and C
# must have 2 staff on duty") or joined to it by a verb ("3 rooms can be booked on Monday, …") is
# every one's.
_NAME_ITEM = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_TOTAL_THEN_LIST = re.compile(
    r"\b(\d[\d,]*|" + _NUMBER_WORDS + r")\s+(?:[a-z][\w-]*\s+){0,7}?"
    r"(?:on|across|at|in|over|between|among|spread\s+across)\s+"
    r"(?:(?:the|\d+|" + _NUMBER_WORDS + r")\s+)?(?:[a-z][\w-]*\s+)?\(?"
    r"(" + _NAME_ITEM + r"(?:\s*,\s*" + _NAME_ITEM + r")*\s*,?\s+and\s+" + _NAME_ITEM + r")\)?", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+and\s+")
_BETWEEN_NOT = re.compile(r"\b(?:each|every|per|apiece|is|are|was|were|be|been|can|could|may|might|must|should|"
                          r"shall|will|would|has|have|had|open|opens|run|runs)\b", re.I)
LISTED_AT_LEAST = 3   # names in a list, the one asked included


def counted_together(question: str, kind: str | None, clauses: list[str], frame: str = "") -> str | None:
    """The name a count question asks about (as `_markers`) when every clause of the place that
    states a number and names it names it only in a list after a total, as above; else None.
    `frame`: the place's title and headings."""
    if kind != COUNT:
        return None
    stating = [c for c in clauses if _states(kind, c)]
    for how, name in _markers(question):
        if how != "name" or _names((how, name), frame):
            continue
        pattern = re.compile(rf"\b{re.escape(str(name))}\b", re.I)
        holding = [c for c in stating if pattern.search(c)]

        def totalled(clause: str) -> bool:
            for m in _TOTAL_THEN_LIST.finditer(clause):
                items = _LIST_SPLIT.split(m.group(2))
                # the list's names start with a capital as written (re.I read the pattern only)
                if len(items) < LISTED_AT_LEAST or not all(i[:1].isupper() for i in items) \
                        or not pattern.search(m.group(2)) or _BETWEEN_NOT.search(clause[m.start():m.start(2)]):
                    continue
                if not pattern.search(clause[:m.start(2)] + " " + clause[m.end(2):]):
                    return True
            return False
        if holding and all(totalled(c) for c in holding):
            return str(name)
    return None


# --- a name the library never uses: "the Harnmoor site", "Riverside House" ----------------------
# A capitalised word inside the question (not opening a sentence) names a place, a scheme, a home
# or a firm. When the role's whole library never uses that word, no clause can be about it.
_NAME = re.compile(r"(?<![.?!:;]\s)(?<!^)\b([A-Z][a-z]{2,}(?:['’]s)?)\b")


def unknown_name(question: str, in_library) -> str | None:
    """The first capitalised word of the asking part, not opening a sentence, that `in_library`
    (a lower-case word → whether the role's library uses it) rejects; else None."""
    asked = asking_part(question).strip()
    for m in _NAME.finditer(asked):
        word = re.sub(r"['’]s$", "", m.group(1))
        if word.lower() not in STOPWORDS and not in_library(word.lower()):
            return word
    return None
