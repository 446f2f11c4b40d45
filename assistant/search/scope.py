"""What the assistant is not for: other council services and small talk (`out-of-scope.yaml`).

Nearest-passage scores cannot tell "a far paraphrase of something the library says" from "a
question about council tax that happens to share words with a clause on paying providers"; both
land in the same band. A short list of the council's other services, each with a few example
questions, can: a question that is closer to one of those examples than to any passage is
refused with a pointer to where to go. The examples are embedded when the index is built.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.yamlfile import YamlProblem, line_of, load_yaml, strip_lines

FILE_NAME = "out-of-scope.yaml"


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str = Field(min_length=1)
    where: str = ""
    examples: list[str] = Field(min_length=1)

    @field_validator("examples")
    @classmethod
    def _non_empty(cls, v: list[str]) -> list[str]:
        if any(not isinstance(x, str) or not x.strip() for x in v):
            raise ValueError("every example must be a non-empty question")
        return v


@dataclass(frozen=True)
class ScopeMatch:
    topic: str
    where: str
    score: float   # cosine of the question with the closest example


def load_topics(path: Path) -> list[Topic]:
    """Parse and validate; any problem raises YamlProblem naming the file and line."""
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise YamlProblem(path, line_of(data), "expected a mapping with a 'topics' list")
    topics = []
    for raw in data["topics"]:
        try:
            topics.append(Topic(**strip_lines(raw)) if isinstance(raw, dict) else Topic.model_validate(raw))
        except (ValidationError, TypeError) as exc:
            first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": str(exc)}
            where = ".".join(str(x) for x in first["loc"])
            raise YamlProblem(path, line_of(raw, str(first["loc"][0]) if first["loc"] else None),
                              f"out-of-scope topic: {where + ': ' if where else ''}{first['msg']}") from None
    return topics


def scope_file(source: Path, default: Path | None) -> Path | None:
    """The library's own out-of-scope list if it has one, else the configured default."""
    own = source / FILE_NAME
    if own.is_file():
        return own
    return default if default and default.is_file() else None


def file_hash(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""


def write(build: Path, topics: list[Topic], embedder) -> None:
    rows = [(i, ex) for i, t in enumerate(topics) for ex in t.examples]
    vecs = embedder.encode_passages([ex for _, ex in rows]) if rows else np.zeros((0, embedder.dim), np.float32)
    np.save(build / "scope.npy", vecs.astype(np.float32))
    meta = {"topics": [{"topic": t.topic, "where": t.where} for t in topics], "rows": [i for i, _ in rows]}
    (build / "scope.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


class Scope:
    """The embedded examples of one index build; an index without them matches nothing."""

    def __init__(self, build: Path):
        self.vectors = np.zeros((0, 1), np.float32)
        self.topics: list[dict] = []
        self.rows: list[int] = []
        if (build / "scope.json").exists():
            meta = json.loads((build / "scope.json").read_text(encoding="utf-8"))
            self.topics, self.rows = meta["topics"], meta["rows"]
            self.vectors = np.load(build / "scope.npy")
            if len(self.vectors) != len(self.rows):
                raise ValueError("scope.npy and scope.json disagree")

    def match(self, query_vector: np.ndarray) -> ScopeMatch | None:
        if not len(self.rows):
            return None
        sims = self.vectors @ query_vector
        i = int(np.argmax(sims))
        t = self.topics[self.rows[i]]
        return ScopeMatch(t["topic"], t["where"], float(sims[i]))
