"""`bot.py ask` as checks outside the repo use it: the JSON contract, refusals and bad input."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_bot, write_config

KEYS = {"document", "section", "path", "clause", "text", "audience", "score"}


@pytest.fixture(scope="module")
def ask_json(shipped_index, tmp_path_factory):
    """One subprocess answering many lines, as `--questions` does; returns the parsed rows."""
    tmp = tmp_path_factory.mktemp("ask")
    questions = [
        "what are the four steps of commissioning?",
        "how do I renew my parking permit?",
        "?!",
        "x" * 10000,
        "🙂🙂 what are the four steps of commissioning? 🙂",
        "ما هي خطوات التكليف الأربع؟",
        "what\u200b are the four\u200d steps of commi\u200bssioning?",
        "what is the maximum hourly rate the council will pay for home care?",
    ]
    qfile = tmp / "questions.txt"
    qfile.write_text("\n".join(questions) + "\n\n", encoding="utf-8")  # blank lines are not questions

    def run(*role: str):
        out = run_bot("ask", "--questions", str(qfile), "--index", str(shipped_index), *role, "--json")
        assert out.returncode == 0, out.stderr[-2000:]
        rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        assert len(rows) == len(questions), out.stdout[:500]
        return rows

    # The provider rows come from a run without --role: the default must be the least privilege
    # (test_role_defaults_to_provider); `--role provider` spelt out is run by the leak sweep.
    return {"provider": run(), "officer": run("--role", "officer")}


def test_json_contract_and_grounded_answer(ask_json):
    row = ask_json["provider"][0]
    assert row["question"] == "what are the four steps of commissioning?"
    assert row["answered"] is True
    assert 1 <= len(row["sources"]) <= 10
    for s in row["sources"]:
        assert KEYS <= set(s)
        assert isinstance(s["path"], list) and s["path"][-1] == s["section"]
        assert isinstance(s["score"], float)
    scores = [s["score"] for s in row["sources"]]
    assert scores[:3] == sorted(scores[:3], reverse=True) or len(scores) < 3
    top = row["sources"][0]
    assert top["document"] == "local-commissioning-policy.md"
    for clause_text in top["text"].split("\n"):  # the answer quotes the clause(s) themselves
        assert clause_text in row["answer"]
    assert "3.1.1" in top["clause"] and "understand, plan, do and review" in row["answer"]
    assert "clause 3.1.1" in row["answer"] and "Local Commissioning Policy" in row["answer"]  # and cites it


def test_out_of_scope_question_is_refused_with_nearby_topics(ask_json):
    row = ask_json["provider"][1]
    assert row["answered"] is False
    assert "can't find" in row["answer"] and "nearest topics" in row["answer"]
    assert "parking" in row["answer"]  # and it says where to go instead
    assert row["sources"], "closest passages are still listed"


def test_bad_input_gets_a_clear_answer(ask_json):
    for role in ("provider", "officer"):
        rows = ask_json[role]
        assert rows[2]["answered"] is False
        assert isinstance(rows[3]["answered"], bool)  # 10,000 characters: answered or refused, no crash
        assert rows[4]["answered"] and rows[4]["sources"][0]["document"] == "local-commissioning-policy.md"
        assert isinstance(rows[5]["answered"], bool)
        assert rows[6]["answered"] and rows[6]["sources"][0]["document"] == "local-commissioning-policy.md"


def test_provider_never_sees_internal_text_but_officer_does(ask_json):
    for row in ask_json["provider"]:
        assert all(s["audience"] == "public" for s in row["sources"])
    probe_provider = ask_json["provider"][7]
    probe_officer = ask_json["officer"][7]
    assert probe_officer["sources"][0]["audience"] == "internal"
    assert probe_officer["answered"] is True
    internal_texts = {s["text"] for s in probe_officer["sources"] if s["audience"] == "internal"}
    assert not internal_texts & {s["text"] for s in probe_provider["sources"]}
    assert not any(t[:60] in probe_provider["answer"] for t in internal_texts)


def test_empty_question_is_answered_clearly(shipped_index):
    out = run_bot("ask", "", "--index", str(shipped_index), "--json")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert row["answered"] is False and "type a question" in row["answer"].lower() and row["sources"] == []


def test_role_defaults_to_provider(ask_json):
    """Run without --role, the officer-only rate question gets public sources only (the officer
    run's first source for it is internal: test_provider_never_sees_internal_text_but_officer_does)."""
    row = ask_json["provider"][7]
    assert row["question"] == "what is the maximum hourly rate the council will pay for home care?"
    assert row["sources"] and all(s["audience"] == "public" for s in row["sources"])


def test_readable_output_without_json(shipped_index):
    out = run_bot("ask", "what are the four steps of commissioning?", "--index", str(shipped_index))
    assert out.returncode == 0
    assert "“" in out.stdout and "clause" in out.stdout and "{" not in out.stdout
    assert "bot.py rules" not in out.stdout  # names no sector
    sector = run_bot("ask", "How quickly do you pay a sole trader's invoice?", "--index", str(shipped_index))
    assert "(rules for this sector: python bot.py rules --sector private-business)" in sector.stdout, sector.stdout


def test_missing_and_corrupt_index_name_the_rebuild_command(tmp_path, shipped_index):
    out = run_bot("ask", "anything", "--index", str(tmp_path / "nowhere"))
    assert out.returncode != 0
    assert "bot.py index" in out.stderr and "Traceback" not in out.stderr
    broken = tmp_path / "broken"
    shutil.copytree(shipped_index, broken, symlinks=True)
    build = (broken / "current").resolve()
    (build / "passages.jsonl").write_text("{not json\n")
    out = run_bot("ask", "anything", "--index", str(broken))
    assert out.returncode != 0 and "bot.py index" in out.stderr and "Traceback" not in out.stderr
    (build / "manifest.json").unlink()
    out = run_bot("ask", "anything", "--index", str(broken))
    assert out.returncode != 0 and "bot.py index" in out.stderr and "Traceback" not in out.stderr


def test_index_command_counts_formats_and_skips_bad_files(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "good.md").write_text("---\ntitle: Good\naudience: public\n---\n# Good\n\n## 1. Pay\n\n1.1 The council pays in 30 days.\n")
    (src / "notes.txt").write_text("PAYMENT\n\n2.1 Invoices are paid monthly.\n")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (src / "empty.docx").write_bytes(b"")
    cfg = write_config(tmp_path)
    out = run_bot("--config", str(cfg), "index", "--source", str(src), "--index", str(tmp_path / "idx"))
    assert out.returncode == 0, out.stderr
    assert "broken.pdf" in out.stderr and "empty.docx" in out.stderr
    assert "DEBUG" not in out.stderr, out.stderr  # only the skipped files, not a library's chatter
    assert "markdown" in out.stdout and "text" in out.stdout and "total" in out.stdout
    ask = run_bot("--config", str(cfg), "ask", "when are invoices paid?", "--index", str(tmp_path / "idx"), "--json")
    assert json.loads(ask.stdout)["sources"]


def test_a_failed_build_leaves_the_old_index_serving(tmp_path, settings, embedder, shipped_index):
    from assistant.index.indexer import build_index
    from assistant.storage.index_files import current_dir

    idx = tmp_path / "idx"
    shutil.copytree(shipped_index, idx, symlinks=True)
    before = current_dir(idx)

    class Boom(Exception):
        pass

    class FailingEmbedder:
        name, dim = embedder.name, embedder.dim

        known_words = frozenset()

        def encode_passages_tokens(self, texts, **kw):
            raise Boom("crash mid-build")

        def encode_queries_tokens(self, texts, **kw):   # the calibration probes (passages may all be reused)
            raise Boom("crash mid-build")

    from conftest import ROOT

    with pytest.raises(Boom):
        build_index(settings, source=ROOT / "knowledge", index_dir=idx, embedder=FailingEmbedder(), show_progress=False)
    assert current_dir(idx) == before
    assert not list(idx.glob(".tmp-build-*"))


def test_make_run_sees_a_stale_index(shipped_index, settings, tmp_path):
    """`make run` rebuilds when the knowledge folder changed since the build, and only then."""
    from assistant.index.indexer import is_stale
    from conftest import ROOT

    assert is_stale(settings, source=ROOT / "knowledge", index_dir=shipped_index) == ""
    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb)
    assert is_stale(settings, source=kb, index_dir=shipped_index) == ""
    (kb / "provider-faq.txt").write_text((kb / "provider-faq.txt").read_text() + "\nNEW SECTION\n\n9.9 More text.\n")
    assert "provider-faq.txt" in is_stale(settings, source=kb, index_dir=shipped_index)
    assert "no index" in is_stale(settings, source=kb, index_dir=tmp_path / "none")
    kb2 = tmp_path / "knowledge2"
    shutil.copytree(ROOT / "knowledge", kb2)
    kb = kb2
    (kb / "out-of-scope.yaml").write_text((kb / "out-of-scope.yaml").read_text() + "\n")
    assert "out-of-scope" in is_stale(settings, source=kb, index_dir=shipped_index)
    kb3 = tmp_path / "knowledge3"
    shutil.copytree(ROOT / "knowledge", kb3)
    rules = kb3 / "rules.yaml"
    rules.write_text(rules.read_text() + "\n# a comment changes nothing the index uses\n")
    assert is_stale(settings, source=kb3, index_dir=shipped_index) == ""
    rules.write_text(rules.read_text().replace("terms: [plc,", "terms: [plc, conglomerate,"))
    assert "sectors" in is_stale(settings, source=kb3, index_dir=shipped_index)


def test_ten_new_officer_questions_per_sector_cite_the_sector_guide_first(shipped_index, tmp_path):
    """The library issue's acceptance, through the CLI as checks outside the repo run it: each of
    the 40 questions in eval/sector-questions.yaml is answered, its first source its sector's guide."""
    from assistant.reports.evaluation import load_questions
    from conftest import ROOT

    questions = load_questions(ROOT / "eval" / "sector-questions.yaml")
    qfile = tmp_path / "sector-questions.txt"
    qfile.write_text("\n".join(q.q for q in questions) + "\n", encoding="utf-8")
    out = run_bot("ask", "--questions", str(qfile), "--index", str(shipped_index), "--role", "officer", "--json")
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert [r["question"] for r in rows] == [q.q for q in questions]
    wrong = [(r["question"], r["answered"], r["sources"][0]["document"] if r["sources"] else None)
             for r, q in zip(rows, questions)
             if not (r["answered"] and r["sources"] and r["sources"][0]["document"] == q.expect[0].document)]
    assert not wrong, wrong
    assert len({q.expect[0].document for q in questions}) == 4


def test_the_eval_table_keeps_its_columns_in_line_whatever_the_library_names():
    from assistant.reports.evaluation import TABLE_COLUMNS, library_table

    figures = {"questions": 55, **{key: (0 if key == "provider_leaks" else 0.5) for key, _ in TABLE_COLUMNS}}
    table = library_table({"dev": figures, "a_library_with_a_long_name": figures})
    lines = table.splitlines()
    assert [ln.split()[0] for ln in lines] == ["library", "dev", "a_library_with_a_long_name", "worst"]
    assert len({len(ln) for ln in lines[1:]}) == 1 and all(ln.split()[1] == "55" or ln.startswith("worst")
                                                            for ln in lines[1:])
