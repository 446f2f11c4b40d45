"""`bot.py check` and `bot.py rules`: the shipped library is valid; broken copies fail with file:line."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_bot


@pytest.fixture()
def kb(tmp_path):
    dst = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", dst, ignore=shutil.ignore_patterns("src"))
    return dst


def test_shipped_library_passes_and_is_complete():
    out = run_bot("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("ok:")
    from assistant.ingest.loader import load_folder
    from assistant.library.rules import load_catalogue

    lib = load_folder(ROOT / "knowledge", exclude=["src/**", "checklists/**", "*.yaml"])
    assert len(lib.documents) >= 8 and len({d.format for d in lib.documents}) >= 4
    for d in lib.documents:
        assert all(d.meta.get(k) for k in ("title", "owner", "version", "review_date", "audience")), d.path
        words = sum(len(b.text.split()) + sum(len(c.split()) for row in b.rows for c in row) for b in d.blocks)
        assert 1000 <= words <= 3000, (d.path, words)  # the length for a model document
    cat, problems = load_catalogue(ROOT / "knowledge" / "rules.yaml")
    assert not problems and len(cat.rules) >= 40
    for sector in ("public-sector", "voluntary-community", "private-business", "plc"):
        assert sum(sector in r.sector for r in cat.rules) >= 5, sector


def test_broken_yaml_is_reported_with_file_and_line(kb):
    lines = (kb / "rules.yaml").read_text().splitlines()
    idx = next(i for i, l in enumerate(lines) if l.strip().startswith("- id:"))
    lines[idx] = lines[idx] + ": ["
    (kb / "rules.yaml").write_text("\n".join(lines) + "\n")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert f"{kb / 'rules.yaml'}:{idx + 1}: broken YAML" in out.stdout or f"{kb / 'rules.yaml'}:{idx + 2}: broken YAML" in out.stdout, out.stdout


def _append_rule(kb, text: str) -> int:
    path = kb / "rules.yaml"
    body = path.read_text()
    if not body.endswith("\n"):
        body += "\n"
    line = body.count("\n") + 1
    path.write_text(body + text)
    return line


def test_two_files_with_one_name_in_different_folders_are_reported(tmp_path):
    """Answers, rules and the index name a document by its file name: two `guide.md`s would be one."""
    from assistant.library.check import check_library
    from assistant.settings import load_settings

    for folder, audience in (("adults", "public"), ("children", "internal")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "guide.md").write_text(
            f"---\ntitle: {folder} guide\naudience: {audience}\nowner: Head\nversion: \"1\"\n---\n"
            f"# {folder}\n\n1.1 The council pays in 30 days.\n")
    report = check_library(load_settings(ROOT / "config.yaml"), tmp_path)
    assert [p for p in report.problems if "same file name" in p and "guide.md" in p], report.problems
    (tmp_path / "children" / "guide.md").rename(tmp_path / "children" / "children-guide.md")
    report = check_library(load_settings(ROOT / "config.yaml"), tmp_path)
    assert not [p for p in report.problems if "same file name" in p], report.problems


def test_a_long_document_whose_headings_were_not_recognised_is_reported(tmp_path):
    """A PDF whose headings are in no bookmark and no larger or bold font reads as one section
    under its title: every answer would cite the title. check says so, and what to change."""
    from assistant.library.check import check_library
    from assistant.settings import load_settings

    head = "---\ntitle: Spec\naudience: public\nowner: Head\nversion: \"1\"\n---\n# Transport specification\n\n"
    clauses = "".join(f"{n}.1 The provider must meet requirement {n} of the service in full.\n\n" for n in range(1, 16))
    (tmp_path / "spec.md").write_text(head + clauses)
    report = check_library(load_settings(ROOT / "config.yaml"), tmp_path)
    assert [p for p in report.problems if "spec.md:1: all 15 passages are in one section" in p
            and "bookmarks" in p], report.problems
    sectioned = "".join(f"## {n}. Part {n}\n\n{n}.1 The provider must meet requirement {n} in full.\n\n"
                        for n in range(1, 16))
    (tmp_path / "spec.md").write_text(head + sectioned)
    report = check_library(load_settings(ROOT / "config.yaml"), tmp_path)
    assert not [p for p in report.problems if "one section" in p], report.problems


def test_dangling_rule_source_is_reported(kb):
    line = _append_rule(kb, """  - id: BAD-01
    sector: [all]
    topic: payment
    rule: The council pays within 3 days.
    source: {document: local-commissioning-policy.md, section: "Nowhere", clause: "42.42"}
    audience: public
""")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert any(l.startswith(f"{kb / 'rules.yaml'}:") and "BAD-01" in l and "does not resolve" in l for l in out.stdout.splitlines()), out.stdout
    assert f"{kb / 'rules.yaml'}:{line + 4}:" in out.stdout or f"{kb / 'rules.yaml'}:{line}:" in out.stdout, out.stdout


def test_public_rule_citing_or_quoting_internal_text_is_reported(kb):
    from assistant.ingest.loader import load_folder

    internal = [p for p in load_folder(kb, exclude=["checklists/**", "*.yaml"]).passages if p.audience == "internal"]
    clause = next(p for p in internal if p.clause[0].isdigit())
    _append_rule(kb, f"""  - id: LEAK-01
    sector: [all]
    topic: payment
    rule: Providers may ask about rates.
    source: {{document: {clause.document}, clause: "{clause.clause}"}}
    audience: public
  - id: LEAK-02
    sector: [all]
    topic: payment
    rule: "{clause.text.split(' ', 1)[1][:200].replace('"', "'")}"
    source: {{document: local-commissioning-policy.md, clause: "1.1"}}
    audience: public
""")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert any("LEAK-01" in l and "internal clause" in l for l in out.stdout.splitlines()), out.stdout
    assert any("LEAK-02" in l and "quotes internal text" in l for l in out.stdout.splitlines()), out.stdout


def test_document_missing_metadata_and_a_broken_document(kb):
    (kb / "notes.md").write_text("# Notes\n\n1.1 Something.\n")
    (kb / "broken.md").write_text("---\ntitle: x\n  bad: [\n---\n# X\n")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert f"{kb / 'notes.md'}:1: metadata is missing title, owner, version, review_date, audience" in out.stdout
    assert f"{kb / 'broken.md'}:" in out.stdout


def test_rules_command_filters_by_sector_topic_and_role():
    out = run_bot("rules", "--sector", "charity", "--topic", "payment", "--json")
    assert out.returncode == 0
    rows = [json.loads(l) for l in out.stdout.splitlines()]
    assert rows and all(("voluntary-community" in r["sector"] or "all" in r["sector"]) and "payment" in r["topic"] for r in rows)
    assert all(r["audience"] == "public" for r in rows)
    text = run_bot("rules", "--sector", "plc", "--quote")
    assert "source:" in text.stdout and "“" in text.stdout
    bad = run_bot("rules", "--sector", "aliens")
    assert bad.returncode == 2 and "unknown sector" in bad.stderr


def test_broken_out_of_scope_list_is_reported_and_the_rest_still_indexes(kb, tmp_path):
    (kb / "out-of-scope.yaml").write_text("topics:\n  - topic: Parking\n    examples: []\n  - topic: Bins\n"
                                          "    examples: [which day is my bin collected\n")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    # PyYAML reports the unclosed list where it stops reading: the broken line or the one after.
    assert any(f"{kb / 'out-of-scope.yaml'}:{n}: broken YAML" in out.stdout for n in (5, 6)), out.stdout
    (kb / "out-of-scope.yaml").write_text("topics:\n  - topic: Parking\n    examples: []\n")
    out = run_bot("check", "--source", str(kb))
    assert f"{kb / 'out-of-scope.yaml'}:3: out-of-scope topic: examples:" in out.stdout, out.stdout
    out = run_bot("index", "--source", str(kb), "--index", str(tmp_path / "idx"))
    assert out.returncode == 0, out.stderr
    assert "out-of-scope.yaml:3" in out.stderr + out.stdout and "not used" in out.stderr + out.stdout
    # The broken list is still recorded, so `make run` does not rebuild on every start because of it.
    from assistant.index.indexer import is_stale
    from assistant.settings import load_settings

    assert is_stale(load_settings(ROOT / "config.yaml"), source=kb, index_dir=tmp_path / "idx") == ""


def test_a_sector_guide_that_is_not_in_the_library_is_reported(kb):
    """Renaming a sector guide without updating `sectors:` would quietly stop routing questions
    about that sector to it; check names the line."""
    text = (kb / "rules.yaml").read_text()
    text = text.replace("guidance: [sector-guidance-public-sector.pdf]", "guidance: [public-sector-guide.pdf]")
    (kb / "rules.yaml").write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("public-sector:"))
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert f"{kb / 'rules.yaml'}:{line}: sector public-sector: guidance 'public-sector-guide.pdf' is not a document" \
        in out.stdout, out.stdout


@pytest.mark.parametrize("change,line_of,why", [
    (("sectors:\n", "sectors: [public-sector, plc]\nold_sectors:\n"), "sectors:", "`sectors:` must be a map"),
    (("\nrules:\n", "\nrules: 5\nold_rules:\n"), "rules:", "`rules:` must be a list"),
])
def test_a_wrongly_shaped_rules_file_is_named_with_its_line_not_a_traceback(kb, change, line_of, why):
    """`sectors: [a, b]` gave AttributeError and `rules: 5` TypeError, in `check` and in `index`."""
    from assistant.search import sectors

    path = kb / "rules.yaml"
    text = path.read_text().replace(*change, 1)
    path.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith(line_of))
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-1500:]
    assert f"{path}:{line}: {why}" in out.stdout, out.stdout
    routes, problem = sectors.routes_for(kb)  # what `bot.py index` reads: a warning, not a crash
    assert routes == [] and problem is not None and (problem.line, problem.path) == (line, path)


def test_a_duplicate_key_is_reported_at_its_own_line(kb):
    path = kb / "rules.yaml"
    lines = path.read_text().splitlines()
    at = next(i for i, l in enumerate(lines) if l.strip().startswith("name:"))
    lines.insert(at + 1, lines[at])  # the sector's `name:` twice
    path.write_text("\n".join(lines) + "\n")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    assert f"{path}:{at + 2}: broken YAML: duplicate key 'name' (first at line {at + 1})" in out.stdout, out.stdout


def test_yaml_reads_the_same_with_the_fast_parser(tmp_path):
    """The shipped YAML gives the same data and line marks through libyaml as through PyYAML, and
    what only PyYAML refuses (a tab after `key:`, nesting past MAX_DEPTH) or words its own way is
    still reported as before."""
    import yaml

    from assistant.yamlfile import NESTED, YamlProblem, _LineLoader, load_yaml

    for path in sorted((ROOT / "knowledge").rglob("*.yaml")):
        assert load_yaml(path) == yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader), path  # noqa: S506
    for text, line, message in (("name: x\nsector:\tplc\n", 2, "found character '\\t' that cannot start any token"),
                                ("name: x\nkey: value: x\n", 2, "mapping values are not allowed here"),
                                # libyaml would load a few thousand levels and crash on a hundred thousand
                                ("name: x\nkey: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, NESTED)):
        (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(YamlProblem) as err:
            load_yaml(tmp_path / "bad.yaml")
        assert (err.value.line, err.value.message) == (line, f"broken YAML: {message}")
