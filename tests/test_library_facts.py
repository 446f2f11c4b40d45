"""Figures agree across the shipped documents: every place that states one of the library's key
figures states the same value (docs/library-facts.md lists them). An edit to one document that
forgets the others fails here, naming the document and clause."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

# (what, pattern whose first group is the figure, the figure every document must state)
FACTS = [
    ("public liability cover", r"public liability (?:insurance )?(?:of |cover of )?(£[\d.,]+ million)", "£5 million"),
    ("employer's liability cover", r"employer's liability (?:insurance )?(?:of |cover of )?(£[\d.,]+ million)", "£10 million"),
    ("professional indemnity cover", r"professional indemnity (?:insurance )?(?:of )?(£[\d.,]+ million)", "£2 million"),
    ("days to pay a valid invoice", r"(?:invoices?|pays?)[^.]{0,80}?within (\d+) days", "30"),
    ("working days to pay a small local provider", r"within (\d+) working days[^.]{0,60}(?:small|sole trader|micro)", "10"),
    ("improvement plan deadline", r"improvement plan within (\d+) working days", "20"),
    ("modern slavery turnover threshold", r"turnover of (£[\d.,]+ million) or more", "£36 million"),
    ("parent company guarantee threshold", r"parent company guarantee[^.]{0,60}?(£[\d.,]+ million) or more", "£1 million"),
    ("significant change consultation", r"significant[^.]{0,220}?at least (\d+) weeks", "12"),
    ("grant without competition", r"grant of up to (£[\d,]+) a year", "£50,000"),
    ("notice of decommissioning", r"(\d+) months' notice of (?:a|any|the) decision to decommission", "3"),
    ("conflict of interest declaration", r"within (\d+) working days of (?:it|the interest) arising", "5"),
]


@pytest.fixture(scope="module")
def passages():
    from assistant.ingest.loader import load_folder

    return load_folder(ROOT / "knowledge", exclude=["src/**", "checklists/**", "*.yaml"]).passages


@pytest.mark.parametrize("what,pattern,value", FACTS, ids=[f[0] for f in FACTS])
def test_every_document_states_the_same_figure(passages, what, pattern, value):
    rx = re.compile(pattern, re.I)
    seen = [(p.document, p.clause, m.group(1)) for p in passages for m in rx.finditer(p.text.replace("\u2019", "'"))]
    assert seen, f"no document states the {what} any more: update FACTS or docs/library-facts.md"
    wrong = [s for s in seen if s[2].lower() != value.lower()]
    assert not wrong, f"{what} should be {value} everywhere: {wrong}"
