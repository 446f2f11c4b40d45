"""The index is not trusted blindly: checksums and per-role audiences are recorded at build and checked
at load; retrieval re-checks every passage's audience before it leaves (issue 16, item 9).

Subprocess versions of the corrupt, truncated and swapped files (the message a person sees) are in
test_faults.py."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from assistant.search.pipeline import Retriever
from assistant.storage.index_files import IndexError_, read_manifest

RATE_QUESTION = "what is the maximum hourly rate the council will pay for home care?"


def copy_index(shipped_index, tmp_path):
    dst = tmp_path / "idx"
    shutil.copytree(shipped_index, dst, symlinks=True)
    return dst, (dst / "current").resolve()


def load(index_dir, settings, embedder):
    return Retriever(index_dir, embedder, settings.retrieval, settings.roles)


def swap_role_views(build):
    a, b, tmp = build / "roles" / "provider", build / "roles" / "officer", build / "roles" / "swap"
    a.rename(tmp)
    b.rename(a)
    tmp.rename(b)


def scramble(path):
    data = bytearray(path.read_bytes())
    rng = np.random.default_rng(7)
    middle = len(data) // 2
    data[middle:middle + 64] = rng.integers(0, 256, 64, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data))


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def manifest_list(build):
    (build / "manifest.json").write_text("[1, 2, 3]")


def audience_flip(build):
    """Rewrite passages.jsonl so an internal passage claims to be public (and fix nothing else)."""
    path = build / "passages.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"audience": "internal"', '"audience": "public"', 1),
                    encoding="utf-8")


FAULTS = {
    "provider and officer views swapped": swap_role_views,
    "embeddings scrambled": lambda b: scramble(b / "embeddings.npy"),
    "provider FAISS scrambled": lambda b: scramble(b / "roles" / "provider" / "dense.faiss"),
    "token vectors truncated": lambda b: truncate(sorted((b / "tokens").glob("*.npy"))[0]),
    "token vectors scrambled": lambda b: scramble(sorted((b / "tokens").glob("*.npy"))[-1]),
    "passages truncated": lambda b: truncate(b / "passages.jsonl"),
    "lexical words truncated": lambda b: truncate(b / "lexical.json"),
    "a view's vocabulary truncated": lambda b: truncate(b / "roles" / "provider" / "vocab.json"),
    "an internal passage relabelled public": audience_flip,
    "a view's rows file removed": lambda b: (b / "roles" / "provider" / "rows.npy").unlink(),
    "manifest is a list": manifest_list,
}


def test_the_manifest_records_checksums_and_what_each_view_holds(shipped_index, settings):
    manifest = read_manifest((shipped_index / "current").resolve())
    files = manifest["checksums"]
    assert {"passages.jsonl", "embeddings.npy", "tokens/shards.json", "token_offsets.npy", "roles/provider/rows.npy",
            "roles/provider/dense.faiss", "roles/officer/dense.faiss"} <= set(files)
    assert sum(1 for f in files if f.startswith("tokens/") and f.endswith(".npy")) == len(manifest["files"])
    assert all(len(h) == 64 for h in files.values())
    assert manifest["views"]["provider"]["audiences"] == ["public"]
    assert manifest["views"]["officer"]["audiences"] == ["internal", "public"]
    assert 0 < manifest["views"]["provider"]["passages"] < manifest["views"]["officer"]["passages"]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_tampered_index_refuses_to_serve_with_the_rebuild_command(fault, shipped_index, tmp_path, settings, embedder):
    idx, build = copy_index(shipped_index, tmp_path)
    FAULTS[fault](build)
    with pytest.raises(IndexError_) as caught:
        load(idx, settings, embedder)
    message = str(caught.value)
    assert "python bot.py index" in message and "\n" not in message, message


def test_a_view_rewritten_with_a_consistent_manifest_still_cannot_serve_internal_text(shipped_index, tmp_path,
                                                                                        settings, embedder):
    """Someone who swaps the views and rewrites the checksums to match is caught by the per-view
    audience check: the provider view holds passages a provider may not read."""
    from assistant.storage.index_files import checksums

    idx, build = copy_index(shipped_index, tmp_path)
    swap_role_views(build)
    manifest = json.loads((build / "manifest.json").read_text())
    manifest["checksums"] = checksums(build)
    manifest["views"]["provider"]["passages"], manifest["views"]["officer"]["passages"] = \
        manifest["views"]["officer"]["passages"], manifest["views"]["provider"]["passages"]
    (build / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexError_, match="holds a passage provider may not read"):
        load(idx, settings, embedder)


def test_retrieval_rechecks_every_passage_audience_before_returning_it(shipped_index, tmp_path, settings, embedder):
    """Defence in depth: even a view that holds internal rows (here swapped in memory, after every
    load-time check passed) returns nothing a provider may not read."""
    retriever = load(shipped_index, settings, embedder)
    officer_hits = retriever.search(RATE_QUESTION, role="officer").hits
    assert any(h.passage.audience == "internal" for h in officer_hits)
    retriever.views["provider"] = retriever.views["officer"]  # the provider now searches the officer view
    hits = retriever.search(RATE_QUESTION, role="provider").hits
    assert hits and all(h.passage.audience == "public" for h in hits)
    assert all(p.passage.audience == "public" for h in hits for p in h.clauses)
