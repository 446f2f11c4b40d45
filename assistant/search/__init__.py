"""Search: the path a question takes through the index, one small stage per module.

    normalise.py   the question as the index reads text (abbreviations, typos, stems, fact kind)
    candidates.py  dense (FAISS) and lexical (BM25) candidates, each with both scores
    fusion.py      one ranking from the two, in [0, 1] in either mode
    adjust.py      value-band and named-sector bonuses
    rescore.py     late interaction (late.py) over the head, a bonus for a stated fact
    places.py      one result per section
    decide.py      answer or refuse, on bars the indexer derived from the library (calibrate.py)
    pipeline.py    the Retriever that wires them over a role's view of the index

Around the pipeline: answers.py (question -> answer or refusal, quotes only, over the
Retriever and decide.py), scope.py (the council's other services, out-of-scope.yaml), sectors.py
(which provider sector a question names), smalltalk.py ("hi", "thanks": a reply, not a search).

Vocabulary that is data, not code: facts.py (the closed list of fact kinds), wording.py
(abbreviations and phrases, from the library's abbreviations.yaml).
"""
