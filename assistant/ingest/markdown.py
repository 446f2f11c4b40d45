"""Markdown: YAML front matter, `#` headings, paragraphs, lists and pipe tables (markdown-it-py)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from assistant.ingest.model import Block


def _inline_text(token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def markdown_blocks(body: str, *, line_offset: int = 0) -> list[Block]:
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(body)
    blocks: list[Block] = []
    depth = 0
    in_item = 0
    numbers: list[str] = []
    table: list[list[str]] | None = None
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + 1 + line_offset) if tok.map else 0
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t == "list_item_open":
            in_item += 1
            numbers.append(tok.info if tok.markup in (".", ")") else "")
        elif t == "list_item_close":
            in_item -= 1
            numbers.pop()
        elif t == "heading_open":
            blocks.append(Block("heading", _inline_text(tokens[i + 1]), level=int(tok.tag[1]), line=line))
        elif t == "paragraph_open" and table is None:
            text = _inline_text(tokens[i + 1])
            if in_item and blocks and blocks[-1].kind == "item" and tokens[i - 1].type != "list_item_open":
                prev = blocks[-1]
                blocks[-1] = Block("item", prev.text + " " + text, level=prev.level, line=prev.line)
            else:
                blocks.append(Block("item" if in_item else "para", text, level=depth, line=line,
                                    number=numbers[-1] if in_item else ""))
        elif t == "table_open":
            table = []
            table_line = line
        elif t == "tr_open":
            row = []
        elif t in ("th_open", "td_open") and row is not None:
            row.append(_inline_text(tokens[i + 1]))
        elif t == "tr_close" and table is not None and row is not None:
            table.append(row)
            row = None
        elif t == "table_close" and table is not None:
            blocks.append(Block("table", rows=tuple(tuple(r) for r in table), header=True, line=table_line))
            table = None
        elif t in ("fence", "code_block") and tok.content.strip():
            blocks.append(Block("para", tok.content, line=line))
    return blocks
