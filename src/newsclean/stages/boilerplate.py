"""Ad, UI and structural boilerplate stripping on blocks (every input format)."""

from __future__ import annotations

import itertools
import re

from ..dates import find_dates
from ..document import KEPT_ROLES, Document
from ..rules import COPYRIGHT_OPEN, MAX_PHRASE_WORDS, match_phrase
from ..textutil import is_sentence_like, normalize_key, word_count

__all__ = ["strip_author_bio", "strip_boilerplate"]

_MENU_SEPARATORS = re.compile(r"\s[|•·/»]\s")
_SEPARATOR_CHARS = "|•·/»"
# a word of four or more capitalised parts run together: menu items a copy printed without
# spaces ("HomeNewsSüdtirolChronik"); names and brands have two or three ("McDonald", "YouTube")
# (written from the first lower-to-upper case change, which most positions fail at once: half
# the time of "(?:[A-Z][a-z]+){4,}" on the dev corpus's short blocks, the same matches)
_GLUED_MENU = re.compile(r"[a-zß-ÿ][A-ZÀ-Þ][a-zß-ÿ]+[A-ZÀ-Þ][a-zß-ÿ]+[A-ZÀ-Þ][a-zß-ÿ]")
_COPYRIGHT = re.compile(COPYRIGHT_OPEN, re.IGNORECASE)
_URL_ONLY = re.compile(r"^\s*<?https?://\S+>?\s*$")
_READING_TIME = re.compile(
    r"^\s*(?:(?:reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|lecture|lectura|lettura)\s*:?\s*)?"
    r"\d{1,3}\s*(?:min|mins|minute|minutes|minuten|minutos|minuti|minuut)\.?"
    r"(?:\s*(?:read|reading|lesezeit|lesen|de lecture|de lectura|di lettura))?\s*$",
    re.IGNORECASE,
)
# a lone time, absolute or relative: "12:30", "5 min ago", "vor 2 Std.", "Heute, 12:37 Uhr",
# "il y a 3 heures", "hace 2 horas" (the time of this or another story, never article text)
_TIMESTAMP_ONLY = re.compile(
    r"^\s*[•·|]?\s*(?:"
    r"(?:(?:today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri),?\s*"
    r"(?:at|um|à|a las|alle)?\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?"
    r"|(?:vor|il y a|hace|fa)?\s*\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti|h|hrs?|"
    r"hours?|std|stunden?|heures?|horas?|ore|days?|tagen?|jours?|días?)\.?(?:\s+(?:ago|fa))?"
    r")\s*$",
    re.IGNORECASE,
)
# a live-blog entry header: a time glued to a short label, the text of a <time> and an author or
# "KEY EVENT" element run together ("21:00Jane Doe", "20:42KEY EVENT"); "15.32 Uhr: Headline"
# keeps its space and separator and is not one
_TIMED_LABEL = re.compile(r"^\s*\d{1,2}[:.]\d{2}[^\W\d_][^.!?]{0,40}$")
# an e-mail address: a short block holding one is a contact prompt ("Got a story? Email us at
# news@example.com"), not article text
# (bounded parts keep the search linear on hostile input: one 100k-letter "word")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# "Follow <site> on Google News / X / Instagram ...": a social prompt with the site's name in it
_FOLLOW = re.compile(
    r"^\s*follow\b.{0,60}?\bon (?:google news|google|twitter|x|facebook|instagram|linkedin|threads|"
    r"bluesky|whatsapp|telegram|youtube|tiktok|flipboard)\b",
    re.IGNORECASE,
)
# an embedded post's signature ("— Jane Doe (@janedoe) May 6, 2025") or its picture link
# (the search is tried only on text holding "(@" or "pic.twitter.com", which it needs)
_SOCIAL_EMBED = re.compile(
    r"^\s*[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w{3,9}\.?\s+\d{1,2},\s+\d{4}\s*$|pic\.twitter\.com/\w+"
)
# the header of a comment section: "3 Kommentare", "Comments (12)"
_COMMENT_COUNT = re.compile(
    r"^\s*(?:\d{1,6}\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|"
    r"komentarz[ey]?|yorum)|(?:comments|kommentare|commentaires|comentarios|commenti|reacties)"
    r"\s*\(\d{1,6}\))\s*$",
    re.IGNORECASE,
)
# a reader comment's header, "Name says:" above the comment's date (WordPress and most blog
# engines print "<name> says:" in the site's language): the comments begin
_COMMENT_HEADER = re.compile(
    r"^\s*(?:\d{1,4}\.\s*)?\S.{0,80}?\s(?:says|said|sagt|schreibt|dit|dice|disse|zegt|skriver|"
    r"siger|sanoo|mówi|diyor)\s*:\s*$",
    re.IGNORECASE,
)
# a gallery position ("3/12", "3 / 12"): an image counter, not text
_COUNTER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# a video or audio teaser: its running time closes it ("... 18.04.2024 | 0:21 min")
_MEDIA_DURATION = re.compile(
    r"\|\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:min|std|h)?\.?\s*$", re.IGNORECASE
)

# "READ MORE | Linked headline", "Lesen Sie auch: Linked headline": a label of two to six words,
# a separator, and a link that fills the rest of the block (a read-more line in any language)
_LABEL = re.compile(r"^\s*(\w[^|:»›→]{1,50}?)\s*[|:»›→]\s*(?=\S)")


def _labelled_link(text: str, wc: int, link_density: float) -> bool:
    """A short block made of a label, a separator and one link (the link is the rest)."""
    if wc > 25 or link_density < 0.3:
        return False
    m = _LABEL.match(text)
    if m is None or not 2 <= word_count(m.group(1)) <= 6:
        return False
    # the link text covers (nearly) all that follows the separator
    return link_density * len(text) >= 0.9 * (len(text) - m.end())


def _menu_separators(text: str) -> int:
    """``len(_MENU_SEPARATORS.findall(text))``, 0 without the three separator characters a
    menu line needs (each match holds one of them; counting them is a few scans in C)."""
    if sum(map(text.count, _SEPARATOR_CHARS)) < 3:
        return 0
    return len(_MENU_SEPARATORS.findall(text))


def strip_boilerplate(doc: Document) -> Document:
    """Mark catalogue phrases (ads, UI, share, comments, ...), menus and repeated lines."""
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for b in doc.blocks:
        k = normalize_key(b.text)
        counts[k] = counts.get(k, 0) + 1
    for b in doc.blocks:
        if b.role not in KEPT_ROLES:
            continue
        text = b.text
        wc = word_count(text)
        if wc == 0:
            doc.mark(b, "ui", "no-words")
            continue
        hit = match_phrase(text) if wc <= MAX_PHRASE_WORDS else None
        if hit is not None:
            doc.mark(b, hit.role, hit.reason)
            continue
        if _URL_ONLY.match(text):
            doc.mark(b, "navigation", "bare-url")
            continue
        if _READING_TIME.match(text):
            doc.mark(b, "ui", "reading-time")
            continue
        if wc <= 12 and counts.get(normalize_key(text), 0) >= 3:
            # short lines printed three times or more on one page are labels, not article text
            doc.mark(b, "ui", "repeated-label")
            continue
        if _TIMESTAMP_ONLY.match(text) or (wc <= 5 and _TIMED_LABEL.match(text)):
            doc.mark(b, "ui", "timestamp")
            continue
        if wc <= 40 and "@" in text and _EMAIL.search(text):
            doc.mark(b, "promo", "contact-prompt")
            continue
        if wc <= 40 and _FOLLOW.match(text):
            doc.mark(b, "share", "follow-prompt")
            continue
        if wc <= 60 and ("(@" in text or "pic.twitter.com" in text) and _SOCIAL_EMBED.search(text):
            doc.mark(b, "media", "social-embed")
            continue
        if _COMMENT_COUNT.match(text):
            doc.mark(b, "comments", "comment-count")
            continue
        if _COUNTER.match(text):
            doc.mark(b, "ui", "gallery-counter")
            continue
        if wc <= 60 and _MEDIA_DURATION.search(text):
            doc.mark(b, "media", "media-duration")
            continue
        if (
            wc <= 40
            and (_menu_separators(text) >= 3 or _GLUED_MENU.search(text))
            and not is_sentence_like(text)
        ):
            doc.mark(b, "navigation", "menu-line")
            continue
        if "#" in text and wc <= 25 and _hashtag_line(text):
            doc.mark(b, "related", "tag-list")
            continue
        if _COPYRIGHT.match(text) and wc <= 25:
            doc.mark(b, "footer", "copyright-line")
            continue
        if b.kind != "caption" and (
            (b.link_density >= 0.7 and wc <= 25) or _labelled_link(text, wc, b.link_density)
        ):
            doc.mark(b, "related", "link-line")
            continue
        if wc >= 3:
            key = normalize_key(text)
            if key in seen:
                doc.mark(b, "duplicate", "repeated-line")
                continue
            seen[key] = b.index
    _related_sections(doc)
    _teaser_summaries(doc)
    _comment_headers(doc)
    _embedded_posts(doc)
    _trailing_furniture(doc)
    return doc


def _embedded_posts(doc: Document) -> None:
    """The quote blocks above an embedded post's signature are the post (a tweet quoted in a
    markdown dump: "> text", "> — Jane Doe (@janedoe) May 6, 2025")."""
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.reason != "social-embed" or b.kind != "quote":
            continue
        j = i - 1
        while j >= 0 and blocks[j].kind == "quote" and blocks[j].role in KEPT_ROLES:
            doc.mark(blocks[j], "media", "social-embed")
            j -= 1


def _comment_headers(doc: Document) -> None:
    """A reader comment's header: "Name says:" with a date line under it.

    Like a comment count ("3 comments"), ``select_main_run`` ends the article before it.
    """
    live = [b for b in doc.blocks if b.role in KEPT_ROLES or b.reason == "timestamp"]
    for b, nxt in itertools.pairwise(live):
        if (
            b.role in KEPT_ROLES
            and word_count(b.text) <= 16
            and _COMMENT_HEADER.match(b.text)
            and find_dates(nxt.text)
        ):
            doc.mark(b, "comments", "comment-header")


def _hashtag_line(text: str) -> bool:
    """A line that is mostly hashtags ("Themen #Klima #Energie"): the page's tag list."""
    words = text.split()
    tags = sum(1 for w in words if len(w) > 1 and w[0] == "#" and w[1] != "#")
    return tags >= 2 and tags * 2 >= len(words)


def _teaser_summaries(doc: Document) -> None:
    """A paragraph between a linked headline and a "read more" line is a teaser's summary.

    Development corpus: 7 such paragraphs, none of them article text (a linked heading
    alone before a paragraph is common inside articles, so both sides must match).
    """
    blocks = doc.blocks
    for prev, b, nxt in zip(blocks, blocks[1:], blocks[2:], strict=False):
        if (
            nxt.reason == "ui-text"  # (the rare condition first: most triples stop here)
            and b.kind == "paragraph"
            and prev.kind == "heading"
            and b.role in KEPT_ROLES
            and nxt.role not in KEPT_ROLES
            and prev.role not in KEPT_ROLES
            and prev.link_density >= 0.7
        ):
            doc.mark(b, "related", "teaser-summary")


def _trailing_furniture(doc: Document) -> None:
    """Short non-prose blocks after the article's last prose block are page furniture."""
    live = [b for b in doc.blocks if b.role in KEPT_ROLES]
    last = max((i for i, b in enumerate(live) if is_sentence_like(b.text)), default=-1)
    if last < 0:
        return
    for b in live[last + 1 :]:
        if word_count(b.text) <= 12 and not is_sentence_like(b.text):
            doc.mark(b, "boilerplate", "after-article")


def _related_sections(doc: Document) -> None:
    """Short blocks after a 'related'/'read more' label, up to the next prose, are related."""
    active = False
    for b in doc.blocks:
        if b.reason == "related-links" and word_count(b.text) <= 8:
            active = True
            continue
        if b.role not in KEPT_ROLES:
            continue
        if is_sentence_like(b.text) and b.link_density < 0.5:
            active = False
        elif active:
            doc.mark(b, "related", "related-section")


# an author note closes the article: its first words name an author ("Jane Doe covers
# politics for ...", "Korrespondent Max Muster ist ..."); searched in the last blocks only
_BIO_TAIL = 3
_BIO_WORDS = 80


def strip_author_bio(doc: Document) -> Document:
    """Mark the note about the author at the end of the article (runs after ``find_byline``)."""
    authors = doc.fields.get("authors", (None, ""))[0] or []
    surnames = {normalize_key(str(a)).split()[-1] for a in authors if normalize_key(str(a))}
    if not surnames:
        return doc
    body = [b for b in doc.blocks if b.role in KEPT_ROLES and b.kind != "heading"]
    if len(body) <= _BIO_TAIL:
        return doc  # a short text is all article
    for b in body[-_BIO_TAIL:]:
        words = normalize_key(b.text).split()
        if len(words) <= _BIO_WORDS and surnames & set(words[:4]):
            doc.mark(b, "author-bio", "author-note")
    return doc
