"""`bot.py rules` as a provider reads it: sectors by the words people use, topics as titled groups."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_bot


@pytest.mark.parametrize("typed, sector", [("charities", "Voluntary and community sector"), ("NHS trust", "Public sector"),
                                           ("sole traders", "Private business"),
                                           ("large providers", "PLCs and other for-profit business")])
def test_sector_words_from_rules_yaml_pick_the_sector(typed, sector):
    out = run_bot("rules", "--sector", typed)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith(f"{sector}: ")


def test_rules_are_grouped_under_topic_titles_and_never_cite_a_bare_pilcrow():
    out = run_bot("rules", "--sector", "charities").stdout
    headings = [l for l in out.splitlines() if l and not l.startswith(" ") and ":" not in l]
    assert "Due diligence" in headings and "Conflicts of interest" in headings and "Payment" in headings
    assert not any(re.fullmatch(r"[a-z]+(-[a-z]+)+", h) for h in headings)  # no slugs
    assert headings == sorted(headings, key=str.lower)
    n = int(re.match(r".*: (\d+) rules in (\d+) topics", out.splitlines()[0]).group(1))
    assert len(re.findall(r"^  [A-Z]+-\d+  ", out, flags=re.M)) == n  # every rule under some heading
    assert "clause ¶" not in out and "paragraph 1" in out


def test_an_unknown_sector_lists_the_sectors_by_name():
    out = run_bot("rules", "--sector", "martians")
    assert out.returncode == 2 and "Voluntary and community sector (voluntary-community)" in out.stderr


def test_topic_titles_can_come_from_rules_yaml(tmp_path):
    from assistant.library.rules import load_catalogue

    text = (ROOT / "knowledge" / "rules.yaml").read_text()
    path = tmp_path / "rules.yaml"
    path.write_text(text + "\ntopics:\n  payment: Getting paid\n")
    cat, problems = load_catalogue(path)
    assert not problems and cat.topic_title("payment") == "Getting paid" and cat.topic_title("exit-and-failure") == "Exit and failure"
    assert cat.select(audiences={"public"}, topic="getting paid")
