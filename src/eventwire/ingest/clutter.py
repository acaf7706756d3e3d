"""The clutter filter: page furniture out of an article's lines, each removal recorded with its reason.

Shared by the plain-text and the HTML path. It works on line features only (what a line says, how
long it is, whether it reads as a sentence, where it stands relative to the body), never on the words of
one site:

* prompts: subscribe / paywall, sign in, newsletter, share, follow, comment, comment policy,
  advertisement, "read more" and related-article headings, tags, form messages;
* image credits ("Image: Agency/Name", "Photo by …", "File photo") and captions (a line printed twice
  in a row, a line followed by an image credit, a line equal to a known caption);
* repeated lines (a line printed twice in a row);
* head and tail blocks: short non-sentence lines that sit among removed lines before the first or
  after the last body paragraph ("Speech Bubbles" between two comment prompts), and headline lists
  after a "related" heading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.model import Removed

# --- line patterns ----------------------------------------------------------------------------
# Each pattern is tried on a short line (see _MAX_PROMPT_WORDS); the first that matches names the reason.

_I = re.IGNORECASE
_SOCIAL = r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|telegram|tiktok|youtube|reddit|pinterest|threads|bluesky|mastodon|flipboard|e-?mail)"

_PROMPTS: list[tuple[str, re.Pattern[str]]] = [
    ("comment-policy", re.compile(r"\bcomment(?:s|ing)? (?:policy|guidelines|rules)\b|\bcommunity (?:guidelines|standards|rules)\b|\bhouse rules\b|\bmoderation policy\b", _I)),
    ("subscribe", re.compile(
        r"\bsubscri(?:be|bing|ption|ber)s?\b|\bpaywall\b|\bfree trial\b|\bunlimited (?:digital )?access\b"
        r"|\bfor the first (?:month|year|\d+ (?:weeks|months))\b|\bsupport (?:our|independent|quality|local) (?:journalism|reporting|newsroom)\b"
        r"|\bbecome a (?:member|supporter|patron)\b|\bfree articles?\b|\barticles? (?:left|remaining) this month\b"
        r"|\bto (?:continue|keep) reading\b|\bunlock (?:this|the|full|unlimited|all)\b|\bpremium (?:content|article|access)\b"
        r"|\bdonate (?:now|today)\b|\bmake a (?:donation|contribution)\b", _I)),
    ("newsletter", re.compile(r"\bnewsletters?\b|\byour inbox\b|\bthanks? (?:you )?for (?:signing up|subscribing|registering)\b|\bemail alerts?\b|\bdaily (?:briefing|digest) (?:delivered|sent)\b", _I)),
    ("sign-in", re.compile(r"^(?:please )?(?:sign|log) ?(?:in|up|on)\b|\b(?:sign|log)(?:ging)? ?(?:in|up) (?:now|here|to|or|with|for free|today)\b|\bcreate (?:a|an|your) (?:free )?account\b|\bregister (?:now|here|for free|today)\b|\balready (?:registered|a member)\b|\bforgot (?:your )?password\b|\bit'?s quick and free\b", _I)),
    ("comment", re.compile(
        r"\bcomment on this\b|\bleave a (?:comment|reply)\b|\b(?:post|add|write) a comment\b|\bbe the first to comment\b|\bcomments? (?:are|is) (?:closed|disabled|open)\b"
        r"|^(?:\d+\s+)?comments?\s*(?:\(\d+\))?\W*$|\b(?:show|view|load|hide|read|see) (?:all |the )?(?:\d+ )?comments\b|\bjoin the (?:discussion|debate|conversation)\b"
        r"|\bbefore commenting\b|\bwhat do you think\?\s*$|\bhave your say\b|\b(?:share|tell us|give us) your (?:views?|thoughts|opinions?|comments?)\b", _I)),
    ("share", re.compile(
        rf"^(?:share|tweet|e-?mail|print|pin|save|copy(?: link| url)?|{_SOCIAL})(?:\s+(?:this|on|via|article|story|page|link|to|the|it|{_SOCIAL}))*\W*$"
        rf"|\bshare (?:this|on|via|the (?:article|story))\b|\bclick to share\b|\bshare (?:article|story)\b"
        r"|^(?:order )?reprints?\b|^print (?:this )?(?:article|story|page)\W*$", _I)),
    ("form", re.compile(r"^(?:an? )?(?:error|something went wrong)\b.*\b(?:try again|later)\b|^(?:sorry|thank you|thanks)[.!]*$|^please try again\b", _I)),
    ("follow", re.compile(
        rf"\bfollow (?:us|me|@\w+|[\w ]{{1,30}} on {_SOCIAL})\b|\blike us on\b|\bjoin (?:us|our \w+) on {_SOCIAL}\b|\bfind us on\b"
        rf"|^(?:follow|connect|stay connected|get in touch)\W*$|\bon {_SOCIAL} (?:and|&) {_SOCIAL}\b", _I)),
    ("advertisement", re.compile(
        r"^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| post)?|paid (?:content|post|partnership)|promoted(?: content)?|partner content)\W*$"
        r"|\b(?:story|article) continues (?:below|after)\b|\bscroll (?:down )?to continue\b|\bskip (?:this )?ad\b|\breport this ad\b", _I)),
    ("read-more", re.compile(
        r"^(?:read|see|watch|listen)(?: to)? (?:more|also|next|this|the full|our|the latest|now|here)\b|^(?:also|more) (?:read|watch|see)\b"
        r"|^(?:click|tap) here\b|\bcontinue reading\b|\bkeep reading\b|^(?:what to read next|don'?t miss|must read|also on)\b", _I)),
    ("related", re.compile(
        r"^(?:related|recommended|more (?:stories|news|articles|from|on|in)|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories"
        r"|latest (?:news|stories|articles)|editor'?s picks|further reading|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|in other news"
        r"|related (?:articles?|stories|coverage|content|news|topics|reading|links))\b[^.]{0,60}[.…:]*$", _I)),
    # the same prompts in the other languages of the European press, as headings or at a line's start
    ("related", re.compile(r"^(?:notícias relacionadas|noticias relacionadas|artículos relacionados|articles? (?:liés|similaires)|verwandte artikel"
                           r"|ähnliche artikel|articoli correlati|mais lidas|más leídas|les plus lus|meistgelesen)\b[^.]{0,60}$", _I)),
    ("share", re.compile(r"^(?:compartilhe|compartilhar|compartir|comparte|partager|partagez|teilen|condividi)\b[^.]{0,40}$", _I)),
    ("subscribe", re.compile(r"\b(?:assine|assinante|suscríbete|suscribirse|suscriptor|abonnez-vous|abonné|abonnieren|abonnent|abbonati)\b", _I)),
    ("comment", re.compile(r"^(?:\d+\s+)?(?:comentários|comentarios|commentaires|kommentare|commenti)\b", _I)),
    ("advertisement", re.compile(r"^(?:publicidade|publicidad|publicité|anzeige|werbung|pubblicità)\W*$", _I)),
    ("navigation", re.compile(r"^(?:skip to (?:main )?(?:content|navigation|article)|back to (?:top|home)|jump to|go to (?:homepage|top))\b[^.]{0,30}$|^(?:menu|search|home|close)\W*$", _I)),
    ("widget", re.compile(r"^(?:\d+|one|two|three|four|five)[\s-]*(?:min(?:ute)?s?)\.? read\W*$|^listen to (?:this )?(?:article|story|the article)\b|^(?:loading|please wait)\W*$"
                          r"|\b(?:enable|turn on) javascript\b|\bjavascript (?:is )?(?:disabled|required)\b|^report (?:an? )?(?:error|typo|correction)\b", _I)),
    ("cookies", re.compile(r"\bwe use cookies\b|\bcookie (?:policy|settings|preferences|consent)\b|\baccept (?:all )?cookies\b", _I)),
    ("dateline", re.compile(r"^(?:published|updated|posted|last (?:updated|modified))\b\s*:?\s*(?:on |at )?[\w ,:./+-]{0,40}(?:ago|am|pm|[ap]\.m\.|gmt|utc|\d)\W*$", _I)),
    ("tags", re.compile(r"^(?:tags?|topics?|filed under|categories|keywords|more on)\s*(?::|$)", _I)),
]

# A line of five words or more is tried against the patterns only when it holds one of these stems
# (every pattern above needs one); most lines are prose and stop here, cheaply.
_STEMS = tuple("""
comment kommentar coment communit house rules moderation subscri paywall trial unlimited first month support
become free article this month reading unlock premium donat contribution newsletter inbox thank alert daily
sign log account regist already password quick and free reply discussion debate conversation think your say
your view your thought your opinion tell us give us share tweet mail print pin save copy facebook twitter
instagram linkedin whatsapp telegram tiktok youtube reddit pinterest threads bluesky mastodon flipboard click
reprint error wrong sorry try again follow like us join find us connect get in touch advert sponsor paid
promot partner continues scroll skip this ad read see watch listen also more next miss must related recommend
most trending top stories latest pick further you may you might in other news relacionad liés similaires
verwandte ähnliche correlati lidas leídas plus lus meistgelesen compart partag teilen condividi assin suscri
abonn abbonati publicid publicit anzeige werbung pubblicit back to jump go to menu search home close min
loading wait javascript report cookie published updated posted last tag topic filed under categor keyword
""".split("\n")[1:-1])
_STEMS = tuple(w for line in _STEMS for w in line.split())
_MULTIWORD = ("house rules", "first month", "free article", "this month", "quick and free", "your say", "your view",
              "your thought", "your opinion", "tell us", "give us", "try again", "like us", "find us", "get in touch",
              "this ad", "top stories", "you may", "you might", "in other news", "plus lus", "back to", "go to",
              "filed under")
_STEMS = tuple(w for w in _STEMS if not any(w in m.split() for m in _MULTIWORD)) + _MULTIWORD


def _may_prompt(line: str) -> bool:
    if words(line) <= 4:
        return True
    low = line.lower()
    return any(stem in low for stem in _STEMS)

_CREDIT_WORDS = r"(?:image|images|photo|photos|photograph|picture|pic|pics|credit|credits|illustration|file|photo credit|image credit|image source|picture credit)"
_IMAGE_CREDIT = [
    re.compile(rf"^[\[(]?{_CREDIT_WORDS}\s*(?:credit|source)?\s*[:|©]\s*\S.*$", _I),
    re.compile(rf"^[\[(]?(?:{_CREDIT_WORDS}|file photo)\s+(?:by|courtesy(?: of)?|via)\s+\S.*$", _I),
    re.compile(r"^[\[(]?file (?:photo|picture|image)\b\W*[\])]?\s*\.?$", _I),
    re.compile(r"^(?:©\s*)?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}\s*/\s*[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4}\.?$"),
    re.compile(r"\b(?:getty images|shutterstock|alamy|istock(?:photo)?|ap photo|afp via getty|epa-efe|anadolu agency via)\b", _I),
]
_CAPTION_END = re.compile(r"(?:\bfile (?:photo|picture|image)|\b(?:photo|image|picture)\s*:\s*[^.]{1,60})\s*[.)\]]?\s*$", _I)

_MAX_PROMPT_WORDS = 30  # a prompt is short; a longer line is prose even when it names a subscription
_MAX_CREDIT_WORDS = 14
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$|[:;]$")
_ADDRESS = re.compile(
    r"\b(?:you|your|yours|our|us|please)\b|\bfollow (?:her|him|them|me)\b|@\w|^(?:sign|log|subscribe|register|follow|share|join|read|click|tap|download|get"
    r"|support|become|leave|watch|see|listen|like|e-?mail|tweet|print|save|try|enjoy|unlock|continue|want|would|thanks?)\b",
    _I,
)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|reported|announced)\b", _I)


def words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    """Reads as running prose: long enough and ending like a sentence."""
    return words(line) >= 8 and bool(_SENTENCE_END.search(line))


def norm(line: str) -> str:
    """Comparison form of a line: casefolded, single-spaced, plain quotes and dashes."""
    line = line.translate(_PLAIN).casefold()
    return " ".join(line.split())


_PLAIN = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                        "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "\u00a0": " ", "\u202f": " "})


def image_credit(line: str) -> bool:
    if words(line) > _MAX_CREDIT_WORDS:
        return False
    if any(p.search(line) for p in _IMAGE_CREDIT[:4]):
        return True
    return bool(_IMAGE_CREDIT[4].search(line)) and not is_sentence(line)


def prompt(line: str) -> str | None:
    """The reason a line is page furniture on its own, or None."""
    line = " ".join(line.split())  # no-break and odd spaces as plain ones
    n = words(line)
    if n == 0:
        return None
    if image_credit(line):
        return "image-credit"
    if n > _MAX_PROMPT_WORDS:
        return None
    if not _may_prompt(line):
        return None
    if line[:1] in "\"“‘'" or (_REPORTED.search(line) is not None and n > 10):
        return None  # quoted or reported speech is news, whatever it says
    if is_sentence(line) and not _ADDRESS.search(line):
        return None  # prose about subscriptions or comments; a prompt speaks to the reader
    for reason, pattern in _PROMPTS:
        if pattern.search(line):
            return reason
    return None


# --- the filter -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the filter kept (blank lines preserved as ""), the captions it found, what it removed."""

    lines: tuple[str, ...]
    captions: tuple[str, ...]
    removed: tuple[Removed, ...]

    @property
    def text(self) -> str:
        return join_paragraphs(self.lines)


def join_paragraphs(lines: Iterable[str]) -> str:
    """Lines to text: one paragraph per non-blank line, paragraphs apart by one blank line."""
    return "\n\n".join(x.strip() for x in lines if x.strip())


def clean(lines: Sequence[str], *, captions: Iterable[str] = (), detect_captions: bool = True) -> Cleaned:
    """Filter ``lines``; ``captions`` are known captions (from HTML figures) to take out of the body.

    With ``detect_captions`` a line printed twice in a row, or followed by an image credit, or ending in
    "File photo", is a caption: one copy goes to ``captions``, none stays in the body.
    """
    lines = [x.strip() for x in lines]
    n = len(lines)
    reason: list[str | None] = [prompt(x) if x else None for x in lines]
    keys = [norm(x) for x in lines]
    known = {norm(c): c for c in captions if c.strip()}
    found: dict[str, str] = {}

    def caption(i: int) -> None:
        found.setdefault(keys[i], lines[i])
        reason[i] = "caption"

    nonblank = [i for i in range(n) if lines[i]]
    nxt = dict(itertools.pairwise(nonblank))

    first_prose = next((i for i in nonblank if reason[i] is None and is_sentence(lines[i])), n)
    for i in nonblank:
        if reason[i]:
            continue
        key = keys[i]
        if key in known:
            caption(i)
            continue
        if not detect_captions or words(lines[i]) < 4:
            continue
        j = nxt.get(i)
        twice = j is not None and keys[j] == key
        after = nxt.get(j) if twice else j
        credited = after is not None and reason[after] == "image-credit"
        marked = credited or _CAPTION_END.search(lines[i]) is not None
        # printed twice before the body starts, or marked as a photo's: a caption. A paragraph printed twice
        # inside the body is a repeat (one copy stays), handled below.
        if marked or (twice and i < first_prose):
            caption(i)
            if twice:
                reason[j] = "caption"
                k = nxt.get(j)
                if k is not None and keys[k] == key:
                    reason[k] = "caption"

    # repeated lines: a line printed twice in a row (a list or a table may repeat lines further apart)
    prev = None
    for i in nonblank:
        key = keys[i]
        if reason[i] is None and words(lines[i]) >= 3 and key == prev:
            reason[i] = "repeated"
        prev = key

    _blocks(lines, reason, nonblank)

    kept = tuple(x if not reason[i] else "" for i, x in enumerate(lines))
    removed = tuple(Removed(lines[i], r) for i, r in enumerate(reason) if r)
    caps = tuple(found.values())
    # a caption printed twice is recorded once in captions, and each copy once in removed
    return Cleaned(kept, caps, removed)


def _blocks(lines: list[str], reason: list[str | None], nonblank: list[int]) -> None:
    """Head/tail blocks: short non-sentence lines among removed lines outside the body; related lists."""
    body = [i for i in nonblank if reason[i] is None and is_sentence(lines[i]) and words(lines[i]) >= 12]
    if not body:
        return
    first, last = body[0], body[-1]

    def short(i: int) -> bool:
        return reason[i] is None and words(lines[i]) <= 6 and not _SENTENCE_END.search(lines[i])

    outside = [i for i in nonblank if i < first or i > last]
    # a short line with removed lines (or the page edge) on both sides is part of the block
    for order in (range(len(outside)), range(len(outside) - 1, -1, -1)):  # two sweeps, not a fixpoint
        for pos in order:
            i = outside[pos]
            if not short(i):
                continue
            before = outside[pos - 1] if pos > 0 else None
            after = outside[pos + 1] if pos + 1 < len(outside) else None
            edge_before = before is None or (i > last and before < last) or reason[before] is not None
            edge_after = after is None or (i < first and after > first) or reason[after] is not None
            touches = (before is not None and reason[before] is not None) or (after is not None and reason[after] is not None)
            if edge_before and edge_after and touches:
                reason[i] = "block"
    # after a related / read-more heading in the tail, headline-like lines are the list it introduces
    tail = [i for i in nonblank if i > last]
    listing = False
    for i in tail:
        if reason[i] in ("related", "read-more", "tags"):
            listing = True
            continue
        if listing and reason[i] is None and "," in lines[i] and not _SENTENCE_END.search(lines[i]):
            reason[i] = "tags"
            continue
        if listing and reason[i] is None:
            if words(lines[i]) <= 20 and not is_sentence(lines[i]):
                reason[i] = "related"
            else:
                listing = False
