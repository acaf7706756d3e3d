"""Plain text → title, dateline, byline credit and a clean body.

A plain-text report is laid out as a page would print it: a headline, perhaps a dateline and byline,
page clutter, the body in paragraphs, more clutter. The head is read for metadata; every line then goes
through the clutter filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.ingest import clutter, meta
from eventwire.model import Removed

_HEAD_LINES = 8  # metadata lines are looked for this far into the text
_BYLINE = re.compile(r"^\s*(?:by|from|words by|reporting by)\s+\S", re.IGNORECASE)
_DATE_WORDS = re.compile(r"\b(?:published|updated|posted|last updated|first published|on)\b\s*:?", re.IGNORECASE)
# a line that is only the page's address, as scrapers save it first ("https://…", "www.…"), also when a
# tokeniser has spaced it out ("http : / / www . example . com / 2013 / 05 / story")
_URL_LINE = re.compile(r"^(?:https?\s*:\s*/\s*/|www\s*\.)\s*[\w-]+(?:\s*\.\s*[\w-]+)+(?:\s*[/?#]\S*(?:\s+\S+)*)?$",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Parsed:
    title: str | None
    published: str | None
    credit: str | None
    text: str
    captions: tuple[str, ...]
    removed: tuple[Removed, ...]
    url: str | None = None


def url_line(line: str) -> str | None:
    """The address a line holds when it holds nothing else (spaces a tokeniser put in taken out)."""
    if len(line) > 2000 or not _URL_LINE.match(line):
        return None
    if " " in line and not re.search(r"[:/.]\s", line):
        return None  # words after an address: prose, not a bare address
    url = re.sub(r"\s+", "", line)
    return url if url.lower().startswith("http") else "http://" + url


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return [line.strip() for line in text.split("\n")]


def looks_like_headline(line: str, following: str) -> bool:
    """A first line that is short and does not read as prose, set off by a blank or a dateline."""
    n = clutter.words(line)
    if not 1 <= n <= 25 or len(line) > 200:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if clutter.prompt(line) or (meta.find_date(line) and n <= 8) or _BYLINE.match(line) or meta.credit(line):
        return False
    return following == "" or meta.find_date(following) is not None or bool(_BYLINE.match(following))


def head_meta(line: str) -> tuple[str | None, str | None, bool]:
    """(published, credit, is a metadata line) for one line of the head."""
    found = meta.find_date(line)
    published = None
    rest = line
    if found:
        published, (a, b) = found
        rest = (line[:a] + " " + line[b:]).strip()
        rest = _DATE_WORDS.sub(" ", rest).strip(" -–—|,·•")
    credit = meta.credit(rest) if rest else None
    byline = bool(_BYLINE.match(rest)) and clutter.words(rest) <= 10
    only_date = found is not None and (not rest or clutter.words(rest) <= 2 and not rest[-1:].isalpha())
    if found and not rest:
        only_date = True
    is_meta = only_date or (found is not None and (byline or credit is not None)) or (byline and not clutter.is_sentence(rest))
    if found and not is_meta and clutter.words(line) > 12:
        published = None  # a date inside a sentence is not the publication date
    return published, credit, is_meta


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of one paragraph (a line broken mid-sentence, the next lowercase)."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and len(out[-1]) >= 50 and not re.search(r"[.!?:\"”’)]$", out[-1]) and line[0].islower():
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def parse(text: str) -> Parsed:
    lines = unwrap(split_lines(text))
    nonblank = [i for i, x in enumerate(lines) if x]
    title = None
    removed_meta: list[Removed] = []
    published = credit = None
    if not nonblank:
        return Parsed(None, None, None, "", (), ())
    url = url_line(lines[nonblank[0]])
    if url is not None:  # the page's address saved above the headline: metadata, not text
        removed_meta.append(Removed(lines[nonblank[0]], "url"))
        lines[nonblank[0]] = ""
        nonblank = nonblank[1:]
        if not nonblank:
            return Parsed(None, None, None, "", (), tuple(removed_meta), url)
    first = nonblank[0]
    following = lines[first + 1] if first + 1 < len(lines) else ""
    if len(nonblank) > 1 and looks_like_headline(lines[first], following):  # a lone line is the text
        title = lines[first]
        lines[first] = ""
    # the head: dateline and byline lines before the body
    for i in [j for j in nonblank if lines[j]][:_HEAD_LINES]:
        if clutter.is_sentence(lines[i]) and clutter.words(lines[i]) >= 15:
            break
        pub, cred, is_meta = head_meta(lines[i])
        if is_meta:
            published = published or pub
            credit = credit or cred
            reason = "byline" if cred or _BYLINE.match(lines[i]) else "dateline"
            removed_meta.append(Removed(lines[i], reason))
            lines[i] = ""
    cleaned = clutter.clean(lines)
    body = cleaned.text
    if credit is None:
        # a dateline credit at the start of the body: "MOSCOW (Reuters) - …"
        lead = next((x for x in cleaned.lines if x), "")
        credit = meta.credit(lead[:80])
    return Parsed(title, published, credit, body, cleaned.captions, tuple(removed_meta) + cleaned.removed, url)
