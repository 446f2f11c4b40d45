"""YAML that remembers where each value came from, so every error can say `file:line`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.textnorm import shown_name


@dataclass(frozen=True)
class YamlProblem(Exception):
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{shown_name(self.path)}:{self.line}: {self.message}"


_KINDS = {"int": "a number", "float": "a number", "bool": "yes/no", "NoneType": "empty", "date": "a date",
          "datetime": "a date"}


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings carry `__line__` (1-based) of their first key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False):
    # Keys are checked before construction, so each problem names the key's own line: a duplicate
    # at its second occurrence, a number or a yes/no used as a key where it is written.
    loader.flatten_mapping(node)  # `<<: *base` merge keys, as SafeLoader itself does
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word, not a list or a map",
                                                    key_node.start_mark)
        key = loader.construct_object(key_node)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key_node.value!r} is read as {_KINDS.get(type(key).__name__, 'a value')}, not a word "
                            f"(put it in quotes, \"{key_node.value}\", if it is meant)", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key]})", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


MAX_DEPTH = 100   # lists and maps inside each other; no library file needs a tenth of it


def _nesting(text: str, loader) -> int | None:
    """The 1-based line where lists or maps first nest deeper than MAX_DEPTH, or None, read from
    `loader`'s event parser (iterative, so it never recurses). A YAMLError is raised as it comes."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def too_deep(text: str) -> int | None:
    """The 1-based line (within `text`) where lists or maps first nest deeper than MAX_DEPTH, or None.

    PyYAML builds nested values recursively, so thousands of `[` end in RecursionError with no
    line; its event parser is iterative, so reading the events finds the place without recursing."""
    try:
        return _nesting(text, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


NESTED = f"lists or maps nested too deeply (more than {MAX_DEPTH} levels)"


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader over libyaml's parser: the same data and line marks, about 9x faster
    (rules.yaml: 100 ms of every index build in PyYAML's pure-Python scanner, 12 ms here)."""


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _shallow(text: str) -> bool:
    """Whether `text` nests no deeper than MAX_DEPTH, from libyaml's event parser (iterative, and a
    few milliseconds for rules.yaml). libyaml then builds values recursively in C: a few thousand
    levels load where PyYAML stops with RecursionError, and a hundred thousand crash the process."""
    try:
        return _nesting(text, _FastLineLoader) is None
    except yaml.YAMLError:
        return False


def _parse(text: str):
    """libyaml where it reads exactly as PyYAML does. It words errors differently, accepts a tab
    after `key:`, which PyYAML refuses, and recurses in C; so text with a tab, text nested deeper
    than MAX_DEPTH and any text it cannot read is parsed by PyYAML, whose result or error (the
    message a user sees) is the one returned."""
    if "\t" not in text and _shallow(text):
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


def load_yaml(path: Path):
    """Parse with line numbers; broken YAML raises YamlProblem naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(path, 1, "not UTF-8 text") from None
    try:
        return _parse(text)
    except RecursionError:
        raise YamlProblem(path, too_deep(text) or 1, f"broken YAML: {NESTED}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlProblem(path, line, f"broken YAML: {problem}") from None


def strip_lines(data):
    """The same data without the line bookkeeping, ready for pydantic."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k not in ("__line__", "__lines__")}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def line_of(data, key: str | None = None, default: int = 1) -> int:
    if isinstance(data, dict):
        if key and key in data.get("__lines__", {}):
            return data["__lines__"][key]
        return data.get("__line__", default)
    return default


@dataclass(frozen=True)
class FirstError:
    """The first problem pydantic found in a value (or any other exception's text), in the parts a
    `file:line: what` message is made of."""

    where: str        # the dotted location ("steps.2.next"), "" for the value itself
    key: str | None   # its top-level key, for line_of
    msg: str

    def labelled(self) -> str:
        return f"{self.where}: {self.msg}" if self.where else self.msg


def first_error(exc: Exception) -> FirstError:
    if isinstance(exc, ValidationError):
        e = exc.errors()[0]
        loc = e["loc"]
        return FirstError(".".join(str(x) for x in loc), str(loc[0]) if loc else None, e["msg"])
    return FirstError("", None, str(exc))


def library_file(source: Path, name: str, default: Path | None) -> Path | None:
    """The library's own `name` (abbreviations.yaml, out-of-scope.yaml) if it has one, else the
    configured default if that exists."""
    own = source / name
    if own.is_file():
        return own
    return default if default and default.is_file() else None
