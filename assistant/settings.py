"""Typed configuration, read once from `config.yaml` and passed down explicitly."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.yamlfile import NESTED, first_error, too_deep


class IngestSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    audiences: dict[str, str] = Field(default_factory=dict)
    default_audience: str = "public"
    # More words documents use for their audience (word -> audience), added to ingest/audience-words.yaml.
    audience_words: dict[str, str] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=lambda: ["src/**", "checklists/**", "*.yaml", "*.yml"])


class Stages(BaseModel):
    """Which search stages run (assistant/search/); switch one off for an ablation."""

    model_config = ConfigDict(extra="forbid")
    abbreviations: bool = True   # normalise: spell out abbreviations (abbreviations.yaml)
    spelling: bool = True        # normalise: correct typos against the role's vocabulary
    dense: bool = True           # candidates: MiniLM nearest neighbours
    lexical: bool = True         # candidates: BM25
    bands: bool = True           # adjust: a value band holding the amount asked about
    sectors: bool = True         # adjust: the guidance of a sector the question names
    late: bool = True            # re-score: late interaction over the head
    type_bonus: bool = True      # re-score: a clause stating the kind of fact asked for
    labels: bool = True          # re-score: a clause naming the label asked about ("Band B", "Lot 2")
    places: bool = True          # one per place: merge a section's clauses into one result


class RetrievalSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    k: int = 10
    candidates: int = 50
    fusion: Literal["weighted", "rrf"] = "weighted"
    dense_weight: float = 0.8    # the share of the dense cosine in weighted fusion (the rest is BM25)
    rrf_k: int = 60
    late_weight: float = 0.3   # weight of late interaction beside the fused score (0 turns it off)
    rerank: int = 20           # how many of the fused head late interaction re-scores
    type_bonus: float = 0.03   # score bonus for a clause that states the kind of fact asked for
    label_bonus: float = 0.03  # score bonus for a clause naming the label the question asks about
    sector_bonus: float = 0.06  # score bonus for the guidance of a sector the question names
    sector_wording: float = 0.7  # a guide clause this close (cosine) to a better general clause takes its place
    evidence_pieces: int = 5     # the "best" evidence: the mean of this many best-matched question pieces
    stages: Stages = Field(default_factory=Stages)

    @field_validator("k", "candidates", "rrf_k", "rerank", "evidence_pieces")
    @classmethod
    def _positive(cls, v: int) -> int:
        if v <= 0:
            raise ValueError(f"must be > 0, got {v}")
        return v

    @field_validator("late_weight", "sector_bonus", "type_bonus", "label_bonus")
    @classmethod
    def _nonneg(cls, v: float) -> float:
        if v < 0:
            raise ValueError(f"must be ≥ 0, got {v}")
        return v

    @field_validator("dense_weight", "sector_wording")
    @classmethod
    def _weight(cls, v: float) -> float:
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"must be between 0 and 1, got {v}")
        return v


class AnswerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    supporting: int = 2
    # The late-interaction bars are derived per library when it is indexed (search/calibrate.py):
    # `sure` sits where this share of the library's tempting negatives (a probe made from one of
    # its sections, scored with that section's document held out, and the out-of-scope examples)
    # score below it; `floor` likewise. Fallbacks below are used only for an index without them.
    sure_quantile: float = 0.4
    floor_quantile: float = 0.3
    sure: float = 0.48          # the prior bars (evidence units), and the bars of an index without probes
    floor: float = 0.43
    adapt: float = 0.5          # how far each bar moves from the prior to the library's own (0..1)
    sector_relief: float = 0.08  # bars this much lower when the best place is the named sector's own guide
    band_relief: float = 0.08    # …or when a clause of the best place states a band holding the value asked
    subject_match: float = 0.7  # a word of the thing asked counts as named when a piece of the place matches it this well
    coverage: float = 0.2       # at `floor`, the share of the question (IDF-weighted) the best place holds
    scope_min: float = 0.6      # refuse as out of scope when an out-of-scope example is this close…
    scope_margin: float = 0.1   # …and closer than the best clause by this much (cosines)
    evidence: Literal["weighted", "late", "best"] = "late"  # the match the bars apply to (search/decide.py)
    # …and for a message that tells before it asks ("We sent a bill without an order number. Will
    # you pay it?"): its best-matched pieces (retrieval.evidence_pieces), not a story's every one.
    story_evidence: Literal["weighted", "late", "best"] = "best"
    probes: int = 60            # calibration probes the indexer makes (at most; one per section)
    checks: list[Literal["kind", "subject", "scope", "evidence", "withheld"]] = Field(
        default_factory=lambda: ["kind", "subject", "scope", "evidence", "withheld"])


MAX_INVITE_HOURS = 24 * 30   # a link lives at most a month: long enough to reach someone on leave


def check_hours(hours: float) -> float:
    """An invite's lifetime (config.yaml or `bot.py invite --hours`): positive, finite and at most
    MAX_INVITE_HOURS, else ValueError."""
    if not isinstance(hours, (int, float)) or math.isnan(hours) or math.isinf(hours) or hours <= 0:
        raise ValueError(f"invite hours must be a positive number of hours (at most {MAX_INVITE_HOURS}), got {hours!r}")
    if hours > MAX_INVITE_HOURS:
        raise ValueError(f"invite hours must be at most {MAX_INVITE_HOURS} (30 days), got {hours:g}")
    return float(hours)


# Telegram ids that many people post under: @GroupAnonymousBot (every anonymous group admin),
# Telegram's service notifications (777000, also the sender of a linked channel's posts in its
# discussion group) and @Channel_Bot (a channel writing in a group). Never officers, never invited.
SHARED_TELEGRAM_IDS = [1087968824, 777000, 136817688]


class TelegramSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    officers: list[int] = Field(default_factory=list)
    shared_ids: list[int] = Field(default_factory=lambda: list(SHARED_TELEGRAM_IDS))
    invite_hours: float = 72
    rate: float = 3.0          # messages a second one user may send, sustained
    burst: int = 20            # messages one user may send at once
    team_chat: int | None = None  # chat id of the officers' team chat that "Ask a person" forwards to

    @field_validator("officers", "shared_ids", mode="before")
    @classmethod
    def _ids(cls, v):
        if v is None:
            return []
        if not isinstance(v, list):
            raise ValueError(f"must be a list of Telegram user ids, got {v!r}")
        for x in v:
            if isinstance(x, bool) or not isinstance(x, int) or x <= 0:
                raise ValueError(f"must be a list of Telegram user ids (positive whole numbers), got {x!r}")
        return v

    @field_validator("invite_hours")
    @classmethod
    def _hours(cls, v: float) -> float:
        return check_hours(v)


class HandoffSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reply_within: str = "2 working days"   # what a user is told to expect after "Ask a person"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    root: Path = Path(".")
    knowledge_dir: Path = Path("knowledge")
    index_dir: Path = Path("indexes")
    data_dir: Path = Path("var")
    out_of_scope: Path = Path("knowledge/out-of-scope.yaml")  # used when a library has no out-of-scope.yaml
    abbreviations: Path | None = Path("knowledge/abbreviations.yaml")  # used when a library has none of its own
    roles: dict[str, list[str]] = Field(default_factory=lambda: {"officer": ["public", "internal"], "provider": ["public"]})
    default_role: str = "provider"
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answers: AnswerSettings = Field(default_factory=AnswerSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    handoff: HandoffSettings = Field(default_factory=HandoffSettings)
    retention_days: int = 90           # logs, feedback, audit and handoff history older than this are purged
    decision_record_days: int = 0      # decision records (and finished checklist runs); 0 keeps them for good

    @field_validator("retention_days", "decision_record_days")
    @classmethod
    def _days(cls, v: int) -> int:
        if v < 0:
            raise ValueError(f"must be ≥ 0 days, got {v}")
        return v

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else (self.root / p)


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and line."""


def load_settings(path: Path) -> Settings:
    """Read `config.yaml`; a missing file means defaults, a broken one is an error naming the line."""
    root = path.parent.resolve()
    if not path.exists():
        return Settings(root=root)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ConfigError(f"{path}:{line}: broken YAML: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise ConfigError(f"{path}:{too_deep(path.read_text(encoding='utf-8')) or 1}: broken YAML: {NESTED}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config must be a mapping of settings")
    try:
        return Settings(root=root, **data)
    except ValidationError as exc:
        err = first_error(exc)
        raise ConfigError(f"{path}: {err.where}: {err.msg}") from None
