"""Web pages: the article's text and metadata from a saved HTML page.

trafilatura finds the main text of a page (navigation, adverts, related links and comments
left out) and its title, author, date, site name and canonical URL; its result is written out
here as plain paragraphs, headings and table rows, and that text is what the workbench stores,
so every claim offset points into it. A page where trafilatura finds no article (a fragment, a
page of one short paragraph), or of more than MAX_TREE_ELEMENTS elements, or one it fails on, is
read by our own reader, which keeps the text of every block outside scripts, styles and page
chrome. Both parse with lxml (libxml2), whose time grows in
step with the page, so an unbalanced or hostile page cannot stall an ingest.
"""

from __future__ import annotations

import logging
import re

import lxml.etree as etree
import lxml.html

# trafilatura, htmldate and courlan log their doubts about a page as warnings; with no handler
# configured, Python would print them on the terminal in the middle of an ingest's output.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n\s*")

# trafilatura spends about 0.1 ms an element, so a page of a million unclosed tags would take
# minutes; pages with more elements than this (ten times a long news page) are read by our own
# reader, which is linear and about fifty times faster.
MAX_TREE_ELEMENTS = 50_000

# Metadata keys the segmenter reads (documents._published, _author), by trafilatura's names.
_META_FIELDS = {
    "title": "headline",
    "author": "author",
    "date": "date",
    "sitename": "sitename",
    "url": "url",
    "description": "description",
}


def read_html(html: str) -> tuple[str, dict[str, str]]:
    """The readable text of a page (paragraphs separated by blank lines) and its metadata."""
    text, meta = _main_text(html)
    if not text.strip():
        text, meta = _whole_page_text(html)
    headline = meta.get("headline")
    if headline and not text.startswith(headline):
        text = headline + "\n\n" + text
    return text, meta


def looks_like_html(text: str) -> bool:
    """Whether a file without an HTML name is a web page all the same (saved without one)."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(html|body|p|div|article)[\s>]", head))


def _parse(html: str):
    """The page as an lxml tree, or None if it holds no element at all."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):  # empty after parsing, or an encoding declaration in str
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None


# --------------------------------------------------------------------------- trafilatura


def _main_text(html: str) -> tuple[str, dict[str, str]]:
    """The article's text as trafilatura finds it, with its metadata; ("", {}) if it finds none."""
    import trafilatura

    tree = _parse(html)
    if tree is None or sum(1 for _ in tree.iter()) > MAX_TREE_ELEMENTS:
        return "", {}
    try:
        found = trafilatura.bare_extraction(
            tree,
            config=_config(),
            with_metadata=True,
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            output_format="python",
        )
    except Exception:  # a bug of the library on one odd page: our own reader reads it instead
        return "", {}
    if found is None or found.body is None:
        return "", {}
    meta = {
        key: " ".join(str(value).split()) for name, key in _META_FIELDS.items() if (value := getattr(found, name, None))
    }
    blocks: list[str] = []
    for element in found.body:
        _write_block(element, blocks)
    return "\n\n".join(block for block in blocks if block), meta


_CONFIG = None


def _config():
    """trafilatura's settings, except that a short page's text is never replaced by its
    "baseline" dump of the whole page (which breaks lines at every inline tag): a page where
    it finds no article is read by our own reader instead."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        _CONFIG = use_config()
        _CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "0")
        # htmldate would otherwise guess a date from any year in the text ("budgets in 2015").
        _CONFIG.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return _CONFIG


_CONTAINERS = {"div", "quote", "item", "list", "body", "cell"}
_BLOCKS = {"p", "head", "list", "table", "quote", "code", "div", "item"}


def _write_block(element, blocks: list[str]) -> None:
    """Append the text of one of trafilatura's block elements: a table one row a line, a list
    one item a paragraph, a quotation or division by its own blocks if it has any."""
    tag = element.tag
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [_inline(cell) for cell in row.iterchildren("cell")]
            if any(cells):
                rows.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
        blocks.append("\n".join(rows))
    elif tag in _CONTAINERS and any(child.tag in _BLOCKS for child in element):
        if element.text and element.text.strip():
            blocks.append(_clean(element.text))
        for child in element:
            _write_block(child, blocks)
            if child.tail and child.tail.strip():
                blocks.append(_clean(child.tail))
    else:
        blocks.append(_inline(element))


def _inline(element) -> str:
    """An element's text with its inline markup dropped and its line breaks kept."""
    parts: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node.tag == "lb":
                parts.append("\n")
            if node.text:
                parts.append(node.text)
        elif node is not element and node.tail:
            parts.append(node.tail)
    return _clean("".join(parts))


def _clean(raw: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


# --------------------------------------------------------------------------- our own reader

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "caption",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "head",
    "title",
}


def _whole_page_text(html: str) -> tuple[str, dict[str, str]]:
    """Every block's text outside scripts, styles and page chrome, with the page's meta tags:
    for pages where trafilatura finds no article."""
    tree = _parse(html)
    if tree is None:
        return "", {}
    meta: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("name") or node.get("property") or "").lower()
        if key and node.get("content"):
            meta.setdefault(key, node.get("content"))
    for node in tree.iter("time"):
        if node.get("datetime"):
            meta.setdefault("time", node.get("datetime"))
            break
    headline = _first_text(tree, "h1") or _first_text(tree, "title")
    if headline:
        meta["headline"] = headline
    parts: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(tree, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None  # comments and processing instructions
        if event == "start":
            if tag in _SKIP_TAGS:
                skipping += 1
            elif tag == "br":
                parts.append("\n")
            elif tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if tag is not None and not skipping and node.text:
                parts.append(node.text)
        else:
            if tag in _SKIP_TAGS:
                skipping -= 1
            elif tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if not skipping and node.tail:
                parts.append(node.tail)
    return _clean("".join(parts)), meta


def _first_text(tree, tag: str) -> str | None:
    for node in tree.iter(tag):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None
