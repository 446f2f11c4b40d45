"""Shared fixtures: the real model, real FAISS/bm25s indexes and SQLite, built once per run.

Every test that writes state gets its own `tmp_path`; the indexes built here are read-only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.settings import Settings, load_settings  # noqa: E402

PY = sys.executable


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT / "config.yaml")


@pytest.fixture(scope="session")
def embedder():
    from assistant.app import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory, settings, embedder) -> Path:
    """The shipped knowledge/ library, indexed once for the whole run."""
    from assistant.index.indexer import build_index

    out = tmp_path_factory.mktemp("shipped-index")
    build_index(settings, source=ROOT / "knowledge", index_dir=out, embedder=embedder, show_progress=False)
    return out


@pytest.fixture(scope="session")
def shipped_app(settings, shipped_index, embedder):
    from assistant.app import build

    return build(settings, index_dir=shipped_index, embedder=embedder)


@pytest.fixture(scope="session")
def other_index(tmp_path_factory, settings, embedder) -> Path:
    """The second, untuned council library in tests/data/other_council."""
    from assistant.index.indexer import build_index

    out = tmp_path_factory.mktemp("other-index")
    build_index(settings, source=ROOT / "tests" / "data" / "other_council", index_dir=out, embedder=embedder,
                show_progress=False)
    return out


@pytest.fixture(scope="session")
def third_index(tmp_path_factory, settings, embedder) -> Path:
    """A third council library in tests/data/third_council, written blind by someone who had not
    seen the retrieval code or its settings."""
    from assistant.index.indexer import build_index

    out = tmp_path_factory.mktemp("third-index")
    build_index(settings, source=ROOT / "tests" / "data" / "third_council", index_dir=out, embedder=embedder,
                show_progress=False)
    return out


@pytest.fixture(scope="session")
def library_indexes(tmp_path_factory, settings, embedder, shipped_index, other_index, third_index) -> dict[str, Path]:
    """Every library of eval/libraries.yaml indexed once (the shared fixtures for the three other
    tests use), by name."""
    from assistant.index.indexer import build_index
    from assistant.reports.evaluation import load_libraries

    known = {"dev": shipped_index, "other_council": other_index, "third_council": third_index}
    out = {}
    for lib in load_libraries(ROOT / "eval" / "libraries.yaml"):
        index = known.get(lib.name)
        if index is None:
            index = tmp_path_factory.mktemp(f"{lib.name}-index")
            build_index(settings, source=lib.source, index_dir=index, embedder=embedder, show_progress=False)
        out[lib.name] = index
    return out


def chat_app(shipped_app, settings: Settings, data_dir: Path, **updates):
    """The shipped index served with its own storage in `data_dir` and the conversation core wired
    (what a chat channel runs, or a restart of it over the same data): for tests that drive the core
    in process. `updates` change other settings, e.g. knowledge_dir."""
    from assistant.app import App, wire_conversation

    s = settings.model_copy(update={"data_dir": data_dir, **updates})
    app = App(settings=s, embedder=shipped_app.embedder, retriever=shipped_app.retriever, answers=shipped_app.answers)
    wire_conversation(app)
    return app


def run_bot(*args: str, input: str | None = None, timeout: float = 180, env: dict | None = None,
            cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `bot.py` as a user would, in a real subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([PY, str(ROOT / "bot.py"), *args], input=input, capture_output=True, text=True,
                          timeout=timeout, env=full_env, cwd=str(cwd))


def write_config(tmp: Path, **overrides) -> Path:
    """A config.yaml in `tmp` whose state lives in `tmp` and whose knowledge is the shipped library."""
    import yaml

    data = yaml.safe_load((ROOT / "config.yaml").read_text())
    data["knowledge_dir"] = str(ROOT / "knowledge")
    data["out_of_scope"] = str(ROOT / "knowledge" / "out-of-scope.yaml")
    data["index_dir"] = str(tmp / "indexes")
    data["data_dir"] = str(tmp / "var")
    data.update(overrides)
    path = tmp / "config.yaml"
    path.write_text(yaml.safe_dump(data))
    return path
