"""Main-content selection: on the tree when there is one, on the block sequence otherwise."""

from __future__ import annotations

import json
import re
from typing import Any

from ..document import KEPT_ROLES, METADATA_ROLES, Block, Document
from ..readers.html import parse_html, text_of
from ..rules import class_tokens, hints
from ..textutil import is_sentence_like, normalize_key, text_length, word_count

__all__ = ["follow_article_body", "select_content", "select_main_run"]

# tags whose block is a paragraph itself: its score goes to the parent container
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "td", "dd", "h2", "h3", "h4"})
# negative words that name page layout more often than boilerplate: no score penalty
_LAYOUT_WORDS = frozenset({"sidebar", "aside", "rail", "widget"})


def _container_scores(
    blocks: list[Block], root: Any, walked: list[Any] | None = None
) -> tuple[dict[Any, float], dict[Any, list[int]]]:
    """Readability-style scores: each prose block credits its container and two ancestors.

    Also returns, per element, [total chars, link chars, prose chars] of the blocks below it,
    summed bottom-up in one pass over the tree (linear in the number of elements).
    ``walked``, the elements the reader's walk entered in document order, stands in for the
    whole tree: every element with blocks below it is one of them (the others get no size).
    """
    scores: dict[Any, float] = {}
    own: dict[Any, list[int]] = {}
    for b in blocks:
        el = b.extra.get("el")
        if el is None:
            continue
        n = len(b.text)
        prose = n if (n >= 60 and b.link_density < 0.35 and b.kind != "caption") else 0
        links = int(n * b.link_density)
        s = own.get(el)
        if s is None:
            own[el] = [n, links, prose]
        else:
            s[0] += n
            s[1] += links
            s[2] += prose
        if b.kind in ("heading", "caption") or n < 25 or b.link_density > 0.5:
            continue
        s_val = 1.0 + b.text.count(",") + b.text.count("，") + b.text.count("、") + min(n // 100, 3)
        node = el.getparent() if b.extra.get("tag") in _PARAGRAPH_TAGS else el
        for div in (1.0, 2.0, 3.0):
            if node is None:
                break
            scores[node] = scores.get(node, 0.0) + s_val / div
            node = node.getparent()
    # reversed pre-order visits every element after all of its descendants
    sizes: dict[Any, list[int]] = {}
    for el in reversed(walked if walked is not None else list(root.iter())):
        s = own.get(el)
        if s is None:
            continue
        sizes[el] = s
        parent = el.getparent()
        if parent is not None:
            p = own.get(parent)
            if p is None:
                own[parent] = [s[0], s[1], s[2]]
            else:
                p[0] += s[0]
                p[1] += s[1]
                p[2] += s[2]
    return scores, sizes


# an article container scoring at least this share of the best comment container wins
# (development corpus: a markdown page whose one long comment outscored the article)
_COMMENT_RIVAL_SHARE = 0.25
# a whole class or id word naming a comment section ("comments", "community",
# "comment-section"); not a state flag on the article such as "comments-enabled"
_COMMENT_SECTION = re.compile(
    r"^(?:comments?|community|discussion|forum)(?:[-_]?(?:section|area|list|container|wrapper|"
    r"block|thread|box|module|widget))?$",
    re.IGNORECASE,
)


def _names_comments(el: Any) -> bool:
    """True when the element's own class or id names a comment section."""
    for attr in (el.get("class"), el.get("id")):
        if attr and any(_COMMENT_SECTION.match(w) for w in attr.split()):
            return True
    return False


def _in_comments(el: Any, *, itself: bool = False) -> bool:
    """True when an ancestor's (or, with ``itself``, the element's own) class or id names a
    comment section ("comments", "community")."""
    node = el if itself else el.getparent()
    while node is not None:
        if _names_comments(node):
            return True
        node = node.getparent()
    return False


def _hint_factor(el: Any) -> float:
    h = hints()
    attrs = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    if not attrs:
        return 1.0
    toks = class_tokens(attrs)
    # (set operations in C: any() over generators cost a Python frame a token)
    if not h.positive.isdisjoint(toks):
        return 1.25
    if not h.negative.keys().isdisjoint(set(toks) - _LAYOUT_WORDS):
        return 0.5
    return 1.0


def select_content(doc: Document) -> Document:
    """Mark blocks outside the article's container as boilerplate (tree inputs only)."""
    if doc.tree is None or not doc.blocks:
        return doc
    walked = doc.flags.get("walked")
    scores, sizes = _container_scores(
        doc.blocks, doc.tree, walked[1] if walked and walked[0] is doc.tree else None
    )
    if not scores:
        return doc
    ranked: list[tuple[float, Any]] = []
    for el, s in scores.items():
        tot, links, _prose = sizes.get(el, [1, 0, 0])
        ranked.append((s * (1.0 - links / max(1, tot)) * _hint_factor(el), el))
    ranked.sort(key=lambda r: r[0], reverse=True)
    best_score, best = ranked[0]
    if best_score <= 0:
        return doc
    # readers' comments can outweigh a short article: a container inside a comment section
    # gives way to the best one outside it, when that one scores a fair share of it
    if _in_comments(best):
        for score, el in ranked:
            if score < _COMMENT_RIVAL_SHARE * ranked[0][0]:
                break
            if not _in_comments(el):
                best_score, best = score, el
                break
    # climb while the parent adds little prose: wrappers that also hold headline, lead,
    # subheadings; stop before a parent that brings in a page's worth of other text
    node = best
    while True:
        parent = node.getparent()
        if parent is None:
            break
        cur, par = sizes.get(node, [0, 0, 0]), sizes.get(parent, [0, 0, 0])
        # calibrated on the development corpus (HTML body F1)
        if par[2] <= cur[2] * 1.15 + 200 and par[0] - cur[0] <= max(600, 0.35 * cur[0]):
            node = parent
        else:
            break
    main = {node}
    parent = node.getparent()
    if parent is not None:
        threshold = max(10.0, best_score * 0.2)
        # siblings of the node's own tag and class are segments of the same article (pages
        # that cut it between ad slots): their prose share may be lower (a video, captions;
        # development corpus: one page's first segment had 0.62, and no other page changed)
        twin = (node.tag, node.get("class")) if node.get("class") else None
        # siblings share their ancestors: those are looked at once, each sibling only itself
        if not _in_comments(parent, itself=True):
            for sib in parent:
                if sib is node or not isinstance(sib.tag, str) or _names_comments(sib):
                    continue
                sc = scores.get(sib, 0.0)
                tot, links, prose = sizes.get(sib, [0, 0, 0])
                share = 0.5 if twin == (sib.tag, sib.get("class")) else 0.7
                if sc * (1.0 - links / max(1, tot)) >= threshold or (
                    prose >= 80 and links / max(1, tot) < 0.25 and prose >= share * tot
                ):
                    main.add(sib)
        _fill_gaps(parent, main, sizes)
    inside: set[Any] = set()
    for m in main:
        inside.update(m.iter())
    main_depth = _depth(node)
    main_prose = sum(sizes.get(m, [0, 0, 0])[2] for m in main)
    doc.flags["main_selected"] = True
    for b in doc.blocks:
        el = b.extra.get("el")
        if el is None:
            continue
        if el in inside:
            # a boilerplate word inside the article counts only on a container that holds
            # little of the article's prose (layout words like "body-with-sidebar" do not)
            neg = [
                w
                for d, w, hel in b.extra.get("neg", ())
                if d > main_depth and sizes.get(hel, [0, 0, 0])[2] < 0.3 * main_prose
            ]
            if neg:
                role, reason = hints().negative.get(neg[-1], ("boilerplate", "class-hint"))
                if b.kind != "caption":
                    doc.mark(b, role, reason)
            continue
        if b.kind == "caption":
            continue
        words = b.hint_words
        if words:
            role, reason = hints().negative.get(words[-1], ("boilerplate", "outside-main-content"))
            doc.mark(b, role, reason)
        else:
            doc.mark(b, "boilerplate", "outside-main-content")
    return doc


def _fill_gaps(parent: Any, main: set[Any], sizes: dict[Any, list[int]]) -> None:
    """Siblings between two chosen ones join them unless they are mostly links or named junk.

    Pages that wrap every paragraph in its own container leave a paragraph with an in-text
    link out of the sibling test above; between two article siblings it is article text
    (development corpus: HTML body recall).
    """
    kids = [k for k in parent if isinstance(k.tag, str)]
    picked = [i for i, k in enumerate(kids) if k in main]
    if len(picked) < 2:
        return
    for k in kids[picked[0] + 1 : picked[-1]]:
        tot, links, _prose = sizes.get(k, [0, 0, 0])
        if k not in main and tot and links < 0.5 * tot and _hint_factor(k) >= 1.0:
            main.add(k)


def _depth(el: Any) -> int:
    d = 0
    node = el.getparent()
    while node is not None:
        d += 1
        node = node.getparent()
    # block frames count depth from <html> (0); elements from the root as well
    return d


_SUBHEADING_COST = -10.0


def _sections(blocks: list[Block]) -> list[int]:
    """Per block, the number of prose paragraphs (at most 2) that follow it before a heading."""
    out = [0] * len(blocks)
    count = 0
    for i in range(len(blocks) - 1, -1, -1):
        out[i] = count
        b = blocks[i]
        if b.kind == "heading":
            count = 0
        elif b.role in KEPT_ROLES and is_sentence_like(b.text):
            count = min(count + 1, 2)
    return out


def _run_score(b: Block, section: int) -> float:
    """Score of a block for the main run: long prose gains, everything else costs.

    Calibrated on the text copies of the development corpus (body F1 0.903 -> 0.914 when
    short prose was made to count a little instead of costing): a teaser (headline, one
    sentence, a comment count) sums near zero, an article paragraph well above.
    """
    if b.role not in KEPT_ROLES or b.kind == "caption":
        # known junk (catalogue phrase) or a figure caption: it does not split the article
        return -5.0
    n = len(b.text)
    if n < 800:  # (the weights stop growing at 800; text_length is never below len)
        n = text_length(b.text)
    if is_sentence_like(b.text):
        if b.link_density < 0.5:
            return float(max(min(n, 800) - 80, 5))
        if word_count(b.text) >= 25:
            # a long sentence dense with links (names, places linked to topic pages) is
            # article prose that counts less, not a teaser: short link lines are gone already
            return max(min(n, 800) - 80, 5) * (1.0 - b.link_density)
    if _section_heading(b, section):
        return _SUBHEADING_COST
    return -(50.0 + min(n, 200) / 3)


def _section_heading(b: Block, section: int) -> bool:
    """A subheading over two prose paragraphs or more: expected inside an article.

    It costs little in the run, so sections of short paragraphs stay; a teaser's heading
    over one summary line keeps its full cost (development corpus: HTML body F1 0.966 ->
    0.968).
    """
    return (
        b.kind == "heading"
        and b.role in KEPT_ROLES
        and b.link_density < 0.5
        and section >= 2
        and not is_sentence_like(b.text)
    )


def _cut_at_related(blocks: list[Block], start: int, end: int) -> int:
    """End the run before a 'related'/'more on this' label that teasers follow.

    After such a label the prose is teasers: clearly shorter than the article's paragraphs
    (calibrated on the development corpus: a label with at least three article paragraphs
    before it, and prose after it averaging under 70 % of the length before). Counts and
    lengths of prose come from running sums, so the cut is linear in the run's length.
    """
    # count[k], chars[k]: prose blocks and their characters in blocks[start : start + k]
    count, chars = [0], [0]
    for b in blocks[start : end + 1]:
        prose = b.role in KEPT_ROLES and is_sentence_like(b.text)
        count.append(count[-1] + prose)
        chars.append(chars[-1] + (len(b.text) if prose else 0))
    for i in range(start, end + 1):
        b = blocks[i]
        k = i - start
        n_before = count[k]
        if b.reason in ("comment-count", "comment-header"):
            # a comment section's header: readers' comments follow, not the article
            if n_before >= 3:
                return i - 1
            continue
        if b.reason != "related-links" or n_before < 3 or word_count(b.text) > 8:
            continue
        n_after = count[-1] - count[k + 1]
        if n_after <= (1 if b.stage == "select_content" else 0):
            return i - 1
        if b.stage == "select_content":
            # a box its class words delimit, not a label: the article may go on after it
            # (one stray prose line after it is page furniture, such as a "filed under" line)
            continue
        mean_after = (chars[-1] - chars[k + 1]) / n_after
        if mean_after < 0.7 * chars[k] / n_before and not _prose_follows(blocks, i, end):
            return i - 1
    return end


def _prose_follows(blocks: list[Block], i: int, end: int) -> bool:
    """True when the two blocks after a label are prose in a row: the article goes on.

    Teasers after a label alternate a headline and a summary (or are bare headlines); a
    "read also" line dropped between two article paragraphs is followed by more of them.
    Removed lines are passed over, except a related link or heading between the two: that
    is a teaser's headline between summaries (development corpus: an author bio, then a
    linked headline and its summary after "Keep Reading").
    """
    after: list[Block] = []
    for b in blocks[i + 1 : min(end, i + _FOLLOW_REACH) + 1]:
        if b.role not in KEPT_ROLES:
            if after and (b.role == "related" or b.kind == "heading"):
                return False
            continue
        after.append(b)
        if len(after) == 2:
            break
    return len(after) == 2 and all(is_sentence_like(b.text) for b in after)


_FOLLOW_REACH = 40  # blocks looked at after a label (share rows and ads in between)


def select_main_run(doc: Document) -> Document:
    """Keep the densest run of prose blocks; mark what lies before and after.

    On text it is the main-content selection; after ``select_content`` on a tree it trims
    what the container still holds around the article (measured on the development corpus:
    HTML body F1 0.948 -> 0.956, markdown 0.924 -> 0.938). Blocks that JSON-LD articleBody
    confirmed stay.
    """
    if not doc.blocks:
        return doc
    blocks = doc.blocks
    best_sum, best = 0.0, (0, -1)
    cur_sum, cur_start = 0.0, 0
    sections = _sections(blocks)
    for i, b in enumerate(blocks):  # maximum-sum contiguous run (Kadane), linear
        s = _run_score(b, sections[i])
        if cur_sum <= 0:
            cur_sum, cur_start = s, i
        else:
            cur_sum += s
        if cur_sum > best_sum:
            best_sum, best = cur_sum, (cur_start, i)
    start, end = best
    if end < 0:
        return doc
    if start > 0 and _section_heading(blocks[start - 1], sections[start - 1]):
        start -= 1  # the run opens with the subheading of its first section
    end = _cut_at_related(blocks, start, end)
    doc.flags["main_run"] = (start, end)
    for i, b in enumerate(blocks):
        if (
            b.role not in KEPT_ROLES
            or start <= i <= end
            or b.reason in ("in-article-body", "article-lead")
        ):
            continue
        doc.mark(b, "boilerplate", "before-article" if i < start else "after-article")
    return doc


# articleBody shorter than this is a teaser, not the article (development corpus: full
# articleBody values are 1.2k-32k characters, teasers under 400)
_MIN_ARTICLE_BODY = 800
_IN_BODY = 0.6  # share of a block's word trigrams found in articleBody to count as in it


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = normalize_key(text).split()
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


#: reasons of boxes that sit inside the article container but are not its text
_ASIDE_REASONS = frozenset({"fact-box"})


def follow_article_body(doc: Document) -> Document:
    """Where the page's structured data carries the article text, let it decide the body.

    Blocks of five words or more count as article text when most of their word trigrams are
    in JSON-LD ``articleBody``; headings and short lines are left to the other stages.
    """
    if doc.tree is None:
        return doc
    bodies = [c.value for c in doc.get("article_body") if isinstance(c.value, str)]
    if not bodies or len(bodies[0]) < _MIN_ARTICLE_BODY:
        _body_from_page_state(doc)
        return doc
    grams = _trigrams(bodies[0])
    seen: set[tuple[str, ...]] = set()
    for b in doc.blocks:
        if word_count(b.text) < 5 or b.kind == "heading":
            continue
        mine = _trigrams(b.text)
        inside = len(mine & grams) >= _IN_BODY * len(mine)
        if inside:
            seen |= mine & grams
            # only the structural stages ran so far; articleBody outranks their guesses, but
            # not a box the page itself names as a fact box: articleBody is often every text
            # of the content container (development corpus: HTML body precision)
            if b.reason not in _ASIDE_REASONS:
                doc.mark(b, "body", "in-article-body")
        elif not inside and b.role in KEPT_ROLES and b.kind != "caption":
            doc.mark(b, "boilerplate", "not-in-article-body")
    doc.flags["article_body_used"] = True
    _keep_lead(doc)
    if len(seen) < 0.3 * len(grams):
        # the page shows little of the article (a script-rendered shell, a teaser page):
        # the structured data's text is the article
        _blocks_from_article_body(doc, bodies[0])
    return doc


# a standfirst is one to four short prose blocks (a paragraph, or key-point bullets) between the
# headline and the article text; 100 words bounds one block (development corpus: leads are
# 12-70 words, key-point bullets 10-30)
_LEAD_BLOCKS = 4
_LEAD_WORDS = 100
_LEAD_WINDOW = 15  # blocks searched back from the article text for the headline


def _keep_lead(doc: Document) -> None:
    """Keep the standfirst that structured data often leaves out of ``articleBody``.

    The lead sits between the headline (a level 1-2 heading) and the first block found in
    ``articleBody``, with only short lines (byline, date, share buttons, captions) around it.
    """
    first = next((b.index for b in doc.blocks if b.reason == "in-article-body"), None)
    if first is None:
        return
    titles = {normalize_key(c.value) for c in doc.get("title") if isinstance(c.value, str)}
    lead: list[Block] = []
    for b in reversed(doc.blocks[max(0, first - _LEAD_WINDOW) : first]):
        words = word_count(b.text)
        # the headline: a top-level heading that reads like one ("More videos" does not)
        if (
            b.kind == "heading"
            and 0 < b.level <= 2
            and (words >= 4 or normalize_key(b.text) in titles)
        ):
            break
        if (
            b.reason == "not-in-article-body"
            and b.kind != "caption"
            and 5 <= words <= _LEAD_WORDS
            and is_sentence_like(b.text)
        ):
            if len(lead) == _LEAD_BLOCKS:
                return
            lead.append(b)
        elif words >= 15 and b.kind != "caption" and b.role not in METADATA_ROLES:
            return  # other prose between the headline and the article: no lead to keep
    else:
        return  # no headline found above the article text
    for b in lead:
        doc.mark(b, "body", "article-lead")


def _blocks_from_article_body(
    doc: Document,
    body: str,
    where: str = "json-ld:articleBody",
    reason: str = "from-article-body",
) -> None:
    for b in doc.blocks:
        if b.role in KEPT_ROLES or b.reason == "in-article-body":
            doc.mark(b, "boilerplate", "not-in-article-body")
    for part in body.split("\n"):
        text = " ".join(part.split())
        if text:
            b = Block(index=len(doc.blocks), text=text, where=where)
            doc.blocks.append(b)
            doc.mark(b, "body", reason)
    doc.notes.append(f"body taken from {where}: the page shows little of it")


# A script-rendered page (Next.js, Nuxt, ...) shows no article text but ships it in a JSON state
# object: its longest prose string, or its longest list of paragraph strings, is the article
# when the visible page has less than _SHELL_PROSE characters of prose
_SHELL_PROSE = 200
_STATE_MIN = 300  # characters (and three sentences): shorter state text is a teaser
_STATE_NODES = 200_000  # JSON values looked at, at most (a state object can be megabytes)
_STATE_KEYS = ("text", "content", "html", "value", "body")
_SENTENCE_ENDS = re.compile(r"[.!?。！？][\"”’»)]?(?:\s|<|$)")


def _body_from_page_state(doc: Document) -> None:
    """The article text of an empty shell page, from a JSON state script (reason
    ``from-page-state``); nothing when the page shows prose or no state holds an article."""
    shown = sum(
        len(b.text) for b in doc.blocks if b.role in KEPT_ROLES and is_sentence_like(b.text)
    )
    if shown >= _SHELL_PROSE:
        return
    best, where = "", ""
    for el in doc.tree.iter("script"):
        # JSON-LD was read with the metadata (its articleBody is handled above)
        if (el.get("type") or "").lower().strip() != "application/json":
            continue
        if not el.text or len(el.text) < _STATE_MIN:
            continue
        try:
            data = json.loads(el.text)
        except (ValueError, RecursionError):
            continue
        text = _state_text(data)
        if len(text) > len(best):
            best, where = text, f"script#{el.get('id')}" if el.get("id") else "script"
    if len(best) >= _STATE_MIN and len(_SENTENCE_ENDS.findall(best)) >= 3:
        _blocks_from_article_body(doc, best, f"json-state:{where}", "from-page-state")


def _state_text(data: Any) -> str:
    """The longest prose in a JSON value: one string, or a list of paragraph strings."""
    best = ""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack and seen < _STATE_NODES:
        obj, depth = stack.pop()
        seen += 1
        if depth > 40:
            continue
        if isinstance(obj, str):
            if len(obj) > len(best):
                best = obj
        elif isinstance(obj, dict):
            stack.extend((v, depth + 1) for v in obj.values())
        elif isinstance(obj, list):
            parts = [_paragraph_of(x) for x in obj]
            joined = "\n".join(p for p in parts if p)
            if len(joined) > len(best) and sum(1 for p in parts if p) >= 2:
                best = joined
            stack.extend((v, depth + 1) for v in obj)
    return _html_to_lines(best) if "<" in best and "</" in best else best


def _paragraph_of(item: Any) -> str:
    """A list item's paragraph text: the item itself, or its text/content/html field."""
    if isinstance(item, str):
        return item if len(item) >= 40 else ""
    if isinstance(item, dict):
        for key in _STATE_KEYS:
            v = item.get(key)
            if isinstance(v, str) and len(v) >= 40:
                return v
    return ""


def _html_to_lines(markup: str) -> str:
    """The texts of an HTML fragment's top-level elements (and the text between them), one per
    line."""
    root = parse_html("<html><body>" + markup + "</body></html>")
    body = root.find("body") if root is not None else None
    if body is None:
        return markup
    lines = [body.text or ""]
    for child in body:
        lines += [text_of(child), child.tail or ""]
    return "\n".join(x for x in lines if x.strip())
