"""HTML: `h1`–`h4` sections, paragraphs, nested lists and tables with their header row.

A council's web page is mostly furniture: the site header, menus, breadcrumbs, a cookie banner,
"related pages", "was this page useful?" and a footer of links and the council's address. Read
as text, the footer ran on at the end of the page's last section (quoted with its last clause)
and a sidebar's "In this section" became a section. The page's own markup says where its content
is: `<main>` (or `role="main"`) when there is one, and inside or without it the page furniture
HTML5 names: `<footer>`, `<aside>`, `<nav>`, a `<header>` holding no heading, and elements whose
`role` is banner, navigation, complementary, contentinfo or search, and a block that says nothing
but links (a "was this page useful?" box, "related pages"). Markings are still read from
the whole page (`html_blocks(soup, content_only=False)`): an OFFICIAL in a footer still counts.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from assistant.ingest.model import Block

_SKIP = {"script", "style", "noscript", "template", "nav", "svg", "head", "button", "form"}
_FURNITURE = {"footer", "aside"}
_FURNITURE_ROLES = {"banner", "navigation", "complementary", "contentinfo", "search"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOT_COUNTED = set(_HEADINGS) | _SKIP   # text inside these is neither a link nor what a block says


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def _own_text(li: Tag) -> str:
    """A list item's text without its nested lists, which become items of their own."""
    parts = []
    for child in li.children:
        if isinstance(child, Tag) and child.name in ("ul", "ol"):
            continue
        parts.append(child.get_text(" ", strip=True) if isinstance(child, Tag) else str(child).strip())
    return " ".join(" ".join(parts).split())


def html_meta(soup: BeautifulSoup) -> dict[str, str]:
    meta = {}
    if soup.title and soup.title.string:
        meta["title"] = " ".join(soup.title.string.split())
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        if name and tag.get("content") is not None:
            meta[name.replace("-", "_").replace(" ", "_").removeprefix("dc.")] = tag["content"].strip()
    return meta


def html_meta_lines(soup: BeautifulSoup) -> list[tuple[str, str, int]]:
    """Every `<meta name=… content=…>` as (name, content, source line), for the audience declarations."""
    out = []
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        if name and tag.get("content") is not None:
            out.append((name.removeprefix("dc."), str(tag["content"]).strip(), tag.sourceline or 0))
    return out


def _links_only(el: Tag) -> bool:
    """A block whose every word, its headings and buttons aside, is a link: "Was this page
    useful? Yes No — Report a problem with this page", "Related pages: …". Policy text says
    something besides its links."""
    if el.name not in ("div", "section"):
        return False
    words = linked = 0
    for piece in el.find_all(string=True):
        n = len(piece.split())
        if not n:
            continue
        names = set()
        for parent in piece.parents:
            if parent is el:
                break
            names.add(parent.name)
        if names & _NOT_COUNTED:
            continue
        words += n
        linked += n if "a" in names else 0
    return words > 0 and linked == words


def _furniture(el: Tag) -> bool:
    if el.name in _FURNITURE or str(el.get("role") or "").strip().lower() in _FURNITURE_ROLES:
        return True
    return (el.name == "header" and el.find(list(_HEADINGS)) is None) or _links_only(el)


def content_root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    """Where the page's own content is: its `<main>` (or `role="main"`), else the body."""
    body = soup.body or soup
    return body.find("main") or body.find(attrs={"role": "main"}) or body


def html_blocks(soup: BeautifulSoup, *, content_only: bool = True) -> list[Block]:
    """The page's blocks in order; with `content_only`, of its content without the furniture
    (module docstring), else of everything in the body (for markings)."""
    blocks: list[Block] = []

    def table(el: Tag) -> None:
        rows = []
        header = False
        for i, tr in enumerate(el.find_all("tr")):
            if tr.find_parent("table") is not el:
                continue
            cells = tr.find_all(["th", "td"], recursive=False)
            if i == 0 and cells and all(c.name == "th" for c in cells):
                header = True
            rows.append(tuple(_text(c) for c in cells))
        if el.find("thead"):
            header = True
        if rows:
            blocks.append(Block("table", rows=tuple(rows), header=header or len(rows) > 1,
                                line=el.sourceline or 0))
        cap = el.find("caption")
        if cap and _text(cap):
            blocks.insert(len(blocks) - 1, Block("para", _text(cap), line=cap.sourceline or 0))

    def lists(el: Tag, depth: int) -> None:
        ordered = el.name == "ol"
        try:
            n = int(el.get("start", 1))
        except ValueError:
            n = 1
        for li in el.find_all("li", recursive=False):
            text = _own_text(li)
            if text:
                blocks.append(Block("item", text, level=depth, line=li.sourceline or 0, number=str(n) if ordered else ""))
            n += 1
            for sub in li.find_all(["ul", "ol"], recursive=False):
                lists(sub, depth + 1)

    def walk(el: Tag) -> None:
        loose: list[str] = []

        def flush_loose() -> None:
            text = " ".join(" ".join(loose).split())
            if text:
                blocks.append(Block("para", text, line=el.sourceline or 0))
            loose.clear()

        for child in el.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                    continue
                loose.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP or (content_only and _furniture(child)):
                continue
            name = child.name
            if name in ("span", "a", "b", "strong", "i", "em", "code", "abbr", "small", "sup", "sub", "br", "u", "mark"):
                loose.append(child.get_text(" "))
                continue
            flush_loose()
            if name in _HEADINGS:
                blocks.append(Block("heading", _text(child), level=_HEADINGS[name], line=child.sourceline or 0))
            elif name in ("p", "dt", "dd", "blockquote", "pre", "figcaption", "address"):
                if child.find(["ul", "ol", "table", "p"]):
                    walk(child)
                else:
                    blocks.append(Block("para", _text(child), line=child.sourceline or 0))
            elif name in ("ul", "ol"):
                lists(child, 1)
            elif name == "table":
                table(child)
            else:
                walk(child)
        flush_loose()

    walk(content_root(soup) if content_only else (soup.body or soup))
    return blocks
