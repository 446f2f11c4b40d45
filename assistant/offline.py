"""Offline by construction: the environment that keeps the model libraries from reaching for a hub.

Set once, before transformers or sentence-transformers is imported (bot.py, the scripts and the
benches call it first; the embedder calls it again before it loads the model, for any other caller).
"""

from __future__ import annotations

import os

OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def go_offline() -> None:
    os.environ.update(OFFLINE)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
