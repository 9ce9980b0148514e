"""Officials: title + name, "Name, Title", a title alone, a name alone, and pronouns,
linked into document-level :class:`~extractor.nlp.mentions.base.Person` entries.

A surname-only or "the ambassador" mention resolves to the full name met elsewhere in the
document; a pronoun to the most recent subject. Titles themselves are found by
:mod:`extractor.nlp.mentions.titles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from extractor.nlp.mentions.base import (
    Mention,
    Person,
    Registry,
    Title,
    clean_name,
    is_name_token,
    ministry_for,
    name_run,
    office_of,
    site_after_at,
    skip_honorifics,
    tokens_of,
)
from extractor.nlp.mentions.titles import (
    PluralTitle,
    find_plural_titles,
    find_titles,
    plural_ends,
    plural_head,
)
from extractor.nlp.words import (
    country_at,
    country_code,
    doc_words,
    place_country,
    world_city_country,
)
from extractor.vocab import words


@dataclass
class Officials:
    """What the officials stage finds in a doc."""

    mentions: list[Mention]
    persons: dict[int, Person]
    host_country: str | None


@dataclass
class _State:
    """Working state of one document's pass over its titles."""

    reg: Registry
    mentions: list[Mention] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.used.update(range(mention.start, mention.end))


def title_text(doc: Doc, title: Title) -> str:
    """The title as written, without a leading "the"."""
    span = doc[title.start : title.end]
    text = span[1:].text if span[0].lower_ == "the" else span.text
    return re.sub(r"\s+'s", "'s", text)


def _appositive_start(doc: Doc, title: Title) -> int | None:
    """ "the special envoy for Middle East affairs, Zhai Lin": past a complement the title
    left out, to the comma before a name."""
    end = title.end
    if end >= len(doc) or doc[end].dep_ != "prep" or doc[end].text == ",":
        return None
    for c in range(end + 1, min(end + 9, len(doc) - 1)):
        t = doc[c]
        person = t.ent_type_ == "PERSON" and country_at(doc, c)[1] is None  # "in Malawi"
        if t.pos_ in ("VERB", "AUX") or person or t.text in ";()":
            return None
        if t.text == ",":
            return c if doc[c + 1].ent_type_ == "PERSON" or _closed_name(doc, c + 1) else None
    return None


def _closed_name(doc: Doc, k: int) -> bool:
    """ "..., Ricardo Nunes de Almeida, ...": a run of two or more proper nouns closed by
    punctuation, a name in apposition whatever the tagger calls it."""
    end = name_run(doc, k, len(doc))
    return (
        end - k >= 2
        and end < len(doc)
        and doc[end].text in (",", ".", ";", ")")
        and all(t.pos_ == "PROPN" or t.lower_ in words("name_particles") for t in doc[k:end])
        and not place_country(doc[k:end].text)
    )


def _name_after(doc: Doc, sent: Span, title: Title, text: str, st: _State) -> bool:
    """ "Minister for Railways (Mr.) Karim Aslanov": the name right after the title."""
    k = _appositive_start(doc, title) or title.end
    if k < sent.end and doc[k].text == ",":
        k += 1
    k = skip_honorifics(doc, k, sent.end)
    if k == title.end and _courtesy_rank(doc, k, sent.end):
        k = skip_honorifics(doc, k + 1, sent.end)  # "State Minister ... Ambassador X"
    end = name_run(doc, k, sent.end)
    run = doc[k:end]
    # right after a title, a run of capitalized words is a name even where NER calls it
    # ORG/GPE ("Chairwoman of the Council Jane Roe"), unless it is a place
    if (
        end == k
        or (
            len(run) == 1
            and run[0].ent_type_ in ("ORG", "GPE", "NORP")
            and not _INITIALLED.match(run[0].text)  # "B.Nyamdorj" tagged ORG
            and st.reg.by_name(run.text) is None  # "Prince Turki" after "Turki bin Saad"
        )
        or place_country(run.text)
    ):
        return False
    name = clean_name(run)
    if not name or not (
        end - k >= 2
        or doc[k].ent_type_ == "PERSON"
        or doc[k].pos_ == "PROPN"
        or _INITIALLED.match(doc[k].text)
    ):
        return False
    person = st.reg.add_named(name, title, text)
    person.country = person.country or _country_after_name(doc, end, sent.end)
    st.add(
        Mention(
            "OFFICIAL", title.start, end, "title+name", 0.9, {"person": person.key, "title": title}
        )
    )
    return True


def _country_after_name(doc: Doc, end: int, limit: int) -> str | None:
    """ "Deputy Foreign Minister Bui Thanh Hai of Vietnam": the country after the name."""
    if end + 1 >= limit or doc[end].lower_ != "of":
        return None
    k, code = country_at(doc, end + 1)
    return code if k <= limit else None


def _courtesy_rank(doc: Doc, k: int, limit: int) -> bool:
    """ "Ambassador" right after an office and before a name: a courtesy rank."""
    return k + 1 < limit and doc[k].lower_ in words("courtesy_ranks") and doc[k].text[:1].isupper()


# "D.Erdene", "I.K.Sokolov": initials joined to the surname, one token
_INITIALLED = re.compile(r"^(?:[A-Z]\.)+[A-Z][a-z]")


def _name_before(doc: Doc, sent: Span, title: Title, text: str, st: _State) -> bool:
    """Apposition: "Jane Roe, the former mayor of ..." / "Jane Roe, Minister of ..."."""
    s = title.start
    # "Jane Roe, the former mayor", "Jane Roe, a spokesperson for the ministry"
    if s - 3 >= sent.start and doc[s - 1].pos_ == "DET" and doc[s - 2].text == ",":
        s -= 1
    # "Jane Roe, Minister of ..." or "Jane Roe (Minister of ...)"
    if not (s - 2 >= sent.start and doc[s - 1].text in (",", "(")):
        return False
    e = s - 1
    b = e
    while (
        b - 1 >= sent.start
        and b - 1 not in st.used  # "Minister of Foreign Affairs X, Chair of ...": X is taken
        and (is_name_token(doc[b - 1]) or doc[b - 1].text == "-")
    ):
        b -= 1
    while b < e and doc[b].text == "-":
        b += 1  # "(KNA) - Jane Roe, Minister ...": a dateline's dash opens no name
    b = skip_honorifics(doc, b, e)
    # "the Palace, the President ...": a determiner before it, so no name
    determined = b > sent.start and doc[b - 1].pos_ == "DET"
    if e <= b or determined:
        return False
    if not (
        any(doc[t].ent_type_ == "PERSON" for t in range(b, e))
        or st.reg.by_name(doc[b:e].text) is not None
        or e - b >= 2
        and all(doc[t].pos_ == "PROPN" for t in range(b, e))
    ):
        return False
    name = clean_name(doc[b:e])
    if not name:
        return False
    person = st.reg.add_named(name, title, text)
    st.add(
        Mention(
            "OFFICIAL", b, title.end, "name,title", 0.85, {"person": person.key, "title": title}
        )
    )
    return True


@dataclass
class _Listed:
    """One name of a list after a plural title ("John Doe of Chile")."""

    start: int
    name_end: int
    end: int  # after its own "of Chile", if any
    country: tuple[str, str] | None  # (code, as written)


def _listed_name(doc: Doc, k: int, limit: int) -> _Listed | None:
    k = skip_honorifics(doc, k, limit)
    end = name_run(doc, k, limit)
    if end - k < 2 and not (end > k and doc[k].ent_type_ == "PERSON"):
        return None
    if end + 1 < limit and doc[end].lower_ == "of":
        stop, code = country_at(doc, end + 1)
        if code:
            return _Listed(k, end, stop, (code, doc[end + 1 : stop].text))
    return _Listed(k, end, end, None)


def _listed_names(doc: Doc, k: int, limit: int) -> list[_Listed]:
    """ "Jane Roe, John Doe and Ana Lind" after a plural title (two names at least)."""
    if k < limit and doc[k].text == ",":
        k += 1
    found: list[_Listed] = []
    while k < limit:
        item = _listed_name(doc, k, limit)
        if item is None:
            break
        found.append(item)
        k = item.end
        comma = k < limit and doc[k].text == ","
        k += comma
        if k < limit and doc[k].lower_ == "and":
            k += 1
        elif not comma:
            break
    return found if len(found) >= 2 else []


def _plural_mentions(doc: Doc, sent: Span, title: PluralTitle, st: _State) -> None:
    """ "the foreign ministers of Chile and Norway, Jane Roe and John Doe": one official
    each, with the country in the same position."""
    names = _listed_names(doc, title.end, sent.end)
    for n, item in enumerate(names):
        country = item.country
        if country is None and len(title.countries) == len(names):
            country = title.countries[n]
        name = clean_name(doc[item.start : item.name_end])
        if not name:
            continue
        one = Title(
            title.start,
            title.end,
            title.office,
            country[0] if country else None,
            None,
            title.portfolio,
            False,
        )
        text = f"{title.text} of {country[1]}" if country else title.text
        person = st.reg.add_named(name, one, text)
        attrs = {"person": person.key, "title": one}
        start = title.start if n == 0 else item.start
        st.add(Mention("OFFICIAL", start, item.end, "plural-title+name", 0.85, attrs))


def _glossed(doc: Doc, title: Title, st: _State) -> int | None:
    """ "Minister of International Relations (Foreign Minister)": the bracketed title
    glosses the official just named; the key of that person."""
    if not (
        title.start > 0
        and title.end < len(doc)
        and doc[title.start - 1].text == "("
        and doc[title.end].text == ")"
    ):
        return None
    before = [
        m for m in st.mentions if m.end == title.start - 1 and m.attrs.get("person") is not None
    ]
    return before[-1].attrs["person"] if before else None


def _glossed_by_apposition(doc: Doc, st: _State) -> None:
    """ "The Minister of Foreign Affairs, Ambassador Jane Roe, ...": a title alone followed by
    a titled name in apposition is that person's office."""
    named = {m.start: m for m in st.mentions if m.source == "title+name"}
    for m in st.mentions:
        title = m.attrs.get("title")
        if m.source != "title" or title is None or m.end >= len(doc) or doc[m.end].text != ",":
            continue
        other = named.get(m.end + 1)
        # the apposition closes ("..., Ambassador Jane Roe, held"); "with the Minister for
        # Energy, Ambassador Roe said" is a phrase, then the clause's subject
        if other is None or other.end >= len(doc) or doc[other.end].text not in (",", ")", "."):
            continue
        person = st.reg.persons[other.attrs["person"]]
        st.reg.add_named(person.name or "", title, title_text(doc, title))
        m.attrs["person"] = person.key


def _joint_office(doc: Doc, sent: Span, following: list[Title], title: Title, st: _State) -> bool:
    """ "Deputy Prime Minister and Foreign Minister Jane Roe": two offices joined by "and"
    before one name are one official holding both (the portfolio is the second's)."""
    joiners = words("joint_office_joiners")
    if not following or doc[title.end].lower_ not in joiners or following[0].start != title.end + 1:
        return False
    second = following[0]
    joint = replace(
        second,
        start=title.start,
        country=second.country or title.country,
        definite=title.definite,
    )
    return _name_after(doc, sent, joint, title_text(doc, joint), st)


def _joint_office_after_name(doc: Doc, title: Title, st: _State) -> bool:
    """ "Jane Roe, Deputy Prime Minister and Minister of Trade, ...": a second office
    joined by "and" to the one just set after a name is the same person's (the portfolio
    is the second's)."""
    last = st.mentions[-1] if st.mentions else None
    if (
        last is None
        or last.source != "name,title"
        or last.end + 1 != title.start
        or doc[last.end].lower_ not in words("joint_office_joiners")
    ):
        return False
    first: Title = last.attrs["title"]
    joint = replace(title, start=first.start, country=title.country or first.country)
    person = st.reg.persons[last.attrs["person"]]
    st.reg.add_named(person.name or "", joint, title_text(doc, joint))
    st.mentions[-1] = replace(last, end=title.end, attrs={**last.attrs, "title": joint})
    st.used.update(range(title.start, title.end))
    return True


def _office_of_ranked(doc: Doc, title: Title, text: str, st: _State) -> bool:
    """ "Prince Faisal bin Turki, Minister of Foreign Affairs of ...": an office in apposition
    after a name titled only by rank is that person's office."""
    last = st.mentions[-1] if st.mentions else None
    if (
        last is None
        or last.source != "title+name"
        or last.end + 1 != title.start
        or doc[last.end].text != ","
        or last.attrs["title"].office not in words("rank_titles")
    ):
        return False
    person = st.reg.persons[last.attrs["person"]]
    st.reg.add_named(person.name or "", title, text)
    st.add(
        Mention(
            "OFFICIAL", title.start, title.end, "gloss", 0.6, {"person": person.key, "title": title}
        )
    )
    return True


def _continuation_end(doc: Doc, sent: Span, j: int, owned: bool) -> int | None:
    """The comma ending a run of capitalised words and joiners from j that an appositive
    name follows ("Transition, Leila Idrissi,"); None when none does. ``owned``: the title
    ends in a possessive ("of India's"), so the run is its body even where the tagger
    calls it a person ("Lok Sabha")."""
    joiners = words("portfolio_joiners") | {"and", "&", "of", "the"}
    for c in range(j, min(j + 9, sent.end - 1)):
        t = doc[c]
        if t.text == ",":
            named = doc[c + 1].ent_type_ == "PERSON" or _closed_name(doc, c + 1)
            return c if c > j and named else None
        if t.ent_type_ == "PERSON" and not owned or t.pos_ in ("VERB", "AUX"):
            return None
        hyphened = t.text == "-" or doc[c - 1].text == "-"  # "Co-operatives"
        if not t.text[:1].isupper() and t.lower_ not in joiners and not hyphened:
            return None
    return None


def _continued_title(doc: Doc, sent: Span, title: Title) -> Title:
    """ "Minister of Energy Transition, Leila Idrissi", "Minister for Trade, Co-operatives
    and Industry, Manoa Tora", "Deputy Speaker of India's Lok Sabha, R. P. Verma": words
    the title finder left out, up to the comma before the holder's name, are the title's
    (and its portfolio's) when the name follows that comma."""
    j = title.end + 1 if title.end < sent.end and doc[title.end].text == "," else title.end
    if j >= sent.end or not doc[j].text[:1].isupper() or place_country(doc[j].text):
        return title
    c = _continuation_end(doc, sent, j, doc[title.end - 1].lower_ == "'s")
    if c is None or place_country(doc[j:c].text):
        return title
    portfolio = title.portfolio
    if portfolio:
        at = doc.text.rfind(portfolio, doc[title.start].idx, doc[title.end - 1].idx + 50)
        portfolio = doc.text[at : doc[c].idx].strip() if at >= 0 else portfolio
    return replace(title, end=c, portfolio=portfolio)


def _titled_mentions(doc: Doc, st: _State) -> None:
    """Title+name, name+title and title alone, sentence by sentence."""
    ends = plural_ends(doc)
    for sent in doc.sents:
        for plural in find_plural_titles(doc, sent, ends):
            _plural_mentions(doc, sent, plural, st)
        titles = find_titles(doc, sent)
        for n, title in enumerate(titles):
            if any(t in st.used for t in range(title.start, title.end)):
                continue
            if _joint_office(doc, sent, titles[n + 1 : n + 2], title, st):
                continue
            if _joint_office_after_name(doc, title, st):
                continue
            title = _continued_title(doc, sent, title)
            text = title_text(doc, title)
            if _name_after(doc, sent, title, text, st) or _name_before(doc, sent, title, text, st):
                continue
            if _office_of_ranked(doc, title, text, st):
                continue
            glossed = _glossed(doc, title, st)
            if glossed is not None:
                attrs = {"person": glossed, "title": title}
                st.add(Mention("OFFICIAL", title.start, title.end, "gloss", 0.6, attrs))
                continue
            st.add(
                Mention(
                    "OFFICIAL",
                    title.start,
                    title.end,
                    "title",
                    0.6,
                    {"person": None, "title": title},
                )
            )


def _bare_name(doc: Doc, ent: Span, used: set[int]) -> tuple[int, int] | None:
    """The edges of a PERSON entity widened to its whole name run, minus used tokens."""
    b = ent.start
    while (
        b - 1 >= 0
        and b - 1 not in used
        and is_name_token(doc[b - 1])
        and doc[b - 1].sent == ent.sent
        and doc[b - 1].ent_type_ in ("GPE", "PERSON", "")
    ):
        b -= 1
    first = skip_honorifics(doc, ent.start, ent.end)  # "Datuk Seri Aminah Yusof"
    e = max(name_run(doc, first, ent.sent.end), ent.end)
    while any(t in used for t in range(b, e)):
        b += 1
    b = skip_honorifics(doc, b, e)
    return (b, e) if b < e else None


def _quoted(doc: Doc, i: int) -> bool:
    """Whether token i stands inside quotation marks of its sentence (a slogan, a name)."""
    before = [t.text for t in doc[doc[i].sent.start : i]]
    straight = before.count('"')
    return straight % 2 == 1 or any(
        before.count(o) > before.count(c) for o, c in (("“", "”"), ("‘", "’"))
    )


def _agency_credit(ent: Span) -> bool:
    """ "Havana, Nov 20 (Prensa Latina)": the agency bracketed in the dateline."""
    doc = ent.doc
    return (
        ent.start_char < 80
        and ent.start > 0
        and doc[ent.start - 1].text == "("
        and ent.end < len(doc)
        and doc[ent.end].text == ")"
    )


def _partner_verb(ent: Span) -> Token | None:
    """The verb whose object or partner the entity is ("met with X", "received X")."""
    root = ent.root
    if root.dep_ == "dobj":
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        return root.head.head
    return None


def _person_tagged_as_org(ent: Span) -> bool:
    """ "met with Amina Diallo Traore": a name of 2-4 capitalised words, none an
    organisation's, that the small tagger calls ORG in a person's place."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 4:
        return False
    for tok in ent:
        text = tok.text
        if not (text[:1].isupper() and text[1:].islower() and text.isalpha()):
            return False
        if tok.lower_ in words("organisation_words") or tok.pos_ != "PROPN":
            return False
    verb = _partner_verb(ent)
    return verb is not None and verb.lemma_.lower() in words("person_partner_lemmas")


def _city_where(ent: Span, name: str) -> bool:
    """A known city the NER calls a person where a place goes ("arrived in Cheongju")."""
    root = ent.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in words("location_preps")
        and world_city_country(name) is not None
    )


def _untitled_mentions(doc: Doc, st: _State) -> None:
    """Names without a title: PERSON entities and the name runs around them."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _person_tagged_as_org(ent) or _agency_credit(ent):
            continue
        if site_after_at(ent):
            continue
        if any(t in st.used for t in range(ent.start, ent.end)):
            continue
        edges = _bare_name(doc, ent, st.used)
        if edges is None:
            continue
        b, e = edges
        name = clean_name(doc[b:e])
        if (
            not name
            or country_code(name)
            or b > 0
            and country_code(f"{doc[b - 1].text} {name}")  # "Sierra Leonean students"
            or place_country(name)
            or any(ch.isdigit() for ch in name)
            or _quoted(doc, b)
            or doc[e - 1].lower_ in words("non_name_heads")  # "the X-Y Strategic Dialogue"
            or _city_where(ent, name)
        ):
            continue
        person = st.reg.add_named(name, None, None)
        st.add(Mention("OFFICIAL", b, e, "name", 0.7, {"person": person.key}))


def _surname_run(doc: Doc, tok: Token, st: _State) -> int | None:
    """The end of a name run at ``tok`` that only repeats part of a known full name."""
    i = tok.i
    if i in st.used or not tok.text[:1].isupper() or (i > 0 and is_name_token(doc[i - 1])):
        return None
    end = name_run(doc, i, tok.sent.end)
    if end == i or end - i > 3 or any(t in st.used for t in range(i, end)):
        return None
    if tok.ent_type_ not in ("", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
        return None
    # another tag only when it is exactly the run ("Wang" alone, not "Wang Labs"); small
    # taggers often take a surname for a place ("Rojas said"), which a known place is not
    if tok.ent_type_ not in ("", "PERSON") and (
        tok.ent_iob_ != "B" or end < len(doc) and doc[end].ent_iob_ == "I"
    ):
        return None
    return end


def _name_words(name: str | None) -> set[str]:
    """A name's words as the per-doc word cache writes them, and casefolded."""
    if not name:
        return set()
    parts = name.replace("-", " ").split()
    return {x.lower() for x in parts} | {x.casefold() for x in parts}


def _surname_mentions(doc: Doc, st: _State) -> None:
    """ "Lin said" after "Foreign Minister Lin Tao", where the tagger missed the name."""
    # a run that repeats a known name starts with one of its words: no Token for the rest
    known = {w for p in st.reg.persons.values() for w in _name_words(p.name)}
    for i, w in enumerate(doc_words(doc)):
        if w not in known:
            continue
        tok = doc[i]
        end = _surname_run(doc, tok, st)
        if end is None:
            continue
        text = doc[tok.i : end].text
        person = st.reg.by_name(text)
        if person is None or country_code(text) or place_country(text):
            continue
        st.add(Mention("OFFICIAL", tok.i, end, "surname", 0.6, {"person": person.key}))


def _object_of_verb(token: Token, mentions: list[Mention], reg: Registry) -> Person | None:
    """ "congratulated X on his election", "thanked X for her call": a possessive in a
    phrase of the verb refers to the verb's object when that is a person."""
    if token.dep_ != "poss":
        return None
    verb = token.head
    for _ in range(4):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and c.i < token.i:
            for m in mentions:
                if m.start <= c.i < m.end and m.attrs.get("person") is not None:
                    return reg.persons[m.attrs["person"]]
    return None


def _own_subject_before(token: Token) -> bool:
    """ "X met her counterpart, ..., Y said": the pronoun's own clause has a subject before
    it, so it refers back to that subject rather than forward."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in head.children)


def _pronoun_target(
    token: Token, mentions: list[Mention], reg: Registry, fallback: Person | None
) -> Person | None:
    """Who a pronoun refers to: the last subject, unless a possessive points forward."""
    target = fallback
    root = token.sent.root
    thanked = _object_of_verb(token, mentions, reg)
    if thanked is not None:
        return thanked
    if token.dep_ == "poss" and token.i < root.i and not _own_subject_before(token):
        # "On his first tour, the minister met ...": the possessive points forward (not
        # from a clause of its own: "X met her counterpart, spokesperson Y said")
        for c in root.children:
            if c.dep_ not in ("nsubj", "nsubjpass"):
                continue
            ahead = next(
                (
                    m
                    for m in mentions
                    if c.left_edge.i <= m.start <= c.i and m.attrs.get("person") is not None
                ),
                None,
            )
            if ahead is not None:
                target = reg.persons[ahead.attrs["person"]]
    return target


def _spelled_out(text: str, reg: Registry) -> Person | None:
    """ "EAM" after "External Affairs Minister X": the named person whose title the
    abbreviation spells (its capitalised words' initials)."""
    if not (text.isupper() and 2 <= len(text) <= 4):
        return None
    for person in reversed(list(reg.persons.values())):
        words_ = [w for w in (person.title or "").replace("-", " ").split() if w[:1].isupper()]
        initials = "".join(w[0] for w in words_)
        if person.name and initials.endswith(text):
            return person
    return None


def _person_for_title(
    doc: Doc, title: Title, recent: list[Person], reg: Registry, subject: Person | None
) -> Person:
    """The person a title-only mention refers to (a new unnamed one if none); ``subject``,
    the last subject when the mention is a subject too ("X met Y ... the minister held"),
    goes before a more recent holder of the office."""
    text = title_text(doc, title)
    spelled = _spelled_out(text, reg)
    if spelled is not None:
        return spelled
    resolvable = (
        title.definite
        or title.start == 0
        or doc[title.start].is_sent_start
        or title.country is None
    )
    person = None
    if resolvable and subject is not None:
        person = reg.by_title(title, [subject])
    if person is None and resolvable:
        person = reg.by_title(title, recent)
    low = text.lower()
    if person is None:
        # a named person with exactly this title elsewhere in the document
        person = next(
            (p for p in reg.persons.values() if p.title and p.title.lower() == low and p.name),
            None,
        )
    if person is None:
        person = next(
            (
                p
                for p in reg.persons.values()
                if p.name is None and p.title and p.title.lower() == low
            ),
            None,
        )
    if person is None:
        person = reg.new(
            name=None,
            title=text,
            country=title.country,
            ministry=ministry_for(title),
            office=office_of(title.office),
        )
    return person


def _is_subject(mention: Mention, doc: Doc) -> bool:
    root = mention.span(doc).root
    return root.dep_ in ("nsubj", "nsubjpass") or (
        root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")
    )


def _resolve(doc: Doc, mentions: list[Mention], reg: Registry) -> list[Mention]:
    """Give title-only mentions a person (anaphora) and add pronoun mentions."""
    recent: list[Person] = []
    last_subject: Person | None = None
    out: list[Mention] = []
    pronouns = words("pronouns_singular")
    items: list[tuple[int, str, Mention | Token]] = [(m.start, "m", m) for m in mentions]
    said = [i for i, w in enumerate(doc_words(doc)) if w in pronouns]  # no Token for the rest
    items += [(i, "p", doc[i]) for i in said if doc[i].pos_ == "PRON"]
    items.sort(key=lambda x: (x[0], x[1]))
    for _start, _kind, item in items:
        if isinstance(item, Token):
            fallback = last_subject or (recent[-1] if recent else None)
            target = _pronoun_target(item, mentions, reg, fallback)
            if target is not None and item.dep_ in ("nsubj", "nsubjpass", "poss"):
                attrs = {"person": target.key, "pronoun": True}
                out.append(Mention("OFFICIAL", item.i, item.i + 1, "pronoun", 0.5, attrs))
            continue
        if item.attrs.get("person") is None:
            subject = last_subject if _is_subject(item, doc) else None
            title = item.attrs["title"]
            item.attrs["person"] = _person_for_title(doc, title, recent, reg, subject).key
        person = reg.persons[item.attrs["person"]]
        if person in recent:
            recent.remove(person)
        recent.append(person)
        if _is_subject(item, doc):
            last_subject = person
        out.append(item)
    out.sort(key=lambda m: m.start)
    return out


def _delegation_country(tok: Token) -> str | None:
    """ "a delegation from Ethiopia led by X": the country of the party X leads."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "agent" or tok.head.head.lemma_ != "lead":
        return None
    party = tok.head.head.head
    if party.lemma_.lower() not in words("visiting_party_nouns"):
        return None
    for prep in party.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for obj in prep.children:
                code = country_code(obj.text) if obj.dep_ == "pobj" else None
                if code:
                    return code
    return None


def _delegation_leaders(doc: Doc, mentions: list[Mention], persons: dict[int, Person]) -> None:
    """The leader of a delegation from a country, named without one, is of that country."""
    for m in mentions:
        person = persons[m.attrs["person"]]
        if person.country is None:
            person.country = _delegation_country(m.span(doc).root)


def _apply_host(
    doc: Doc, mentions: list[Mention], persons: dict[int, Person], host: str | None
) -> None:
    """Ministers and advisers without a country serve the host country, unless a guest
    ("visiting Deputy Foreign Minister X")."""
    if host is None:
        return
    offices = words("host_offices")
    guests = {
        m.attrs["person"]
        for m in mentions
        if m.start > 0 and doc[m.start - 1].lower_ in words("guest_markers")
    }
    for person in persons.values():
        if (
            person.country is None
            and person.office is not None
            and person.office in offices
            and person.key not in guests
        ):
            person.country = host


def _counterparts(doc: Doc, mentions: list[Mention], persons: dict[int, Person]) -> None:
    """ "the Foreign Minister met her Chilean counterpart X": X holds the same office (and
    its ministry) for Chile; the host is the last official named before, in the sentence."""
    for n, m in enumerate(mentions):
        person = persons[m.attrs["person"]]
        if person.office != "counterpart" or person.ministry:
            continue
        sent = doc[m.start].sent
        host = next(
            (
                persons[o.attrs["person"]]
                for o in reversed(mentions[:n])
                if o.start >= sent.start and persons[o.attrs["person"]].office != "counterpart"
            ),
            None,
        )
        if host is not None and host.office and host.ministry:
            person.office = host.office
            person.ministry = host.ministry


def _named_counterparts(mentions: list[Mention], persons: dict[int, Person]) -> None:
    """ "held talks with his Egyptian counterpart" where the article names Egypt's holder
    of that office elsewhere ("X, Egypt's minister of foreign affairs, arrived ..."): the
    counterpart is that person, when only one fits."""
    for person in list(persons.values()):
        if person.name or "counterpart" not in (person.title or "").lower():
            continue
        if person.country is None or person.office in (None, "counterpart"):
            continue
        fits = [
            p
            for p in persons.values()
            if p.name
            and p.country == person.country
            and (p.office == person.office or person.ministry and p.ministry == person.ministry)
        ]
        if len(fits) != 1:
            continue
        for m in mentions:
            if m.attrs.get("person") == person.key:
                m.attrs["person"] = fits[0].key


def _plural_anaphor(doc: Doc, i: int) -> tuple[int, str | None] | None:
    """ "the two foreign ministers", "both ministers": the end and the singular office;
    "their meeting": the pronoun alone, any office."""
    lowered = doc_words(doc)[i]  # a Token is built per access: test the word first
    if lowered in words("plural_pronouns") and doc[i].pos_ == "PRON":
        return i + 1, None
    if lowered not in words("plural_anaphors"):
        return None
    tok = doc[i]
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1  # "both the ministers"
    return plural_head(doc, j, tok.sent.end)


def _holds(person: Person, kind: str | None) -> bool:
    """Whether the person holds an office of this kind (any office when None)."""
    office = person.office or ""
    return (
        kind is None
        or office == kind
        or (kind == "minister" and "minister" in office)
        or (kind == "foreign minister" and person.ministry == "Ministry of Foreign Affairs")
    )


def _two_named(
    mentions: list[Mention], persons: dict[int, Person], before: int, office: str | None
) -> list[int]:
    """The last two named people mentioned before token ``before`` who hold the office."""
    kind = office_of(office) if office else None
    found: list[int] = []
    for m in reversed([m for m in mentions if m.start < before]):
        person = persons[m.attrs["person"]]
        if person.name and _holds(person, kind) and person.key not in found:
            found.append(person.key)
        if len(found) == 2:
            break
    return found if len(found) == 2 else []


def _plural_anaphora(
    doc: Doc, mentions: list[Mention], persons: dict[int, Person]
) -> list[Mention]:
    """ "The two ministers will meet again": one mention for each of the two last named."""
    out: list[Mention] = []
    taken = tokens_of(mentions)
    cues = words("plural_pronouns") | words("plural_anaphors")
    for i, lowered in enumerate(doc_words(doc)):
        if lowered not in cues or i in taken:
            continue  # most words are no plural anaphor: no Token built for them
        found = _plural_anaphor(doc, i)
        if found is None:
            continue
        tok = doc[i]
        end, office = found
        for key in _two_named(mentions, persons, tok.i, office):
            out.append(Mention("OFFICIAL", tok.i, end, "plural-anaphor", 0.5, {"person": key}))
    return sorted(mentions + out, key=lambda m: m.start)


def find_officials(doc: Doc, dateline_country: str | None) -> Officials:
    """Every official mention of a parsed doc, and the people they refer to.

    Args:
        doc: a parsed doc (parser and NER).
        dateline_country: the country of the article's dateline city, if any: the host of
            ministers named without a country.
    """
    st = _State(Registry())
    _titled_mentions(doc, st)
    _glossed_by_apposition(doc, st)
    _untitled_mentions(doc, st)
    _surname_mentions(doc, st)
    st.mentions.sort(key=lambda m: m.start)
    host = dateline_country
    if host is None:  # "Ambassador of X to Y": Y hosts
        host = next(
            (
                m.attrs["title"].host
                for m in st.mentions
                if m.attrs.get("title") is not None and m.attrs["title"].host
            ),
            None,
        )
    mentions = _resolve(doc, st.mentions, st.reg)
    _counterparts(doc, mentions, st.reg.persons)
    _named_counterparts(mentions, st.reg.persons)
    _delegation_leaders(doc, mentions, st.reg.persons)
    mentions = _plural_anaphora(doc, mentions, st.reg.persons)
    _apply_host(doc, mentions, st.reg.persons, host)
    for m in mentions:  # each mention knows its person's office ("spokesperson")
        m.attrs["office"] = st.reg.persons[m.attrs["person"]].office
    return Officials(mentions, st.reg.persons, host)
