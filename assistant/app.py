"""The one place where parts are wired together.

Channels get an `App` and call into it; nothing else constructs services. Loading the model is
the slow part (seconds), so it happens once per process and everything after is warm.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.services.answers import AnswerService
from assistant.services.embedder import Embedder
from assistant.services.retrieval import Retriever
from assistant.settings import Settings


def quiet_model_logs() -> None:
    """Keep stdout for answers: the model libraries' progress bars and notices go nowhere."""
    import logging
    import os

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for name in ("sentence_transformers", "transformers", "huggingface_hub", "bm25s", "faiss"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
    except Exception:
        pass


def load_embedder() -> Embedder:
    quiet_model_logs()
    return Embedder()


@dataclass
class App:
    settings: Settings
    embedder: Embedder
    retriever: Retriever
    answers: AnswerService


def build(settings: Settings, *, index_dir: Path | None = None, embedder: Embedder | None = None) -> App:
    """Load the index for serving. Raises storage.index_files.IndexError_ with a rebuild hint."""
    embedder = embedder or load_embedder()
    index_dir = index_dir or settings.path(settings.index_dir)
    retriever = Retriever(index_dir, embedder, settings.retrieval, settings.roles)
    answers = AnswerService(retriever, supporting=settings.answers.supporting)
    return App(settings=settings, embedder=embedder, retriever=retriever, answers=answers)
