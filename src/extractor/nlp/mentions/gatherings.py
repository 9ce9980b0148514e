"""Gatherings named by their shape rather than by a capitalized head: a gathering noun with
the multilateral body that holds it ("the 38th Ordinary Session of the AU Assembly", "the
extraordinary summit of the Arab League", "the ministerial meeting of the Group of 77"),
and a numbered meeting of a body ("COP29"). A gathering of more than two states is a
HOSTED_EVENT (EVENTS.md 3.6), so only names that hold an organisation or a body of states
are kept.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extractor.nlp.mentions.base import Mention
from extractor.nlp.words import country_code, doc_words
from extractor.vocab import words

_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
_NUMBERED = re.compile(r"([A-Za-z]{2,4})-?(\d{1,3})")
_DIGITS_DASH = re.compile(r"-?\d+$")


def _modifier(doc: Doc, k: int) -> bool:
    """A word that stands before the head inside the name ("38th", "Ordinary", "informal")."""
    t = doc[k]
    if _ORDINAL.fullmatch(t.lower_) or t.lower_ in words("gathering_modifiers"):
        return True
    if t.text == "-":
        return not t.whitespace_ and k > 0 and not doc[k - 1].whitespace_
    return t.text[:1].isupper() and t.is_alpha and not t.is_sent_start and t.pos_ != "DET"


def _named(t_text: str) -> bool:
    return t_text[:1].isupper() or t_text[:1].isdigit()


def _dating(t: Token) -> bool:
    """A date word, not a group's number ("the Group of 77" is often tagged a DATE)."""
    return t.ent_type_ in ("DATE", "TIME") and not (t.text.isdigit() and len(t.text) <= 3)


def _body_end(doc: Doc, k: int, sent: Span) -> int:
    """The end of a capitalized body's name starting at k ("the Group of 77 and China",
    "the Conference of the Parties to the X Convention"); k when none starts there."""
    e = k
    while e < sent.end:
        t = doc[e]
        if _named(t.text) and not _dating(t):
            e += 1
            continue
        nxt = e + 2 if e + 1 < sent.end and doc[e + 1].lower_ == "the" else e + 1
        joins = e > k and t.lower_ in words("body_name_joiners")
        if joins and nxt < sent.end and _named(doc[nxt].text):
            if _dating(doc[nxt]):
                break  # "the summit of the AU on Monday": no part of the name
            e = nxt
            continue
        break
    if e + 2 < sent.end and doc[e].text == "(" and doc[e + 2].text == ")":
        e += 3  # "(IRENA)"
    return e


def _of_body(doc: Doc, i: int, sent: Span) -> tuple[int, int] | None:
    """ "the extraordinary summit of the Arab League": (start, end) of the gathering's name."""
    k = i + 1
    if k >= sent.end or doc[k].lower_ != "of":
        return None
    k += 1
    if k < sent.end and doc[k].lower_ == "the":
        k += 1
    end = _body_end(doc, k, sent)
    if end == k:
        return None
    b = i
    while b - 1 >= sent.start and _modifier(doc, b - 1):
        b -= 1
    return b, end


def countries_named(span: Span) -> set[str]:
    """The countries a name names ("Norway-Chile" -> NOR, CHL)."""
    return {code for t in span if (code := country_code(t.text))}


def is_multilateral(span: Span) -> bool:
    """A gathering or body of more than two states: an organisation's name or acronym, or
    words like "Ministers", "Summit", "multilateral" in its name (EVENTS.md 3.6)."""
    orgs = words("international_organisations")
    if any(t.lower_ in orgs and (t.is_upper or t.is_title) for t in span):
        return True
    low = span.text.lower()
    if any(" " in org and org in low for org in orgs):
        return True
    if any(t.lower_ in words("bilateral_markers") for t in span):
        return False  # "the Joint Ministerial Commission" of two states
    if len(countries_named(span)) == 2:
        return False  # "the Norway-Chile Foreign Ministers' Meeting"
    return any(t.lower_ in words("multilateral_words") for t in span)


def open_forum(span: Span) -> bool:
    """ "the Himalaya Dialogue": a dialogue named after no pair of states is a forum of many
    (a HOSTED_EVENT), not "the China-Pakistan Strategic Dialogue" (talks)."""
    low = {t.lower_ for t in span}
    return (
        bool(low & words("forum_body_heads"))
        and not low & (words("bilateral_markers") | words("bilateral_dialogue_words"))
        and len(countries_named(span)) < 2
    )


def regional(span: Span) -> bool:
    """ "Arab", "Nordic", "pan-African": a capitalized word of a region's community of states."""
    return any(t.lower_ in words("regional_adjectives") and t.text[:1].isupper() for t in span)


def _body_before(doc: Doc, i: int, sent: Span) -> int | None:
    """ "the 23rd SCO Heads of Government meeting": where a capitalized body's name before a
    lower-case gathering head starts (with its ordinal), or None when none stands there."""
    b = i
    while b - 1 > sent.start and i - b < 4 and _lower_modifier(doc[b - 1], doc[i]):
        b -= 1  # "the APEC ministerial meeting", "the AU mid-year coordination meeting"
    lowered = i - b
    if _bracketed_abbreviation(doc, b - 1, sent):
        b -= 3  # "the Shanghai Cooperation Organisation (SCO) meeting"
    while b - 1 > sent.start:
        t = doc[b - 1]
        if (
            t.text == ")"
            and b - 4 > sent.start
            and doc[b - 3].text == "("
            and _named(doc[b - 4].text)
        ):
            b -= 3  # "the Economic Cooperation Organization (ECO) meeting"
            continue
        named = _named(t.text) and not _dating(t) and not t.is_sent_start
        joins = t.lower_ in words("body_name_joiners") and b < i and _named(doc[b - 2].text)
        if not (named or joins):
            break
        b -= 1
    while b < i and doc[b].lower_ in words("body_name_joiners"):
        b += 1
    if i - b - lowered < 2 and not (i - b - lowered == 1 and _new_short_name(doc, b)):
        return None  # "the Lisbon meeting" most often takes up a gathering named before
    while b - 1 > sent.start and _modifier(doc, b - 1):
        b -= 1
    return b


def _bracketed_abbreviation(doc: Doc, k: int, sent: Span) -> bool:
    """Whether tokens k-2..k are "(ABBR)" ending a capitalized name ("Union (AU)")."""
    return (
        k - 3 > sent.start
        and doc[k].text == ")"
        and doc[k - 2].text == "("
        and doc[k - 1].is_upper
        and _named(doc[k - 3].text)
    )


def _lower_modifier(t: Token, head: Token) -> bool:
    """A lower-case word between a body's name and the gathering head it modifies."""
    if t.lower_ in words("gathering_modifiers") and t.is_lower:
        return True
    lowered = t.is_lower or (t.text == "-" and not t.whitespace_) or t.text in ("'", "\u2019")
    # "the AU mid-year coordination meeting", "the NATO foreign ministers' meeting"
    modifying = t.dep_ in ("amod", "compound") or t.dep_ in ("case", "poss")
    return lowered and modifying and head in t.ancestors


def _new_short_name(doc: Doc, b: int) -> bool:
    """ "the BRICS summit": an organisation's one-word name before a gathering head names a
    gathering, unless a gathering of that name came before ("the G7 Finance Ministers'
    Meeting ... bilateral talks at the G7 meeting")."""
    if not holds_states(doc[b : b + 1]):
        return False
    heads = words("gathering_heads")
    return not any(
        t.text == doc[b].text and any(u.lower_ in heads for u in doc[t.i + 1 : t.i + 7])
        for t in doc[:b]
    )


def holds_states(span: Span) -> bool:
    """Whether a name holds an international organisation or a body of states."""
    orgs = words("international_organisations")
    low = span.text.lower()
    return (
        any(t.lower_ in orgs and (t.is_upper or t.is_title) for t in span)
        or any(" " in org and org in low for org in orgs)
        or any(t.lower_ in words("membership_words") and t.is_title for t in span)
    )


def _numbered(doc: Doc, i: int) -> int | None:
    """ "COP29", "COP 30": the end of a numbered meeting's name starting at i."""
    t = doc[i]
    m = _NUMBERED.fullmatch(t.text)
    if m and t.text[:2].isupper() and m.group(1).lower() in words("numbered_gatherings"):
        return i + 1
    if (
        t.is_upper
        and t.lower_ in words("numbered_gatherings")
        and i + 1 < len(doc)
        and doc[i + 1].like_num
        and doc[i + 1].text.isdigit()
    ):
        return i + 2
    return None


def _mention(doc: Doc, b: int, e: int, head: str) -> Mention:
    name = re.sub(r"\s+", " ", doc[b:e].text).strip()
    attrs = {
        "name": name,
        "head": head,
        "abbrev": None,
        "event_like": True,
        "body": False,
        "multilateral": True,
    }
    return Mention("INITIATIVE", b, e, "gathering-shape", 0.8, attrs)


def _gathering_span(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """ "the summit of the Arab League", "the 23rd X Heads of Government meeting": the
    (start, end) of a gathering named by its head and its body; None if tok heads none."""
    if tok.lower_ not in words("gathering_heads"):
        return None
    found = _of_body(doc, tok.i, tok.sent)
    if found is None and tok.is_lower:
        start = _body_before(doc, tok.i, tok.sent)
        found = None if start is None else (start, tok.i + 1)
    if found is None and tok.is_title and _attended(tok):
        start = _body_before(doc, tok.i, tok.sent)
        found = None if start is None else (start, tok.i + 1)
    return found


def _attended(tok: Token) -> bool:
    """ "addressed the World Health Assembly", "took part in the X Islands Forum", "the
    plenary of the X Assembly": an organisation's sitting that an official attends is a
    gathering (an institution named otherwise is not: "the National Assembly adopted")."""
    if tok.lower_ not in words("sitting_heads"):
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in words("gathering_parts"):
        return True
    if tok.dep_ == "pobj" and head.lower_ in words("held_gathering_preps"):
        head = head.head
    elif tok.dep_ != "dobj":
        return False
    return head.pos_ == "VERB" and head.lemma_ in words("attending_verbs")


def find_gatherings(doc: Doc, headings: set[int], blocked: set[int]) -> list[Mention]:
    """Gatherings of organisations and of several states named by shape (module doc)."""
    out: list[Mention] = []
    heads, numbered = words("gathering_heads"), words("numbered_gatherings")
    for i, w in enumerate(doc_words(doc)):
        # the cheap tests first: most words head no gathering, and no Token is built for them
        if i in headings or i in blocked:
            continue
        if w not in heads and _DIGITS_DASH.sub("", w) not in numbered:
            continue
        tok = doc[i]
        end = _numbered(doc, tok.i)
        if end is not None:
            out.append(_mention(doc, tok.i, end, "numbered"))
            continue
        found = _gathering_span(doc, tok)
        if found is None:
            continue
        b, e = found
        if _admitted(doc, b, e, tok) and not any(t in blocked for t in range(b, e)):
            out.append(_mention(doc, b, e, tok.lower_))
    return out


def _admitted(doc: Doc, b: int, e: int, tok: Token) -> bool:
    """Whether a gathering name is kept: one of states ("the Ministerial Session of X": a
    ministerial or leaders' gathering; "the Indian Ocean Rim summit": a summit unless two
    states name it), or a conference or forum named before its lower-case head ("the
    Future Growth Initiative conference", not "the X conference room")."""
    trailing = e == tok.i + 1
    named = doc[b : tok.i + 1] if trailing else doc[b : tok.i]
    if holds_states(doc[b:e]) or is_multilateral(named):
        return True
    return trailing and tok.lower_ in words("named_event_heads") and tok.dep_ != "compound"
