"""Incremental indexing: after edits, an incremental build is the index a full build writes.

The library is a copy of tests/data/third_council; its first index is a copy of the session's
full build of that library, so only the edited passages should reach the model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT

LIBRARY = ROOT / "tests" / "data" / "third_council"
POLICY = "commissioning-and-procurement-policy.md"
OLD_EMERGENCY = "An emergency contract must not last longer than 12 weeks."
NEW_EMERGENCY = "An emergency contract must not last longer than 16 weeks."
QUESTIONS = [("How long can an emergency contract last?", "provider"),
             ("What insurance must providers hold?", "provider"),
             ("Who approves a contract worth between £50,000 and £189,999?", "officer"),
             ("When must a quarterly performance return be submitted?", "provider"),
             ("what is the council tax band for my house?", "provider")]


def copy_build(index_dir: Path, into: Path) -> None:
    """A copy of `index_dir`'s current build as the only build of `into`."""
    from assistant.storage.index_files import current_dir

    build = current_dir(index_dir)
    into.mkdir(parents=True)
    shutil.copytree(build, into / build.name)
    (into / "current").symlink_to(build.name)


def edit_library(lib: Path) -> None:
    """A reworded clause, a clause added, a document deleted, a document added."""
    policy = lib / POLICY
    text = policy.read_text(encoding="utf-8")
    assert OLD_EMERGENCY in text
    text = text.replace(OLD_EMERGENCY, NEW_EMERGENCY)
    text = text.replace("3.3 Where a service is bought", "3.4 Framework call-offs count towards the value of the "
                        "framework as a whole.\n\n3.3 Where a service is bought")
    policy.write_text(text, encoding="utf-8")
    (lib / "voluntary-sector-grants-guide.html").unlink()
    (lib / "market-notes.md").write_text(
        "---\ntitle: Market Notes\nowner: Market Team\nversion: '1'\nreview_date: 2027-01-01\naudience: internal\n---\n"
        "# Market Notes\n\n## 1. Home care market\n\n1.1 The council meets home care providers every quarter to "
        "discuss rates and capacity.\n", encoding="utf-8")


def read_rows(build: Path) -> list[dict]:
    return [json.loads(line) for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines()]


def answers_of(settings, index_dir: Path, embedder) -> list[tuple]:
    from assistant.app import build

    app = build(settings, index_dir=index_dir, embedder=embedder)
    out = []
    for q, role in QUESTIONS:
        a = app.answers.answer(q, role=role)
        out.append((a.answered, [h.passage.id for h in a.sources[:5]], [round(h.score, 4) for h in a.sources[:5]]))
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory, settings, embedder, third_index):
    from assistant.index.indexer import build_index

    tmp = tmp_path_factory.mktemp("incremental")
    lib = tmp / "library"
    shutil.copytree(LIBRARY, lib)
    inc = tmp / "incremental"
    copy_build(third_index, inc)
    edit_library(lib)
    first = build_index(settings, source=lib, index_dir=inc, embedder=embedder, show_progress=False)
    again = build_index(settings, source=lib, index_dir=inc, embedder=embedder, show_progress=False)
    full = tmp / "full"
    whole = build_index(settings, source=lib, index_dir=full, embedder=embedder, show_progress=False,
                        incremental=False)
    return inc, full, first, again, whole


def test_an_edit_reencodes_only_the_passages_whose_text_changed(builds):
    _inc, _full, first, again, whole = builds
    # The reworded clause, the added clause and the new document's clause(s); nothing else.
    assert 2 < first.encoded <= 5, first.encoded
    assert whole.encoded == sum(whole.passages.values()) > 50
    # Nothing changed since: nothing parsed, nothing encoded.
    assert again.encoded == 0
    assert again.reused_files == sum(again.documents.values())


def test_incremental_build_equals_full_build(builds):
    from assistant.storage.index_files import current_dir, read_tokens

    inc, full, *_ = builds
    a, b = current_dir(inc), current_dir(full)
    rows_a, rows_b = read_rows(a), read_rows(b)
    assert rows_a == rows_b
    texts = " ".join(r["text"] for r in rows_a)
    assert NEW_EMERGENCY in texts and OLD_EMERGENCY not in texts and "Framework call-offs" in texts
    assert not any(r["document"] == "voluntary-sector-grants-guide.html" for r in rows_a)
    assert np.allclose(np.load(a / "embeddings.npy"), np.load(b / "embeddings.npy"), atol=1e-5)
    assert np.array_equal(np.load(a / "token_offsets.npy"), np.load(b / "token_offsets.npy"))
    pieces_a, pieces_b = read_tokens(a)[0], read_tokens(b)[0]
    assert np.allclose(pieces_a[:].astype(np.float32), pieces_b[:].astype(np.float32), atol=2e-3)
    assert np.allclose(np.load(a / "scope.npy"), np.load(b / "scope.npy"), atol=1e-5)
    for role in ("officer", "provider"):
        assert np.array_equal(np.load(a / "roles" / role / "rows.npy"), np.load(b / "roles" / role / "rows.npy"))


def test_incremental_and_full_build_give_the_same_answers(builds, settings, embedder):
    inc, full, *_ = builds
    got, want = answers_of(settings, inc, embedder), answers_of(settings, full, embedder)
    assert [g[:2] for g in got] == [w[:2] for w in want]
    for g, w in zip(got, want):
        assert np.allclose(g[2], w[2], atol=1e-3)
    assert got[0][0] and not got[-1][0]  # the edited clause is answered; council tax is refused


def test_a_corrupt_previous_build_means_a_full_build_not_a_failure(tmp_path, settings, embedder, third_index):
    from assistant.index.indexer import build_index
    from assistant.storage.index_files import current_dir

    idx = tmp_path / "idx"
    copy_build(third_index, idx)
    (current_dir(idx) / "reuse.json").write_text("{not json", encoding="utf-8")
    (current_dir(idx) / "embeddings.npy").write_bytes(b"garbage")
    lib = tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    (lib / "voluntary-sector-grants-guide.html").unlink()
    report = build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
    assert report.encoded == sum(report.passages.values())
    assert np.load(current_dir(idx) / "embeddings.npy").shape[0] == report.encoded


def test_scrambled_vectors_in_the_previous_build_are_not_carried_into_the_next(tmp_path, settings, embedder,
                                                                                third_index):
    """Vectors of the right shape but shuffled between passages would pass every shape check, and
    the new build's manifest would then vouch for them: they are checked against the old
    manifest's checksum and, not matching, encoded again."""
    from assistant.index.indexer import build_index
    from assistant.storage.index_files import current_dir

    idx = tmp_path / "idx"
    copy_build(third_index, idx)
    right = np.load(current_dir(idx) / "embeddings.npy")
    np.save(current_dir(idx) / "embeddings.npy", right[::-1].copy())
    report = build_index(settings, source=LIBRARY, index_dir=idx, embedder=embedder, show_progress=False)
    assert report.encoded == sum(report.passages.values())
    assert np.allclose(np.load(current_dir(idx) / "embeddings.npy"), right, atol=1e-5)


def _shards(build: Path) -> dict[str, tuple[int, str]]:
    """document -> (inode, file) of its word-piece shard."""
    from assistant.storage.index_files import TOKENS, shard_entries

    rows = read_rows(build)
    return {rows[e["rows"][0]]["document"]: ((build / TOKENS / e["file"]).stat().st_ino, e["file"])
            for e in shard_entries(build)}


def test_an_edit_writes_only_the_edited_documents_word_pieces(tmp_path, settings, embedder, third_index):
    """At 5,000 passages the word pieces are 188 MB: an edit must not rewrite (or re-hash) them all.
    Unchanged documents' shards are the previous build's files (hard links); the build still loads."""
    from assistant.index.indexer import build_index
    from assistant.search.pipeline import Retriever
    from assistant.storage.index_files import current_dir

    idx, lib = tmp_path / "idx", tmp_path / "lib"
    copy_build(third_index, idx)
    shutil.copytree(LIBRARY, lib)
    before = _shards(current_dir(idx))
    policy = lib / POLICY
    policy.write_text(policy.read_text(encoding="utf-8").replace(OLD_EMERGENCY, NEW_EMERGENCY), encoding="utf-8")
    report = build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
    after = _shards(current_dir(idx))
    assert report.encoded == 1 and set(after) == set(before)
    assert after[POLICY] != before[POLICY]
    assert all(after[d] == before[d] for d in before if d != POLICY), "unchanged documents' shards were rewritten"
    hits = Retriever(idx, embedder, settings.retrieval, settings.roles).search(QUESTIONS[0][0], role="provider").hits
    assert any(NEW_EMERGENCY in h.passage.text for h in hits[:3])


def test_a_tampered_shard_in_the_previous_build_is_encoded_again_not_reused(tmp_path, settings, embedder,
                                                                            third_index):
    from assistant.index.indexer import build_index
    from assistant.search.pipeline import Retriever
    from assistant.storage.index_files import TOKENS, current_dir

    idx, lib = tmp_path / "idx", tmp_path / "lib"
    copy_build(third_index, idx)
    shutil.copytree(LIBRARY, lib)
    build = current_dir(idx)
    _inode, name = _shards(build)[POLICY]
    shard = build / TOKENS / name
    data = bytearray(shard.read_bytes())
    data[-64:] = bytes(64)
    shard.write_bytes(bytes(data))
    report = build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
    policy_rows = sum(1 for r in read_rows(current_dir(idx)) if r["document"] == POLICY)
    assert report.encoded == policy_rows > 0
    Retriever(idx, embedder, settings.retrieval, settings.roles)  # every checksum holds


def test_word_piece_shards_read_as_one_matrix():
    from assistant.storage.index_files import Pieces

    rng = np.random.default_rng(0)
    lengths = [5, 0, 7, 3, 0, 0, 4]
    shards = [rng.random((n, 4)).astype(np.float16) for n in lengths]
    flat = np.concatenate(shards)
    pieces = Pieces(shards, np.concatenate([[0], np.cumsum(lengths)]), 4)
    assert len(pieces) == len(flat) and pieces.shape == flat.shape
    for a in range(len(flat) + 1):
        for b in range(a, len(flat) + 2):
            assert np.array_equal(pieces[a:b], flat[a:b]), (a, b)


class CountingEmbedder:
    """The real embedder, counting the texts the calibration encodes as questions."""

    def __init__(self, embedder):
        self.embedder, self.queries = embedder, 0

    def __getattr__(self, name):
        return getattr(self.embedder, name)

    def encode_queries_tokens(self, texts, **kw):
        self.queries += len(texts)
        return self.embedder.encode_queries_tokens(texts, **kw)

    def encode_passages_and_queries(self, texts, **kw):   # the out-of-scope examples, with scope.npy
        self.queries += len(texts)
        return self.embedder.encode_passages_and_queries(texts, **kw)


def test_an_unchanged_rebuild_encodes_no_calibration_probe_again(tmp_path, settings, embedder, third_index):
    """The calibration's probes and out-of-scope examples are encoded once; a rebuild looks them up
    in the build it replaces, and its bars are those a full build finds."""
    from assistant.index.indexer import build_index
    from assistant.storage.index_files import current_dir, read_manifest

    idx, lib = tmp_path / "idx", tmp_path / "lib"
    shutil.copytree(LIBRARY, lib)
    first, second = CountingEmbedder(embedder), CountingEmbedder(embedder)
    build_index(settings, source=lib, index_dir=idx, embedder=first, show_progress=False)
    before = read_manifest(current_dir(idx))["calibration"]
    build_index(settings, source=lib, index_dir=idx, embedder=second, show_progress=False)
    after = read_manifest(current_dir(idx))["calibration"]
    assert first.queries > 50 and second.queries == 0
    assert (after["sure"], after["floor"], after["negative_scores"]) == (before["sure"], before["floor"],
                                                                        before["negative_scores"])


def test_a_full_build_encodes_each_out_of_scope_example_once(tmp_path, settings, embedder):
    """scope.npy embeds the out-of-scope examples and the calibration scores them as questions:
    one forward pass serves both, so no text reaches the model twice (besides the passages)."""
    from assistant.index.indexer import build_index

    seen: list[str] = []

    class Recording(CountingEmbedder):
        def encode_passages(self, texts, **kw):
            seen.extend(texts)
            return self.embedder.encode_passages(texts, **kw)

        def encode_queries_tokens(self, texts, **kw):
            seen.extend(texts)
            return super().encode_queries_tokens(texts, **kw)

        def encode_passages_and_queries(self, texts, **kw):
            seen.extend(texts)
            return super().encode_passages_and_queries(texts, **kw)

    build_index(settings, source=LIBRARY, index_dir=tmp_path / "idx", embedder=Recording(embedder),
                show_progress=False, incremental=False)
    assert len(seen) > 100    # some 60 probes and 80 examples
    assert len(seen) == len(set(seen))
