"""Walk a knowledge folder and turn every supported file into passages.

A file that cannot be read is reported as a `Problem` naming it, and the rest still index:
one corrupt upload must not take the whole library offline.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest.metadata import FrontMatterError, split_front_matter, take_control_block
from assistant.ingest.model import Block, Document, Passage, Problem
from assistant.ingest.structure import passages_of

SUPPORTED_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
                      ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Library:
    """What one ingest produced: documents, their passages, and the files that were skipped."""

    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def parse_file(path: Path, root: Path) -> Document:
    """Parse one file into a Document. Raises FrontMatterError or ValueError with a reason."""
    fmt = SUPPORTED_SUFFIXES[path.suffix.lower()]
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    blocks: list[Block]
    if fmt in ("markdown", "text"):
        text = _read_text(path)
        meta, where, body, offset = split_front_matter(text)
        if fmt == "markdown":
            from assistant.ingest.markdown import markdown_blocks

            blocks = markdown_blocks(body, line_offset=offset)
        else:
            from assistant.ingest.plaintext import text_blocks

            lines = [(line, n + 1 + offset) for n, line in enumerate(body.splitlines())]
            blocks = text_blocks(lines)
    elif fmt == "html":
        from bs4 import BeautifulSoup

        from assistant.ingest.html import html_blocks, html_meta

        soup = BeautifulSoup(_read_text(path), "html.parser")
        meta = html_meta(soup)
        blocks = html_blocks(soup)
    elif fmt == "pdf":
        from assistant.ingest.pdf import pdf_document

        meta, blocks = pdf_document(path)
    else:
        from assistant.ingest.docx import docx_document

        meta, blocks = docx_document(path)
    control, control_where, blocks = take_control_block(blocks)
    meta.update(control)  # the visible control block wins over file properties
    for key, line in control_where.items():
        where.setdefault(key, line)
    return Document(path=path, name=path.name, format=fmt, meta=meta, blocks=blocks, meta_line=where)


def iter_files(root: Path, exclude: list[str]) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if any(fnmatch.fnmatch(rel, pat) for pat in exclude):
            continue
        files.append(path)
    return files


# Words councils use for the two audiences. An audience that is neither known nor listed here is
# treated as internal: a provider must never see a document because of a spelling we did not expect.
AUDIENCE_WORDS = {
    "public": "public", "all": "public", "everyone": "public", "external": "public", "open": "public",
    "providers": "public", "provider": "public", "official": "public",
    "internal": "internal", "internal only": "internal", "internal-only": "internal", "officers": "internal",
    "officer": "internal", "officers only": "internal", "staff": "internal", "staff only": "internal",
    "confidential": "internal", "restricted": "internal", "private": "internal", "official-sensitive": "internal",
    "official sensitive": "internal", "not for publication": "internal",
}


def normalise_audience(value: str, known: set[str]) -> str:
    v = " ".join(value.strip().lower().replace("_", " ").split())
    if v in known:
        return v
    return AUDIENCE_WORDS.get(v, AUDIENCE_WORDS.get(v.replace(" ", "-"), "internal"))


def resolve_audience(doc: Document, root: Path, globs: dict[str, str], default: str,
                     known: set[str] = frozenset({"public", "internal"})) -> str:
    if doc.meta.get("audience"):
        return normalise_audience(doc.meta["audience"], set(known))
    rel = doc.path.relative_to(root).as_posix()
    for pattern, audience in globs.items():
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(doc.path.name, pattern):
            return audience
    return default


def load_file(path: Path, root: Path, *, audiences: dict[str, str] | None = None, default_audience: str = "public",
              known_audiences: set[str] | None = None) -> tuple[Document, list[Passage]] | Problem:
    """One file's document and passages, or the Problem that says why it was skipped."""
    try:
        if path.stat().st_size == 0:
            raise ValueError("the file is empty")
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f"the file is larger than {MAX_BYTES // 2**20} MiB")
        doc = parse_file(path, root)
        audience = resolve_audience(doc, root, audiences or {}, default_audience,
                                    known_audiences or {"public", "internal"})
        passages = passages_of(doc, audience=audience)
        if not passages:
            raise ValueError("no text found in the document")
    except FrontMatterError as exc:
        return Problem(path, exc.line, str(exc))
    except Exception as exc:  # any parser failure: skip the file, name it, go on
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return Problem(path, 0, f"skipped, could not read it: {reason}")
    doc.audience = audience  # the resolved audience; doc.meta keeps what the file itself says
    return doc, passages


def load_folder(root: Path, *, exclude: list[str] | None = None, audiences: dict[str, str] | None = None,
                default_audience: str = "public", known_audiences: set[str] | None = None, progress=None,
                reuse=None) -> Library:
    """Parse every supported file under `root` into passages; bad files become Problems.

    `reuse(path)` may return an earlier (document, passages) for a file whose bytes have not
    changed, so an incremental build does not parse it again."""
    lib = Library()
    files = iter_files(root, exclude or [])
    for path in (progress(files) if progress else files):
        loaded = reuse(path) if reuse else None
        if loaded is None:
            loaded = load_file(path, root, audiences=audiences, default_audience=default_audience,
                               known_audiences=known_audiences)
        if isinstance(loaded, Problem):
            lib.problems.append(loaded)
            continue
        doc, passages = loaded
        lib.documents.append(doc)
        lib.passages.extend(passages)
    return lib
