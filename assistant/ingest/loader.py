"""Walk a knowledge folder and turn every supported file into passages.

A file that cannot be read is reported as a `Problem` naming it, and the rest still index:
one corrupt upload must not take the whole library offline.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest import audience as aud
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


# Control bytes no text file holds (tab, newline, carriage return, form feed and vertical tab
# aside). cp1252 and latin-1 decode any bytes at all, so without this a renamed binary file would
# be indexed as text and quoted back to people.
_BINARY = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c")
BINARY_SHARE = 0.01


def _binary(data: bytes) -> bool:
    sample = data[: 1 << 20]
    return sum(sample.count(b) for b in _BINARY) > BINARY_SHARE * len(sample)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Notepad's "Unicode")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if _binary(data):
        raise ValueError("not text: it holds binary data (a renamed or damaged file?); save it as text and index again")
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
    marks = aud.Marks()
    if fmt in ("markdown", "text"):
        text = _read_text(path)
        meta, where, body, offset, pairs = split_front_matter(text)
        marks.pairs += [("front matter", k, v, line) for k, v, line in pairs]
        marks.lines += [("marking line", line, n + 1 + offset) for n, line in enumerate(body.splitlines())]
        if fmt == "markdown":
            from assistant.ingest.markdown import markdown_blocks

            blocks = markdown_blocks(body, line_offset=offset)
        else:
            from assistant.ingest.plaintext import text_blocks

            lines = [(line, n + 1 + offset) for n, line in enumerate(body.splitlines())]
            blocks = text_blocks(lines)
    elif fmt == "html":
        from bs4 import BeautifulSoup

        from assistant.ingest.html import html_blocks, html_meta, html_meta_lines

        soup = BeautifulSoup(_read_text(path), "html.parser")
        meta = html_meta(soup)
        marks.pairs += [("HTML <meta>", k, v, line) for k, v, line in html_meta_lines(soup)]
        blocks = html_blocks(soup)
        marks.lines += [("marking line", b.text, b.line) for b in html_blocks(soup, content_only=False)
                        if b.kind in ("para", "heading", "item")]
    elif fmt == "pdf":
        from assistant.ingest.pdf import pdf_document

        meta, blocks, found = pdf_document(path)
        marks.pairs += found.pairs
        marks.lines += found.lines
    else:
        from assistant.ingest.docx import docx_document

        meta, blocks, found = docx_document(path)
        marks.pairs += found.pairs
        marks.lines += found.lines + [("marking line", b.text, b.line) for b in blocks
                                      if b.kind in ("para", "heading", "item")]
    control, control_where, blocks, control_pairs = take_control_block(blocks)
    marks.pairs += [("document control block", k, v, line) for k, v, line in control_pairs]
    meta.update(control)  # the visible control block wins over file properties
    for key, line in control_where.items():
        where.setdefault(key, line)
    return Document(path=path, name=path.name, format=fmt, meta=meta, blocks=blocks, meta_line=where, marks=marks)


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


def resolve_audience(doc: Document, root: Path, globs: dict[str, str], default: str,
                     known: set[str] = frozenset({"public", "internal"}), *, readers: dict[str, int] | None = None,
                     vocab: aud.Vocabulary | None = None) -> str:
    """The strictest audience the document or config.yaml declares for it (else `default`); every
    less strict declaration is kept in `doc.audience_notes` for `bot.py check`."""
    vocab = vocab or aud.vocabulary()
    readers = readers or {"public": 2, "internal": 1}
    declarations = doc.marks.declarations(vocab) if doc.marks is not None else []
    if doc.marks is None and doc.meta.get("audience"):
        declarations.append(aud.Declaration(doc.meta["audience"], "metadata `audience`", doc.meta_line.get("audience", 1)))
    # A link inside the folder counts where it points as well as where it is, so a link from the
    # top level to internal/secret.md is as internal as the file itself.
    places = [(doc.path.relative_to(root).as_posix(), doc.path.name)]
    if doc.path.is_symlink():
        target = doc.path.resolve()
        places.append((target.relative_to(root.resolve()).as_posix(), target.name))
    for rel, name in places:
        for pattern, audience in globs.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern):
                declarations.append(aud.Declaration(audience, f"config.yaml ingest.audiences {pattern!r}"))
                break
    result = aud.resolve(declarations, default=default, known=set(known), readers=readers, vocab=vocab)
    doc.audience_notes = list(result.conflicts)
    for d, audience, recognised in result.declarations:
        if not recognised:
            doc.audience_notes.append((d.line or 1, f"audience {d.value!r} ({d.where}) is not a known word, so it is "
                                                    f"treated as {audience} (use one of: {', '.join(sorted(known))})"))
    return result.audience


def load_folder(root: Path, *, exclude: list[str] | None = None, audiences: dict[str, str] | None = None,
                default_audience: str = "public", known_audiences: set[str] | None = None, progress=None,
                roles: dict[str, list[str]] | None = None, audience_words: dict[str, str] | None = None,
                reuse=None) -> Library:
    """Parse every supported file under `root` into passages; bad files become Problems.

    `roles` (role -> audiences it reads) ranks audiences by strictness; `audience_words` adds to
    the shipped audience words. `reuse(path)` may return an earlier (document, passages) for a file
    whose bytes have not changed, so an incremental build does not parse it again."""
    lib = Library()
    files = iter_files(root, exclude or [])
    vocab = aud.vocabulary(audience_words)
    readers = {"public": 2, "internal": 1}
    if roles:
        readers = {a: sum(a in auds for auds in roles.values()) for auds in roles.values() for a in auds}
    inside = root.resolve()
    for path in (progress(files) if progress else files):
        if not path.resolve().is_relative_to(inside):  # a link out of the folder: /etc/passwd is not policy
            lib.problems.append(Problem(path, 0, "skipped: it is a link to a file outside the knowledge folder; "
                                                 "copy the file into the folder instead"))
            continue
        reused = reuse(path) if reuse else None
        if reused is not None:
            lib.documents.append(reused[0])
            lib.passages.extend(reused[1])
            continue
        try:
            if path.stat().st_size == 0:
                raise ValueError("the file is empty")
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"the file is larger than {MAX_BYTES // 2**20} MiB")
            doc = parse_file(path, root)
            audience = resolve_audience(doc, root, audiences or {}, default_audience,
                                        known_audiences or {"public", "internal"}, readers=readers, vocab=vocab)
            passages = passages_of(doc, audience=audience)
            if not passages:
                raise ValueError("no text found in the document")
        except FrontMatterError as exc:
            lib.problems.append(Problem(path, exc.line, str(exc)))
            continue
        except Exception as exc:  # any parser failure: skip the file, name it, go on
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            lib.problems.append(Problem(path, 0, f"skipped, could not read it: {reason}"))
            continue
        doc.audience = audience  # the resolved audience; doc.meta keeps what the file itself says
        lib.documents.append(doc)
        lib.passages.extend(passages)
    return lib
