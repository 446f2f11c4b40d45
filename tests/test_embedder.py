"""The embedder runs the MiniLM package with transformers directly (sentence-transformers and the
scikit-learn it imports cost every serving process about 45 MB); its vectors must stay exactly the
ones sentence-transformers' `encode` gives, on every path: one query, a batch, passages, and the
word-piece vectors late interaction uses."""

from __future__ import annotations

import sys

import numpy as np
import pytest

TEXTS = ["How long is the notice period?", "what's the threshold for a tender ££", "",
         "3.2 The council must publish the award within 10 working days. " * 30,  # beyond 256 pieces
         "Ünïcödé — “quotes” and a PA/SEND abbreviation", "short", "x" * 7]


@pytest.fixture(scope="module")
def reference():
    from sentence_transformers import SentenceTransformer

    from assistant.index.embedder import model_dir

    return SentenceTransformer(model_dir(), device="cpu", local_files_only=True)


def test_vectors_are_bit_for_bit_sentence_transformers(embedder, reference):
    for t in TEXTS:
        want = reference.encode([t], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0]
        assert np.array_equal(embedder.encode_query(t), want), t
    got = embedder.encode_passages(TEXTS)
    for idx in [sorted(range(len(TEXTS)), key=lambda i: len(TEXTS[i]))]:  # the embedder's batch
        want = reference.encode([TEXTS[i] for i in idx], normalize_embeddings=True, convert_to_numpy=True,
                                show_progress_bar=False)
        assert np.array_equal(got[idx], want)
    full = reference.encode(TEXTS, output_value=None, normalize_embeddings=True, show_progress_bar=False)
    mine = embedder._encode_full(TEXTS, batch_size=32)
    for t, o, e in zip(TEXTS, full, mine):
        n = int(o["attention_mask"].sum())
        assert np.array_equal(e.vector, o["sentence_embedding"].float().numpy()), t
        tok = o["token_embeddings"][1:n - 1].float().numpy()
        tok /= np.maximum(np.linalg.norm(tok, axis=1, keepdims=True), 1e-9)
        assert np.array_equal(e.tokens, tok.astype(np.float32)), t
        assert e.pieces == tuple(reference.tokenizer.convert_ids_to_tokens(o["input_ids"][1:n - 1].tolist()))


def test_one_pass_gives_an_example_both_as_passage_and_as_question(embedder):
    """The indexer embeds the out-of-scope examples (scope.npy) and scores them as questions
    (the calibration) from one forward pass: each must be what the two separate paths give."""
    vectors, encoded = embedder.encode_passages_and_queries(TEXTS)
    assert np.array_equal(vectors, embedder.encode_passages(TEXTS))
    for e, want in zip(encoded, embedder.encode_queries_tokens(TEXTS)):
        assert np.array_equal(e.vector, want.vector) and np.array_equal(e.tokens, want.tokens)
        assert e.pieces == want.pieces and e.tokens.dtype == want.tokens.dtype


def test_serving_does_not_import_sentence_transformers():
    import subprocess

    code = ("import sys; from assistant.app import load_embedder; e = load_embedder(); e.encode_query('hi'); "
            "print(sorted(m for m in ('sentence_transformers', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=str(__import__("conftest").ROOT))
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr[-2000:]
