"""Initiatives: named agreements, forums, working groups, projects ("Joint Working Group
(JWG) on Trade", "Pakistan-Chile Business Forum", "an MoU on fisheries cooperation"), and
later uses of their abbreviations.

An initiative is found from its head noun (``vocab/words/initiative_heads.txt``), widened
left over its capitalized modifiers and right over a complement ("on ...", "for ...",
"of ...") and an abbreviation in brackets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extractor.nlp.dates import is_resolvable_temporal
from extractor.nlp.mentions.base import Mention
from extractor.nlp.mentions.gatherings import (
    countries_named,
    find_gatherings,
    is_multilateral,
    open_forum,
)
from extractor.nlp.words import city_country, country_code, doc_words, match_phrase
from extractor.vocab import words

_ABBREV = re.compile(r"[A-Z][A-Za-z0-9&-]{1,9}")
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
_COOPERATION = frozenset({"cooperation"})
_QUOTES = frozenset({'"', "'"})
_YEAR = re.compile(r"(19|20)\d\d")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _in_compound(token: Token) -> bool:
    """ "to" in "People-to-People": a lower-case word hyphened on both sides, unspaced."""
    doc, i = token.doc, token.i
    return (
        0 < i < len(doc) - 1
        and token.is_lower
        and doc[i - 1].text == "-"
        and doc[i + 1].text == "-"
        and not (doc[i - 1].whitespace_ or token.whitespace_)
    )


def _is_modifier(token: Token) -> bool:
    """A token that can stand inside an initiative name before its head."""
    if token.text == "&":
        return True
    if token.text == "-":
        # a hyphen joins ("Pakistan-Russia"); a spaced dash separates ("ISLAMABAD - China")
        return not token.whitespace_ and not token.doc[token.i - 1].whitespace_
    if (
        token.is_upper
        and len(token) > 3
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text == "-"
        and token.doc[token.i + 1].whitespace_
    ):
        return False
    if token.like_num or _ORDINAL.fullmatch(token.lower_) or _in_compound(token):
        return True
    if _possessive_in_name(token):
        return True
    if not token.text[:1].isupper():
        return False
    return token.pos_ in ("PROPN", "ADJ", "NOUN", "NUM", "X", "VERB") or token.ent_type_ != ""


def _possessive_in_name(token: Token) -> bool:
    """ "People's" in "the People's Forum", "Leaders'" in "the Leaders' Summit": a possessive
    between two capitalized words of a name, after a common word (not a country, a person
    or an acronym: "Chile's X Forum", "CPEC's X Committee")."""
    doc, i = token.doc, token.i
    if token.lower_ not in ("'s", "'", "\u2019s", "\u2019") or not 0 < i < len(doc) - 1:
        return False
    before, after = doc[i - 1], doc[i + 1]
    return (
        before.is_title
        and not before.whitespace_
        and after.text[:1].isupper()
        and not country_code(before.text)
        and before.ent_type_ not in ("GPE", "PERSON")
        and before.lower_ not in words("initiative_heads")  # "the X Corridor's Committee"
    )


def _abbrev_after(doc: Doc, k: int) -> tuple[int, str | None]:
    """ "(JWG)" right after the name: (its end, the abbreviation)."""
    if (
        k + 2 < len(doc)
        and doc[k].text == "("
        and doc[k + 2].text == ")"
        and _ABBREV.fullmatch(doc[k + 1].text)
        and doc[k + 1].text[1:2].isupper()
    ):
        return k + 3, doc[k + 1].text
    return k, None


def _inner_and(doc: Doc, k: int, sent: Span) -> bool:
    """ "Dialogue and Cooperation Mechanism": an "and" between two capitalized words of one
    name (not between two countries or people, "Chile and Peru Business Forum")."""
    if doc[k].lower_ != "and" or k - 1 < sent.start or k + 1 >= sent.end:
        return False
    before, after = doc[k - 1], doc[k + 1]
    return (
        _is_modifier(before)
        and before.is_alpha
        and after.text[:1].isupper()
        and not any(
            country_code(t.text) or t.ent_type_ in ("PERSON", "GPE") for t in (before, after)
        )
    )


def _place_of(doc: Doc, k: int, sent: Span) -> bool:
    """ "Horn of Africa Summit", "Gulf of Guinea Commission": the "of" of a geographic name
    that opens the initiative's name."""
    if doc[k].lower_ != "of" or k - 1 < sent.start or k + 1 >= sent.end:
        return False
    before, after = doc[k - 1], doc[k + 1]
    return (
        before.text[:1].isupper()
        and (before.lower_ in words("place_of_heads") or _members_of(before))
        and after.text[:1].isupper()
    )


def _members_of(token: Token) -> bool:
    """ "Heads" in "the Commonwealth Heads of Government Meeting", "Ministers" in "the X
    Ministers of Trade Meeting": a capitalized plural of members that opens "of"."""
    return token.tag_ in ("NNS", "NNPS") and token.lower_ in words("office_holder_plurals")


def _left_edge(doc: Doc, i: int, sent: Span, blocked: set[int]) -> int:
    """Where the name starts: over capitalized modifiers and bracketed abbreviations."""
    b = i
    while (
        b - 1 >= sent.start
        and b - 1 not in blocked
        and (
            _is_modifier(doc[b - 1])
            or (doc[b - 1].text == ")" and b - 3 >= sent.start and doc[b - 3].text == "(")
            or _inner_and(doc, b - 1, sent)
            or _place_of(doc, b - 1, sent)
        )
    ):
        if doc[b - 1].text == ")":
            b -= 3
            continue
        if doc[b - 1].is_sent_start and doc[b - 1].pos_ in (
            "ADP",
            "DET",
            "ADV",
            "PRON",
            "SCONJ",
            "CCONJ",
        ):
            break
        b -= 1
    while b < i and doc[b].text in ("-", "&", ")"):
        b += 1
    if b + 3 <= i and doc[b].text == "(":
        b += 3  # "the African Union (AU) Commission" cut at a title: no name opens with "("
    return b


def _quoted_start(doc: Doc, i: int, sent: Span) -> int | None:
    """'"Made in Chile" exhibition', "'Voices of the Fjords' photo exhibition": the opening
    quote of a name before a common head (a lower-case noun may come between)."""
    j = i - 1
    if j > sent.start and doc[j].is_lower and doc[j].pos_ == "NOUN":
        j -= 1
    if not (j >= sent.start and doc[j].text in _QUOTES):
        return None
    q = j - 1
    while q >= sent.start and doc[q].text != doc[j].text:
        q -= 1
    if q < sent.start or not 1 < j - q <= 9:
        return None
    if doc[q].text == "'" and not (doc[q + 1].text[:1].isupper() and doc[q - 1].whitespace_):
        return None  # an apostrophe ("the countries' ties"), not a quote
    return q


def _named_by_complement(doc: Doc, k: int, sent: Span) -> bool:
    """ "Council of Foreign Ministers", "Declaration on Safe Fishing", "Partnership for Global
    Infrastructure": a capitalized head named by its capitalized "of"/"on"/"for" complement
    (not a date, "Summit on Monday")."""
    if k + 1 >= sent.end or doc[k].lower_ not in words("naming_complement_preps"):
        return False
    m = k + 2 if doc[k + 1].lower_ == "the" and k + 2 < sent.end else k + 1
    return (
        doc[m].text[:1].isupper() and doc[m].is_alpha and doc[m].ent_type_ not in ("DATE", "TIME")
    )


def _proper_project_start(doc: Doc, i: int, sent: Span, blocked: set[int]) -> int | None:
    """ "the El Dabaa nuclear power plant", "the Lobito corridor": a lower-case project head
    (and up to three lower-case words before it) after a proper name that is not only a
    country's ("the Russian industrial zone" names nothing)."""
    j = i
    while (
        i - j < 4
        and j - 1 >= sent.start
        and (doc[j - 1].is_lower and doc[j - 1].pos_ in ("NOUN", "ADJ") or doc[j - 1].text == "-")
    ):
        j -= 1
    b = _left_edge(doc, j, sent, blocked)
    run = [t for t in doc[b:j] if t.text[:1].isalpha()]
    if not run or doc[b].text == "-" or _organisation_only(run):
        return None
    places = [t for t in run if country_code(t.text) or city_country(t.text)]
    if len(places) == len(run) and not (len(places) >= 2 and "-" in doc[b:j].text):
        return None  # "the Russian industrial zone"; "the Chile-Peru land bridge" joins two
    return b


def _compound_document_start(doc: Doc, i: int, sent: Span, blocked: set[int]) -> int | None:
    """ "the visa waiver agreement", "their free trade agreement": a definite lower-case
    document head named by the nouns before it (not only by generic words, "the cooperation
    agreement", or adjectives, "the new bilateral agreement"); an indefinite one ("a trade
    agreement") is mostly one hoped for, not one in being."""
    j = i
    while (
        i - j < 4
        and j - 1 >= sent.start
        and j - 1 not in blocked
        and (doc[j - 1].is_lower and doc[j - 1].pos_ in ("NOUN", "ADJ") or _in_word(doc[j - 1]))
    ):
        j -= 1
    if j - 1 < sent.start or not _definite(doc[j - 1]):
        return None
    generic = words("generic_document_modifiers")
    if not any(t.pos_ == "NOUN" and t.lower_ not in generic for t in doc[j:i]):
        return None
    return _left_edge(doc, j, sent, blocked)


def _years_start(doc: Doc, i: int, head_end: int, sent: Span) -> int | None:
    """ "the 2025-2027 action plan", "the cultural programme for 2026-2028": a lower-case
    plan or programme delimited by the span of years it runs for names one; where its name
    starts (over up to three lower-case words before the head), or None."""
    j = i
    while (
        i - j < 3
        and j - 1 >= sent.start
        and doc[j - 1].is_lower
        and doc[j - 1].pos_ in ("NOUN", "ADJ")
    ):
        j -= 1
    if j - 3 >= sent.start and _year_span(doc, j - 3):
        return j - 3
    if _period_end(doc, head_end, sent) > head_end:
        return j
    return None


def _year_span(doc: Doc, m: int) -> bool:
    """ "2025-2027" at m."""
    return (
        bool(_YEAR.fullmatch(doc[m].text))
        and doc[m + 1].text in ("-", "\u2013")
        and bool(_YEAR.fullmatch(doc[m + 2].text))
    )


def _organisation_only(run: list[Token]) -> bool:
    """Whether a name's modifiers only name an organisation ("the UN programme")."""
    orgs = words("international_organisations")
    return " ".join(t.lower_ for t in run) in orgs or all(t.lower_ in orgs for t in run)


def _joint_heads() -> frozenset[str]:
    return words("working_group_heads") | words("lowercase_joint_heads")


def _joint_marker(doc: Doc, i: int, head: str, sent: Span) -> int | None:
    """ "bilateral working group on climate change", "a joint technical committee": where a
    lower-case body head's joint marker opens its name (up to two words before it)."""
    if head not in _joint_heads():
        return None
    markers = words("working_group_modifiers")
    if head.split()[0] in markers:
        return i
    j = i - 1
    while j >= sent.start and i - j <= 3:
        if doc[j].lower_ in markers:
            return j
        if not (doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ")):
            return None
        j -= 1
    return None


def _admitted_start(
    doc: Doc, i: int, head_end: int, head: str, sent: Span, blocked: set[int]
) -> int | None:
    """The name's first token, or None when the head names nothing here."""
    b = _left_edge(doc, i, sent, blocked)
    quoted = False
    if b == i:
        q = _quoted_start(doc, i, sent)
        if q is not None:
            b, quoted = q, True
    capital_head = doc[i].text[:1].isupper()
    if not capital_head:
        modifiers = doc[b:i]
        has_code = any(t.text.isupper() and len(t.text) >= 2 for t in modifiers)
        chain = sum(1 for t in modifiers if country_code(t.text) or city_country(t.text)) >= 2
        if quoted or (head in words("lowercase_initiatives") and (has_code or chain)):
            return b  # a quoted name before any common head names it ("Blue Harvest" programme)
        project = (
            _proper_project_start(doc, i, sent, blocked) if head in words("project_heads") else None
        )
        if project is not None:
            return project
        if head in words("compound_document_heads") | words("compound_project_heads"):
            return _compound_document_start(doc, i, sent, blocked)
        if head.split()[-1] in words("project_heads") and (
            dated := _years_start(doc, i, head_end, sent)
        ):
            return dated
        if head in words("organisation_gathering_heads") and b < i and is_multilateral(modifiers):
            return b  # "the G20 summit"
        return _joint_marker(doc, i, head, sent)
    if (
        b == i
        and head_end - i == 1
        and head not in words("standalone_initiative_heads")
        and not _named_by_complement(doc, head_end, sent)
        and not (head_end < sent.end and _YEAR.fullmatch(doc[head_end].text))
    ):
        return (
            None  # a bare capitalized head ("Forum", "Committee") names nothing; "Expo 2030" does
        )
    if head in words("meeting_nouns") and not any(t.is_alpha and t.is_title for t in doc[b:i]):
        return None  # "the 3rd Meeting of the X Commission" names the commission, found alone
    return b


def _inner_prep(doc: Doc, e: int, sent: Span) -> bool:
    """ "Cooperation in Diplomatic Training": a preposition between capitalised words of
    one name (not before a place, a date or "the": "... of the Nordic Union" is another)."""
    if doc[e].lower_ not in words("name_inner_preps"):
        return False
    n = e + 1
    return (
        n < sent.end
        and doc[n].text[:1].isupper()
        and doc[n].ent_type_ not in ("GPE", "LOC", "DATE", "TIME", "PERSON", "NORP")
        and not (city_country(doc[n].text) or country_code(doc[n].text))
        and doc[e - 1].text[:1].isupper()
    )


def _capitalized_tail(doc: Doc, k: int, m: int, head: str, sent: Span) -> int | None:
    """ "on Trade and Technical Cooperation": a capitalized complement; None if none.

    Returns ``-1`` when the complement is an initiative of its own ("Agreement on the X
    Pipeline Project"), found on its own.
    """
    e = m
    while (
        e < sent.end
        and doc[e].ent_type_ not in ("DATE", "TIME")  # "Meeting on May 16": the date is no name
        and (
            doc[e].text[:1].isupper()
            or doc[e].lower_ in words("name_joiners")
            or doc[e].like_num
            or _in_compound(doc[e])
            or e > m
            and _inner_prep(doc, e, sent)
        )
    ):
        if (
            match_phrase(doc, e, "initiative_heads") > e
            and e > m
            and doc[e].lower_ != "cooperation"
        ):
            return -1
        e += 1
    while e > m and doc[e - 1].lower_ in words("name_joiners"):
        e -= 1
    if e > m and _project_goes_on(doc, e, sent):
        return -1  # "for the Itaipu hydropower plant": a project of its own
    if e == m or any(match_phrase(doc, x, "initiative_heads") > x for x in range(m, e)):
        return None
    if doc[e - 1].ent_type_ == "GPE" and e - m == 1 and head in words("event_heads"):
        return k  # "Forum of Chile": the country is not part of the name
    k = e
    # "for IT and telecom cooperation": a lower-case tail that closes the scope
    if k < sent.end and doc[k].lower_ == "and":
        for x in range(k + 1, min(k + 5, sent.end)):
            if doc[x].is_punct:
                break
            if doc[x].lower_ in words("cooperation_words"):
                return x + 1
    return k


def _project_goes_on(doc: Doc, e: int, sent: Span) -> bool:
    """Whether lower-case words after a capitalized run end in a project head ("Itaipu
    hydropower plant")."""
    x = e
    while x < sent.end and x - e < 3 and doc[x].is_lower and doc[x].pos_ in ("NOUN", "ADJ"):
        x += 1
        if doc[x - 1].lower_ in words("project_heads"):
            return True
    return False


def _lowercase_subject(doc: Doc, m: int, sent: Span) -> int:
    """ "an MoU on fisheries cooperation on 12 May": up to a date, a place or a verb."""
    e = m
    while (
        e < sent.end
        and e - m < 6
        and (not doc[e].is_punct or _in_word(doc[e]))
        and doc[e].ent_type_ not in ("DATE", "TIME", "GPE")
        and not (e > m and doc[e].pos_ in ("ADP", "VERB", "AUX") and not _field_of(doc, e))
        and not (doc[e].pos_ == "CCONJ" and e + 1 < sent.end and doc[e + 1].pos_ == "DET")
    ):
        e += 1
    return e


def _in_word(token: Token) -> bool:
    """An unspaced hyphen inside a word ("cross-border")."""
    return token.text == "-" and not token.whitespace_ and not token.doc[token.i - 1].whitespace_


def _field_of(doc: Doc, e: int) -> bool:
    """ "cooperation in agriculture": a preposition naming the field of a cooperation word,
    before a lower-case noun (not a place or date: "cooperation in Oslo")."""
    return (
        doc[e].lower_ in ("in", "on")
        and doc[e - 1].lower_ in words("cooperation_words")
        and e + 1 < len(doc)
        and doc[e + 1].is_lower
        and doc[e + 1].pos_ in ("NOUN", "ADJ")
    )


def _closing_word(doc: Doc, m: int, sent: Span, closers: frozenset[str]) -> int | None:
    """The end of a short lower-case complement that ends in one of ``closers``."""
    e = m
    while e < sent.end and e - m < 6 and not doc[e].is_punct:
        e += 1
        if doc[e - 1].lower_ in closers:
            return e
    return None


def _complement_end(doc: Doc, k: int, head: str, capital_head: bool, sent: Span) -> int:
    """The end of an "on/for/of ..." complement after the head at k (k if none)."""
    m = k + 1
    if doc[m].lower_ == "the":
        m += 1
    tail = _capitalized_tail(doc, k, m, head, sent)
    if tail == -1:
        return k
    if tail is not None:
        return tail
    if head in words("document_heads") and doc[m].is_lower:
        e = _lowercase_subject(doc, m, sent)
        return e if e > m else k
    found: int | None = None
    if not capital_head or head in words("working_group_heads"):
        found = _closing_word(doc, m, sent, words("complement_closers"))
        if found is None and not capital_head and head in _joint_heads():
            e = _lowercase_subject(doc, m, sent)  # "a joint working group on rice research"
            found = e if e > m else None
    elif doc[m].lower_ == "it" or doc[m].text.isupper():
        found = _closing_word(doc, m, sent, _COOPERATION)
    return found if found is not None else k


def _trailing_head(doc: Doc, i: int, k: int, sent: Span) -> bool:
    """Whether a lower-case head at k closes the capitalized name headed at i ("the Central
    Asia Gas Pipeline programme")."""
    return (
        k < sent.end
        and doc[i].text[:1].isupper()
        and doc[k].is_lower
        and doc[k].lower_ in words("name_trailing_heads")
    )


def _right_edge(doc: Doc, i: int, head_end: int, head: str) -> tuple[int, str | None, str]:
    """Where the name ends: "-2025", "(JWG)", a closing lower-case head and an "on/for/of"
    complement; with the abbreviation and the name's head."""
    sent = doc[i].sent
    k = head_end
    if k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].like_num:
        k += 2
    elif k < sent.end and doc[i].text[:1].isupper() and _YEAR.fullmatch(doc[k].text):
        k += 1  # "Culture Year 2031", "Summit 2030": the year is part of the name
        if k + 1 < sent.end and doc[k].text in ("-", "\u2013") and _YEAR.fullmatch(doc[k + 1].text):
            k += 2  # "Joint Action Plan 2025-2027": so is a span of years
    k, abbrev = _abbrev_after(doc, k)
    if _trailing_head(doc, i, k, sent):
        head = doc[k].lower_  # "the Central Asia Gas Pipeline programme"
        k += 1
    if k < sent.end and doc[k].lower_ in words("complement_preps") and k + 1 < sent.end:
        k = _complement_end(doc, k, head, doc[i].text[:1].isupper(), sent)
    return _period_end(doc, k, sent), abbrev, head


def _period_end(doc: Doc, k: int, sent: Span) -> int:
    """ "for 2021-2030", "for the 2025-2030 period": the span of years a strategy or
    programme runs for belongs to its name (and dates no event)."""
    if k + 3 >= sent.end or doc[k].lower_ != "for":
        return k
    m = k + 2 if doc[k + 1].lower_ == "the" else k + 1
    if not (
        m + 2 < sent.end
        and _YEAR.fullmatch(doc[m].text)
        and doc[m + 1].text in ("-", "\u2013", "to")
        and _YEAR.fullmatch(doc[m + 2].text)
    ):
        return k
    e = m + 3
    return e + 1 if e < sent.end and doc[e].lower_ in ("period", "term") else e


def _joint_marked(span: Span) -> bool:
    """Whether a name marks its body as joint ("Joint", "Inter-Governmental")."""
    return any(w in words("joint_markers") for w in _WORD.findall(span.text.lower()))


def _two_countries(span: Span) -> bool:
    """Whether a name names two countries ("Norway-Chile")."""
    return len(countries_named(span)) >= 2


def _unmarked(span: Span, head: str) -> bool:
    """A head that also names companies ("X Group") with nothing in its name that makes it
    an undertaking of states: no organisation, no joint marker, no two countries."""
    return head in words("marked_heads") and not (
        is_multilateral(span) or _joint_marked(span) or _two_countries(span)
    )


def is_organ(span: Span, head: str) -> bool:
    """A commission, committee or group of one government, parliament or organisation
    ("Cabinet Committee", "Parliamentary Group", "the Union (EU) Commission"): an organ's
    modifier, or an organisation's name alone, and nothing that marks it as joint."""
    if head not in words("joint_body_heads") or _joint_marked(span):
        return False
    heads = head.split()
    modifiers = [
        t for t in span if t.is_alpha and t.lower_ not in heads and t.doc[t.i - 1].text != "("
    ]
    if any(t.lower_ in words("organ_modifiers") for t in modifiers):
        return True
    if _two_countries(span):
        return False
    orgs = words("international_organisations")
    names = " ".join(t.lower_ for t in modifiers)
    return bool(modifiers) and (names in orgs or all(t.lower_ in orgs for t in modifiers))


def _rejected(span: Span, head: str) -> bool:
    return (
        is_organ(span, head)
        or _unmarked(span, head)
        or _an_organisation(span)
        or _a_mission(span)
        or _bare_document(span, head)
    )


def _bare_document(span: Span, head: str) -> bool:
    """ "The MoU was signed by ...", "the Agreement": a document's head alone names none."""
    return span.text.lower() == head and head in words("document_heads")


def _a_mission(span: Span) -> bool:
    """A diplomatic mission ("the Ghanaian High Commission"): an embassy, no undertaking."""
    name = " " + _clean(span.text).lower()
    return any(name.endswith(" " + m) for m in words("diplomatic_missions"))


def _an_organisation(span: Span) -> bool:
    """An organisation or one of its standing organs named as such ("the Gulf Cooperation
    Council", "the UN Security Council"): a member of it, not a joint undertaking."""
    name = _clean(span.text).lower()
    return name in words("international_organisations") or any(
        name == organ or name.endswith(" " + organ) for organ in words("organisation_organs")
    )


def _definite(token: Token) -> bool:
    """ "the", "this", "their": a determiner that names one thing in being."""
    return token.lower_ in words("anaphoric_dets") or token.tag_ == "PRP$"


def _restated(span: Span, head: str, found: list[Mention]) -> bool:
    """ "The trade agreement" after "the Norway-Chile Free Trade Agreement", "the energy
    project" after "the X Pipeline Project": a definite lower-case name of a document whose
    words, or of a project whose head, an initiative named before already holds."""
    doc = span.doc
    if any(not t.is_lower for t in span if t.is_alpha) or span.start == 0:
        return False  # "the TAPI gas pipeline project" names the project anew
    if not _definite(doc[span.start - 1]):
        return False
    said = {t.lower_ for t in span if t.is_alpha}
    if head in words("compound_project_heads"):
        heads = said & words("compound_project_heads")  # "the gas pipeline project"
        return any(heads & set(_WORD.findall(m.attrs["name"].lower())) for m in found)
    return head in words("compound_document_heads") and any(
        said <= set(_WORD.findall(m.attrs["name"].lower())) for m in found
    )


def _in_a_date(doc: Doc, i: int) -> bool:
    """Whether token i lies in a DATE or EVENT entity that reads as a date ("New Year's Day";
    a name ending in a year, "Culture Year 2031", is not one)."""
    tok = doc[i]
    if tok.ent_type_ not in ("DATE", "EVENT"):
        return False
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    return ent is not None and is_resolvable_temporal(ent.text) and not ent.text[-1:].isdigit()


def _name_of(span: Span) -> str:
    if span[0].text == "'":  # a name in single quotes: the quotes are no part of it
        return _clean("".join(t.whitespace_ if t.text == "'" else t.text_with_ws for t in span))
    return _clean(span.text)


def _clean(text: str) -> str:
    name = re.sub(r"\s*-\s*", "-", text.strip('"')).replace('" ', " ").replace('"', "")
    name = re.sub(r"\s+", " ", name).strip()
    return name[4:] if name.lower().startswith("the ") else name


def find_initiatives(doc: Doc, headings: set[int], blocked: set[int]) -> list[Mention]:
    """Named initiatives of a doc, then standalone uses of their abbreviations.

    Args:
        doc: a parsed doc.
        headings: tokens of heading paragraphs (no initiative is taken from a heading).
        blocked: tokens no initiative may take (officials' titles).
    """
    out: list[Mention] = []
    i = 0
    tokens = doc_words(doc)
    while i < len(doc):
        head_end = match_phrase(doc, i, "initiative_heads")
        if head_end == i or i in blocked:
            i += 1
            continue
        head = " ".join(tokens[i:head_end])
        if _in_a_date(doc, i) or match_phrase(doc, head_end, "facility_heads") > head_end:
            i = head_end  # "New Year's Day" is a date, "Convention Centre" a place
            continue
        sent = doc[i].sent
        b = _admitted_start(doc, i, head_end, head, sent, blocked)
        if b is None:
            i = head_end
            continue
        k, abbrev, head = _right_edge(doc, i, head_end, head)
        if abbrev:
            b = _spelled_start(doc, b, k, abbrev, blocked)
        if (
            any(t in headings for t in range(b, k))
            or _rejected(doc[b:k], head)
            or _restated(doc[b:k], head, out)
        ):
            i = head_end
            continue
        attrs = {
            "name": _name_of(doc[b:k]),
            "head": head,
            "abbrev": abbrev,
            "event_like": head in words("event_heads") or open_forum(doc[b:k]),
            "body": head in words("meeting_bodies"),
            "multilateral": is_multilateral(doc[b:k]),
            "unnamed": doc[b].text in words("working_group_modifiers"),  # "a joint committee"
        }
        out.append(Mention("INITIATIVE", b, k, "initiative-head", 0.8, attrs))
        i = max(k, head_end)
    out += _titled_mentions(doc, out, headings, blocked)
    spans = {(m.start, m.end) for m in out}
    shaped = [g for g in find_gatherings(doc, headings, blocked) if (g.start, g.end) not in spans]
    out = _outermost(_joined_by_of(doc, out) + shaped)
    out += _abbreviation_mentions(doc, out, blocked)
    out += _anaphor_mentions(doc, out, blocked)
    out.sort(key=lambda m: m.start)
    return out


def _spelled_start(doc: Doc, b: int, k: int, abbrev: str, blocked: set[int]) -> int:
    """ "the Ghana Support for Rural Roads Programme (GSRRP)": where the words its
    abbreviation spells start, when the name found so far spells only its end (the left
    edge stopped at a lower-case "for")."""
    p = next((x for x in range(b, k - 1) if doc[x].text == "(" and doc[x + 1].text == abbrev), k)
    spelled = initials(doc[b:p].text)
    if not spelled or len(abbrev) <= len(spelled) or not abbrev.endswith(spelled):
        return b
    missing = abbrev[: len(abbrev) - len(spelled)]
    j, start = b - 1, doc[b].sent.start
    while missing and j >= start and j not in blocked:
        tok = doc[j]
        if tok.text[:1].isupper() and tok.is_alpha:
            if tok.text[0] != missing[-1]:
                return b
            missing = missing[:-1]
        elif not (tok.lower_ in words("name_inner_preps") or tok.lower_ == "and" or _in_word(tok)):
            return b
        j -= 1
    return j + 1 if not missing else b


def _titled_mentions(
    doc: Doc, found: list[Mention], headings: set[int], blocked: set[int]
) -> list[Mention]:
    """ "a photo exhibition titled "Rivers of the North"", "a programme dubbed 'Bridges
    2030'": the quoted name a naming verb gives a common initiative head just before it."""
    taken = {t for m in found for t in range(m.start, m.end)}
    out: list[Mention] = []
    for q in range(2, len(doc) - 2):
        if doc[q].text not in _QUOTES or doc[q - 1].lower_ not in words("naming_verbs"):
            continue
        head = doc[q - 2].lower_
        close = next(
            (x for x in range(q + 1, min(q + 12, len(doc))) if doc[x].text == doc[q].text), None
        )
        if (
            close is None
            or close == q + 1
            or not doc[q + 1].text[:1].isupper()
            or head not in words("initiative_heads")
            or any(t in headings or t in blocked or t in taken for t in range(q, close + 1))
        ):
            continue
        attrs = {
            "name": _clean(doc[q + 1 : close].text),
            "head": head,
            "abbrev": None,
            "event_like": head in words("event_heads"),
            "body": head in words("meeting_bodies"),
            "multilateral": False,
            "unnamed": False,
        }
        out.append(Mention("INITIATIVE", q - 2, close + 1, "initiative-head", 0.8, attrs))
    return out


def _joined_by_of(doc: Doc, found: list[Mention]) -> list[Mention]:
    """ "the Oslo Summit of the Arctic Forum on Fisheries": a gathering named after the body
    that holds it is one name."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        gap = [t.lower_ for t in doc[prev.end : m.start]] if prev else []
        if prev and prev.attrs["event_like"] and gap in (["of"], ["of", "the"]):
            attrs = {**prev.attrs, "name": _name_of(doc[prev.start : m.end])}
            attrs["abbrev"] = prev.attrs.get("abbrev") or m.attrs.get("abbrev")
            out[-1] = Mention("INITIATIVE", prev.start, m.end, prev.source, prev.score, attrs)
            continue
        out.append(m)
    return out


def _outermost(found: list[Mention]) -> list[Mention]:
    """Drop a name found inside a longer one ("Joint Dialogue" in "Joint Dialogue Mechanism
    Meeting"); the longer one keeps the inner one's abbreviation."""
    out = []
    for m in found:
        outer = [
            o
            for o in found
            if o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
        ]
        if not outer:
            out.append(m)
            continue
        big = max(outer, key=lambda o: o.end - o.start)
        if m.attrs.get("abbrev") and not big.attrs.get("abbrev"):
            big.attrs["abbrev"] = m.attrs["abbrev"]
    return out


def initials(name: str) -> str:
    """ "NSRC" for "Northern Sea Rail Corridor": the first letters of a name's
    capitalized words (hyphened parts count as words, bracketed abbreviations do not)."""
    parts = re.split(r"[\s\-\u2013]+", name)
    return "".join(p[0] for p in parts if p[:1].isupper() and p.isalpha())


def _abbreviations(initiatives: list[Mention]) -> dict[str, Mention]:
    """Abbreviation -> the initiative it stands for: given in brackets, or its initials."""
    out = {m.attrs["abbrev"]: m for m in initiatives if m.attrs.get("abbrev")}
    for m in initiatives:
        short = initials(m.attrs["name"])
        if len(short) >= 3 and m.source == "initiative-head":
            out.setdefault(short, m)
    return out


def _abbreviation_mentions(
    doc: Doc, initiatives: list[Mention], blocked: set[int]
) -> list[Mention]:
    """Standalone uses of an initiative's abbreviation refer to it ("JWG" after "Joint
    Working Group (JWG)", "NSRC" after "Northern Sea Rail Corridor"), and so does a
    name made of the abbreviation and a common head ("the NSRC project")."""
    abbrevs = _abbreviations(initiatives)
    for m in initiatives:
        words_ = m.attrs["name"].split()
        full = abbrevs.get(words_[0]) if len(words_) >= 2 else None
        if full is not None and full is not m and all(w.islower() for w in words_[1:]):
            m.attrs = {**m.attrs, "name": full.attrs["name"]}
    covered = {t for m in initiatives for t in range(m.start, m.end)}
    out: list[Mention] = []
    if not abbrevs:
        return out  # most documents name no abbreviation: no Token built
    for tok in doc:
        full = abbrevs.get(tok.text)
        if (
            full is not None
            and tok.i not in covered
            and tok.i not in blocked
            and full.start < tok.i
        ):
            attrs = {**full.attrs, "head": "abbrev", "abbrev": None}
            out.append(Mention("INITIATIVE", tok.i, tok.i + 1, "abbreviation", 0.7, attrs))
    return out


def _anaphor_start(doc: Doc, i: int) -> int | None:
    """ "the cable project": where the lower-case phrase after a determiner that
    refers back starts, or None when no such determiner opens it."""
    b = i
    while b - 1 >= 0 and doc[b - 1].is_lower and doc[b - 1].pos_ in ("NOUN", "ADJ", "PROPN"):
        b -= 1
    if b - 1 >= 0 and doc[b - 1].lower_ in words("anaphoric_dets"):
        return b
    return None


def _continues(doc: Doc, end: int) -> bool:
    """Whether a lower-case noun or a number goes on after a head ("project site", "year 2026")."""
    return end < len(doc) and (doc[end].like_num or (doc[end].is_lower and doc[end].pos_ == "NOUN"))


def _anaphor_mentions(doc: Doc, initiatives: list[Mention], blocked: set[int]) -> list[Mention]:
    """ "The cable project was opened": a definite lower-case phrase whose
    words take up the head of an initiative named before refers to it."""
    covered = {t for m in initiatives for t in range(m.start, m.end)} | blocked
    skip = words("event_heads") | words("meeting_bodies") | words("document_heads")
    named = [m for m in initiatives if m.source == "initiative-head"]
    out: list[Mention] = []
    if not named:
        return out
    for i in range(len(doc)):
        if i in covered:
            continue  # the cheap tests first: no Token is built for most words
        end = match_phrase(doc, i, "initiative_heads")
        if end == i:
            continue
        tok = doc[i]
        if not tok.is_lower or doc[i:end].text.lower() in skip:
            continue
        b = _anaphor_start(doc, tok.i)
        if b is None or tok.ent_type_ in ("DATE", "TIME") or _continues(doc, end):
            continue  # "the year 2026" is a date; "the project site" names another thing
        said = {t.lower_ for t in doc[b:end]}
        earlier = [m for m in named if m.end <= b and set(m.attrs["head"].split()) & said]
        if earlier:
            attrs = {**earlier[-1].attrs, "head": "anaphor", "abbrev": None}
            out.append(Mention("INITIATIVE", b, end, "anaphor", 0.6, attrs))
    return out


def headings(doc: Doc) -> set[int]:
    """Tokens of paragraphs that are headings (short, no final punctuation)."""
    out: set[int] = set()
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text[-1] in ".!?:;\"'":
            continue  # the cheap test first: most sentences end in a stop
        text = sent.text.strip()
        if not text or len(text.split()) > 12:
            continue
        prev_break = sent.start == 0 or "\n" in doc[sent.start - 1].text
        next_break = (
            sent.end >= len(doc)
            or "\n" in doc[sent.end - 1].text_with_ws
            or (sent.end < len(doc) and doc[sent.end].is_space)
        )
        if prev_break and next_break:
            out.update(range(sent.start, sent.end))
    return out
