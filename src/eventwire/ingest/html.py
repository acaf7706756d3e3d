"""HTML → main text and metadata with trafilatura, then our clutter filter; captions kept apart.

trafilatura finds the article block. The metadata (title, publication time, site name, author, canonical
URL, language) comes from the page's own <meta>/<link> elements, the date from htmldate when those are
silent. Figure captions (of the <article> when there is one) are read before extraction and taken out of
the body wherever trafilatura left them. The body then goes through the same clutter filter as plain text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from eventwire.errors import ReadError
from eventwire.ingest import clutter, meta
from eventwire.model import Removed

# trafilatura's fast mode (no fallback extractors) measures as well as its default on news pages; its
# metadata pass (authors, categories, tags) costs as much again, so the few fields a report needs are
# read here from the page's own meta tags, and the date with htmldate's shallow search.
_OPTIONS = dict(fast=True, include_comments=False, include_tables=True)
_CAPTIONS = ".//figcaption | .//*[@itemprop='caption' or @class='caption']"
_MAX_CAPTION_WORDS = 80
_MIN_WORDS = 5  # fewer words than a short sentence: a menu or an empty page, not a report
# meta/link keys (name, property, itemprop or rel, lowercased) → report field, best first
_KEYS = {
    "title": ("og:title", "twitter:title", "title"),
    "outlet": ("og:site_name", "application-name"),
    "author": ("author", "article:author"),
    "url": ("canonical", "og:url"),
    "language": ("content-language", "og:locale"),
    "time": ("article:published_time", "datepublished", "pubdate", "publish-date", "date"),
}
_FIELD = {key: (field, rank) for field, keys in _KEYS.items() for rank, key in enumerate(keys)}
_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+|\s+::\s+")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Parsed:
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    credit: str | None
    language: str | None
    text: str
    captions: tuple[str, ...]
    removed: tuple[Removed, ...]


def _text(el) -> str:
    return " ".join(" ".join(el.itertext()).split())


def page_captions(tree) -> list[str]:
    """Figure captions of a page, once each, in page order."""
    out: dict[str, str] = {}
    scopes = tree.xpath("//article") or [tree]
    for el in (el for scope in scopes for el in scope.xpath(_CAPTIONS)):
        text = _text(el)
        if text and 3 <= clutter.words(text) <= _MAX_CAPTION_WORDS:
            out.setdefault(clutter.norm(text), text)
    return list(out.values())


def _prose_share(text: str) -> float:
    """Share of characters in lines that read as prose (eight words or more)."""
    lines = [x for x in text.split("\n") if x.strip()]
    total = sum(len(x) for x in lines) or 1
    return sum(len(x) for x in lines if clutter.words(x) >= 8) / total


def _menu_like(text: str) -> bool:
    """Many lines, hardly any prose: a menu or an index page, not an article block."""
    return text.count("\n") >= 40 and _prose_share(text) < 0.25


def _first(tree, xpath: str) -> str | None:
    for el in tree.xpath(xpath):
        text = _text(el)
        if text:
            return text
    return None


def page_meta(tree) -> dict:
    """Title (and its variants, for finding it in the body), outlet, author, canonical URL, language,
    publication time: one pass over the page's <meta> and <link> elements."""
    found: dict[str, tuple[int, str]] = {}
    for el in tree.iter("meta", "link", "time"):
        a = el.attrib
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or a.get("rel") or "").lower()
        if key not in _FIELD:
            continue
        value = a.get("content") or a.get("href") or a.get("datetime") or ""
        value = " ".join(value.split())
        field, rank = _FIELD[key]
        if value and (field not in found or rank < found[field][0]):
            found[field] = (rank, value)
    info = {field: found[field][1] if field in found else None for field in _KEYS}
    info["language"] = tree.get("lang") or info["language"]
    h1 = _first(tree, "//h1")
    doc_title = _first(tree, "//title")
    titles = [t for t in (info["title"], h1, doc_title) if t]
    # "Headline | Outlet": keep the longest part as a title variant too
    for t in list(titles):
        parts = _SEPARATORS.split(t)
        if len(parts) > 1:
            titles.append(max(parts, key=len))
    title = info["title"]
    if title and len(_SEPARATORS.split(title)) > 1 and h1 and clutter.norm(h1) in clutter.norm(title):
        title = h1
    info["title"] = title or h1 or (max(_SEPARATORS.split(doc_title), key=len) if doc_title else None)
    info["titles"] = titles
    return info


def _published(tree, time: str | None) -> str | None:
    """The page's own publication time, else htmldate's day (shallow search)."""
    found = meta.iso_date(time)
    if found:
        return found
    import htmldate

    try:
        return meta.iso_date(htmldate.find_date(tree, extensive_search=False, original_date=True))
    except Exception:  # htmldate gives up on odd pages; no date is an answer
        return None


def parse(data: bytes | str, *, url: str | None = None, path: str = "-") -> Parsed:
    """Read one HTML page. Raises ReadError when the page is malformed or has no article text."""
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(data)
    except Exception as e:  # lxml raises several kinds on broken input
        raise ReadError(path, f"malformed HTML ({type(e).__name__})") from e
    if tree is None:
        raise ReadError(path, "malformed HTML")
    captions = page_captions(tree)
    info = page_meta(tree)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, **_OPTIONS)
    except Exception as e:
        raise ReadError(path, f"malformed HTML ({type(e).__name__})") from e
    if doc is not None and doc.text and _menu_like(doc.text):
        # fast mode took a navigation-heavy block: ask trafilatura's full, precision-minded pass
        try:
            better = trafilatura.bare_extraction(tree, url=url, include_comments=False, favor_precision=True)
        except Exception:
            better = None
        if better is not None and better.text and _prose_share(better.text) > _prose_share(doc.text):
            doc = better
    if doc is None or not (doc.text or "").strip():
        raise ReadError(path, "no article text")
    lines = doc.text.split("\n")
    title = info["title"]
    # the headline printed again at the top of the body is not body
    removed: list[Removed] = []
    heads = {clutter.norm(t) for t in info["titles"]}
    for i, line in enumerate(lines[:3]):
        if line.strip() and clutter.norm(line) in heads:
            removed.append(Removed(line.strip(), "title"))
            lines[i] = ""
    cleaned = clutter.clean(lines, captions=captions)
    body = cleaned.text
    if clutter.words(body) < _MIN_WORDS:
        raise ReadError(path, "no article text")
    credit = meta.agency(info["author"]) if info["author"] else None
    if credit is None:
        lead = next((x for x in cleaned.lines if x), "")
        credit = meta.credit(lead[:80])
    lang = (info["language"] or "").replace("_", "-").split("-")[0].lower() or None
    return Parsed(
        title=title,
        published=_published(tree, info["time"]),
        outlet=info["outlet"],
        url=url or info["url"],
        credit=credit,
        language=lang if lang and re.fullmatch(r"[a-z]{2}", lang) else meta.language(body),
        text=body,
        captions=_merge(captions, cleaned.captions),
        removed=tuple(removed) + cleaned.removed,
    )


def _merge(*groups) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for group in groups:
        for c in group:
            out.setdefault(clutter.norm(c), c)
    return tuple(out.values())


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "tr", "section", "article"}


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one block per line (for short feed items trafilatura passes over)."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return ""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return "\n".join(" ".join(x.split()) for x in root.text_content().split("\n"))
