"""Document metadata: YAML front matter and the `Key: value` document-control block."""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from assistant.ingest.model import Block
from assistant.yamlfile import NESTED, too_deep

KNOWN_KEYS = {
    "title": "title", "audience": "audience", "owner": "owner", "version": "version",
    "review_date": "review_date", "review": "review_date", "next_review": "review_date",
    "review_by": "review_date", "author": "owner", "document_owner": "owner", "status": "status",
    "classification": "audience",
}
_CONTROL_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{1,30}?)\s*:\s*(\S.*)$")


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def _stringify(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return "" if value is None else str(value).strip()


def normalise_key(key: str) -> str | None:
    return KNOWN_KEYS.get(re.sub(r"[\s-]+", "_", key.strip().lower()))


def split_front_matter(text: str) -> tuple[dict[str, str], dict[str, int], str, int, list[tuple[str, str, int]]]:
    """Return (meta, line of each key, body, number of lines consumed, every (key, value, line) as
    written) for `---` front matter. The last keeps keys that `meta` folds together (`audience`
    and `classification`), so a disagreement between them can be seen.

    Broken YAML raises FrontMatterError with the file line, so `bot.py check` can point at it.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, {}, text, 0, []
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(1, "front matter opened with --- is never closed")
    raw = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(raw) or {}
    except RecursionError:
        raise FrontMatterError((too_deep(raw) or 0) + 1, f"broken YAML front matter: {NESTED}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(line, f"broken YAML front matter: {problem}") from None
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a mapping of key: value lines")
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    pairs: list[tuple[str, str, int]] = []
    for key, value in data.items():
        canon = normalise_key(str(key)) or str(key).strip().lower()
        meta[canon] = _stringify(value)
        line = 0
        for i in range(1, end):
            if lines[i].lstrip().lower().startswith(f"{str(key).lower()}:"):
                line = i + 1
                break
        if line:
            where[canon] = line
        pairs.append((str(key), _stringify(value), line or 1))
    return meta, where, "\n".join(lines[end + 1:]), end + 1, pairs


def take_control_block(blocks: list[Block]) -> tuple[dict[str, str], dict[str, int], list[Block], list[tuple[str, str, int]]]:
    """Read `Title: …`, `Owner: …` lines at the start of a document, before its first heading.

    Only paragraphs made entirely of known keys count, so a first clause that happens to contain
    a colon is never swallowed.
    """
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    raw: list[tuple[str, str, int]] = []  # (key as written, value, line)
    consumed = 0
    for block in blocks:
        if block.kind not in ("para", "item"):
            break
        pairs = []
        for piece in re.split(r"\n|(?<=\S)\s{2,}(?=[A-Z][a-z ]+:)", block.text):
            m = _CONTROL_LINE.match(piece)
            if not m or not normalise_key(m.group(1)):
                pairs = []
                break
            pairs.append((normalise_key(m.group(1)), m.group(2).strip(), m.group(1)))
        if not pairs:
            break
        for key, value, written in pairs:
            meta.setdefault(key, value)
            where.setdefault(key, block.line)
            raw.append((written, value, block.line))
        consumed += 1
    return meta, where, blocks[consumed:], raw
