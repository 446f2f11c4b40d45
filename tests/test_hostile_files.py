"""Hostile files in a knowledge folder: each is skipped or read safely, with a message naming the
file (and line), and none crashes the build, exhausts memory or shows a provider what it must not see.

Every test builds its folder in tmp_path and reads it with the real loader (or `bot.py check`).
"""

from __future__ import annotations

import os
import zipfile

import pytest

from assistant.ingest.loader import load_folder
from conftest import ROOT, run_bot

META = "---\ntitle: {t}\nowner: Team\nversion: 1\nreview_date: 2027-01-01\n{extra}---\n"


def doc(title: str, body: str, extra: str = "") -> str:
    return META.format(t=title, extra=extra) + f"# {title}\n\n## 1. Terms\n\n{body}\n"


def problems_by_name(lib) -> dict[str, str]:
    return {p.path.name: str(p) for p in lib.problems}


# -- links -------------------------------------------------------------------------------------------
def test_a_link_to_a_file_outside_the_folder_is_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secrets.txt").write_text("ROOT PASSWORD\n\nThe server root password is hunter2.\n")
    kb = tmp_path / "knowledge"
    kb.mkdir()
    (kb / "good.md").write_text(doc("Good", "1.1 The council pays in 30 days."))
    (kb / "notes.txt").symlink_to(outside / "secrets.txt")
    lib = load_folder(kb)
    assert not any("hunter2" in p.text for p in lib.passages), "a file outside the folder was indexed"
    assert [d.name for d in lib.documents] == ["good.md"]
    msg = problems_by_name(lib)["notes.txt"]
    assert "outside the knowledge folder" in msg and str(kb / "notes.txt") in msg


def test_a_link_inside_the_folder_keeps_the_audience_of_what_it_points_at(tmp_path):
    kb = tmp_path / "knowledge"
    (kb / "internal").mkdir(parents=True)
    (kb / "internal" / "rates.md").write_text(doc("Rates", "1.1 The uplift we accept in negotiation is 7 percent."))
    (kb / "rates-copy.md").symlink_to(kb / "internal" / "rates.md")
    lib = load_folder(kb, audiences={"internal/**": "internal"})
    by_doc = {p.document: p.audience for p in lib.passages}
    assert by_doc == {"rates.md": "internal", "rates-copy.md": "internal"}, by_doc


# -- not what the name says ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["garbage.md", "garbage.txt", "garbage.html"])
def test_binary_garbage_named_as_text_is_skipped_by_name(tmp_path, name):
    (tmp_path / "good.md").write_text(doc("Good", "1.1 The council pays in 30 days."))
    (tmp_path / name).write_bytes(os.urandom(4096) + b"\x00" * 64 + os.urandom(4096))
    lib = load_folder(tmp_path)
    assert {p.document for p in lib.passages} == {"good.md"}
    msg = problems_by_name(lib)[name]
    assert "not text" in msg and str(tmp_path / name) in msg, msg


def test_a_text_file_with_a_stray_control_character_still_reads(tmp_path):
    (tmp_path / "form-feed.txt").write_text("PAYMENTS\n\n1.1 The council pays in 30 days.\f\n\n1.2 Invoices go to AP.\n")
    lib = load_folder(tmp_path)
    assert not lib.problems and {p.clause for p in lib.passages} >= {"1.1", "1.2"}


def _bomb(path, member_size: int) -> None:
    """A real DOCX whose document.xml unpacks to `member_size` bytes (it compresses to almost nothing)."""
    src = zipfile.ZipFile(ROOT / "knowledge" / "sector-guidance-private-business.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                head = data[: data.index(b"<w:body>") + len(b"<w:body>")]
                pad = b"<w:p/>" * ((member_size - len(head)) // 6)
                out.writestr(item.filename, head + pad + b"</w:body></w:document>")
            else:
                out.writestr(item, data)


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(tmp_path):
    (tmp_path / "good.md").write_text(doc("Good", "1.1 The council pays in 30 days."))
    _bomb(tmp_path / "bomb.docx", 120 * 2**20)
    assert (tmp_path / "bomb.docx").stat().st_size < 2**20
    lib = load_folder(tmp_path)
    msg = problems_by_name(lib)["bomb.docx"]
    assert "unpacks to" in msg and "MiB" in msg, msg
    assert [d.name for d in lib.documents] == ["good.md"]


def test_a_docx_that_is_not_a_zip_says_so(tmp_path):
    (tmp_path / "fake.docx").write_bytes(b"just some text pretending to be a Word file\n" * 20)
    msg = problems_by_name(load_folder(tmp_path))["fake.docx"]
    assert "not a Word document" in msg, msg


# -- PDFs ----------------------------------------------------------------------------------------------
def test_an_encrypted_pdf_says_it_is_password_protected(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("a-password")
    w.write(tmp_path / "locked.pdf")
    msg = problems_by_name(load_folder(tmp_path))["locked.pdf"]
    assert "password" in msg and "locked.pdf" in msg, msg


def test_a_pdf_with_no_pages_says_so(tmp_path):
    from pypdf import PdfWriter

    PdfWriter().write(tmp_path / "nothing.pdf")
    msg = problems_by_name(load_folder(tmp_path))["nothing.pdf"]
    assert "no pages" in msg, msg


# -- names and YAML ------------------------------------------------------------------------------------
def test_a_file_name_with_a_newline_or_bidi_control_is_reported_on_one_line(tmp_path):
    (tmp_path / "two\nlines.md").write_text("")
    (tmp_path / "rtl\u202etxt.md").write_text("")
    lib = load_folder(tmp_path)
    shown = [str(p) for p in lib.problems]
    assert len(shown) == 2
    for line in shown:
        assert "\n" not in line and "\u202e" not in line, repr(line)
    assert any("two\\nlines.md" in s for s in shown) and any("rtl\\u202etxt.md" in s for s in shown), shown


def test_deeply_nested_front_matter_is_a_problem_with_its_line(tmp_path):
    (tmp_path / "deep.md").write_text("---\ntitle: Deep\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n# Deep\n\ntext\n")
    msg = problems_by_name(load_folder(tmp_path))["deep.md"]
    assert msg.startswith(f"{tmp_path / 'deep.md'}:3: ") and "nested too deeply" in msg, msg


def test_deeply_nested_rules_yaml_is_reported_by_check_not_a_traceback(tmp_path):
    import shutil

    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb, ignore=shutil.ignore_patterns("src"))
    body = (kb / "rules.yaml").read_text()
    line = body.count("\n") + 1 + (not body.endswith("\n"))
    (kb / "rules.yaml").write_text(body + ("" if body.endswith("\n") else "\n") + "extra: " + "[" * 5000 + "]" * 5000 + "\n")
    (kb / "checklists" / "deep.yaml").write_text("id: deep\ntitle: Deep\nsteps: " + "[" * 5000 + "]" * 5000 + "\n")
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert f"{kb / 'rules.yaml'}:{line}: " in out.stdout and "nested too deeply" in out.stdout, out.stdout
    assert f"{kb / 'checklists' / 'deep.yaml'}:3: " in out.stdout, out.stdout


def test_deeply_nested_config_yaml_is_one_line_naming_the_file(tmp_path):
    cfg = tmp_path / "config.yaml"
    cfg.write_text("index_dir: indexes\nroles: " + "[" * 5000 + "]" * 5000 + "\n")
    out = run_bot("--config", str(cfg), "check")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stderr.startswith(f"error: {cfg}:2: ") and "nested too deeply" in out.stderr, out.stderr


def test_a_file_named_pdf_that_is_not_one_says_so(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(os.urandom(5000))
    msg = problems_by_name(load_folder(tmp_path))["scan.pdf"]
    assert "not a PDF" in msg, msg


# -- a rules file that points a public rule at an internal clause ---------------------------------------
MISCITED = """  - id: LPF-99
    sector: [public-sector]
    topic: level-playing-field
    rule: Budgets for each service are set by the council every year.
    source: {document: officer-handbook.docx, section: "Budget envelopes", clause: "2.2"}
    audience: public
"""


def test_a_public_rule_citing_an_internal_clause_shows_a_provider_nothing_of_it(tmp_path, shipped_app, settings):
    """`bot.py check` reports such a rule; until it is fixed, neither `bot.py rules --quote` nor the
    chat's /rules shows a provider the rule, its internal source's name or the clause's text."""
    import shutil

    from assistant.core.events import Event
    from conftest import chat_app, write_config

    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb, ignore=shutil.ignore_patterns("src"))
    body = (kb / "rules.yaml").read_text()
    (kb / "rules.yaml").write_text(body + ("" if body.endswith("\n") else "\n") + MISCITED)
    internal = ["officer-handbook", "Budget envelopes", "31.6 million", "Budgets for each service"]
    config = write_config(tmp_path, knowledge_dir=str(kb))
    for args in (["--quote"], ["--quote", "--sector", "public-sector"], ["--json"]):
        out = run_bot("--config", str(config), "rules", "--role", "provider", *args)
        assert out.returncode == 0, out.stderr
        assert not [w for w in internal if w in out.stdout], (args, [l for l in out.stdout.splitlines() if "LPF-99" in l])
    officer = run_bot("--config", str(config), "rules", "--role", "officer", "--quote", "--sector", "public-sector")
    assert "LPF-99" in officer.stdout and "31.6 million" in officer.stdout  # an officer may read it

    app = chat_app(shipped_app, settings, tmp_path / "var", knowledge_dir=kb)
    shown, queue = [], [Event(5201, "command", command="rules", args="public sector")]
    while queue:
        for r in app.core.handle(queue.pop(0)):
            shown.append(r.plain + " ".join(b.label for row in r.buttons for b in row))
            queue += [Event(5201, "button", token=b.token) for row in r.buttons for b in row
                      if b.token and not b.label.startswith("⬅️") and len(shown) < 40]
    assert any("Level playing field" in s or "level playing field" in s.lower() for s in shown), shown
    assert not [w for s in shown for w in internal if w in s], [s for s in shown if "LPF-99" in s]


def test_a_public_rule_whose_internal_citation_does_not_resolve_is_hidden_too(shipped_app):
    """A renumbered or mistyped clause in an internal document resolves to nothing; the rule would
    still name that internal document to a provider."""
    from pathlib import Path

    from assistant.library.references import ClauseIndex
    from assistant.library.rules import Catalogue, Rule

    passages = shipped_app.answers.retriever.passages
    internal = next(p.document for p in passages if p.audience == "internal")
    public = next(p.document for p in passages if p.audience == "public")
    rules = [Rule(id=f"R{i}", sector=["all"], topic="t", rule="A rule.", source={"document": doc, "clause": "99.9"})
             for i, doc in enumerate((internal, public, "no-such-file.md"))]
    cat = Catalogue(sectors={}, rules=rules, lines={}, path=Path("rules.yaml"))
    shown = [r.source.document for r in cat.select(audiences={"public"}, clauses=ClauseIndex(passages))]
    assert shown == [public, "no-such-file.md"]
    assert len(cat.select(audiences={"public", "internal"}, clauses=ClauseIndex(passages))) == 3


# -- a tampered index kept somewhere else ---------------------------------------------------------------
def test_a_tampered_index_elsewhere_names_the_command_that_rebuilds_that_index(tmp_path, shipped_index):
    """The rebuild command in the error is one that repairs the index that was refused: with the
    --index this run was given (plain `python bot.py index` rebuilds the default one instead)."""
    import re
    import shlex
    import shutil

    idx = tmp_path / "other index"
    shutil.copytree(shipped_index, idx, symlinks=True)
    # A derived file the checksums cover and an incremental build writes anew without reading it, so
    # the rebuild is the default incremental one (passage vectors taken over, not re-encoded). A
    # previous build that cannot be read at all (a broken lexical.json, say) means a full build:
    # tests/test_incremental_index.py; that such a file is refused too: tests/test_index_integrity.py.
    vocab = (idx / "current").resolve() / "roles" / "provider" / "vocab.json"
    vocab.write_bytes(vocab.read_bytes()[: vocab.stat().st_size // 2])
    question = ["ask", "who approves a £60,000 contract?", "--index", str(idx), "--json"]
    out = run_bot(*question)
    assert out.returncode == 2 and out.stdout == "", out.stderr
    command = re.search(r"`([^`]*)`", out.stderr).group(1)
    assert command == f"python bot.py index --index {shlex.quote(str(idx))}", out.stderr
    rebuilt = run_bot(*shlex.split(command)[2:], timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stderr[-1500:]
    again = run_bot(*question)
    assert again.returncode == 0 and '"answered": true' in again.stdout, again.stderr[-1500:]


def test_check_reports_a_file_with_a_newline_in_its_name_on_one_line(tmp_path):
    (tmp_path / "two\nlines.md").write_text("Just a paragraph about widgets and nothing else.\n")
    (tmp_path / "rtl\u202etxt.md").write_text("Another paragraph about widgets.\n")
    out = run_bot("check", "--source", str(tmp_path))
    assert out.returncode == 1
    lines = [l for l in out.stdout.splitlines() if l.strip()]
    assert lines and all(l.startswith(str(tmp_path) + "/") for l in lines), lines
    assert "\u202e" not in out.stdout and any("two\\nlines.md:1: metadata is missing" in l for l in lines), lines
