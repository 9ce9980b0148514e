"""Places: countries and cities (NER GPE/LOC, with their country), facilities ("the
Serena Hotel", "the President's House"), and the article's dateline city.

The dateline regex here is not the one in :mod:`extractor.nlp.dates`: that one finds a
*date* at the head of the article (with an optional place) to read the publication date;
this one finds the *city* ("ISLAMABAD:", "MOSCOW. KAZINFORM -"), which often has no date.
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Doc, Span, Token

from extractor.nlp.dateline import doc_dateline, head_text
from extractor.nlp.mentions.base import Mention, first_conjunct, site_after_at
from extractor.nlp.words import (
    capital_of,
    country_code,
    doc_words,
    place_country,
    world_city_country,
)
from extractor.vocab import words

_MONTHS = {m.lower() for m in calendar.month_name[1:]} | {
    m.lower() for m in calendar.month_abbr[1:]
}

# "ADDIS ABABA, Ethiopia -", "Bern, Switzerland" on a line of its own
_DATELINE_CITY_COUNTRY = re.compile(
    r"^([A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2}), ([A-Z][A-Za-z ]+?)(?:\s+[–—-]+\s| *\n)"
)


def _entity_place(doc: Doc, ent: Span) -> Mention | None:
    """A GPE/LOC entity (or an ORG that is a known place), or a named facility."""
    start = ent.start
    text = ent.text
    if ent[0].lower_ == "the":
        start += 1
        text = doc[start : ent.end].text
    # a country or known city the small tagger labels otherwise ("Cyprus" as a PRODUCT)
    mislabelled = ent.label_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW") and place_country(
        text
    )
    if ent.label_ in ("GPE", "LOC") or mislabelled:
        kind = "country" if country_code(text) else "city"
        country = place_country(text) or (world_city_country(text) if kind == "city" else None)
        attrs = {"name": text, "country": country, "kind": kind}
        return Mention("PLACE", start, ent.end, ent.label_.lower(), 0.8, attrs)
    facilities = words("facility_heads")
    if site_after_at(ent):
        attrs = {"name": text, "country": None, "kind": "facility"}
        return Mention("PLACE", start, ent.end, "facility", 0.7, attrs)
    if ent.label_ in ("FAC", "ORG") and (
        ent[-1].lower_ in facilities
        or doc[ent.end - 2 : ent.end].text.lower() in facilities
        or _visited_site(ent)
    ):
        attrs = {"name": text, "country": None, "kind": "facility"}
        return Mention("PLACE", start, ent.end, "facility", 0.8, attrs)
    return None


def _visited_site(ent: Span) -> bool:
    """An institution named as what a visit went to ("visited the National Museum", "a
    visit to the Polytechnic Institute"): the site is the visit's place."""
    root = first_conjunct(ent.root)
    if is_exemplar(root):  # "visited several institutions such as the X and the Y"
        root = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "to":
        root = root.head
    elif root.dep_ != "dobj":
        return False
    return root.head.lemma_.lower() in words("site_visit_lemmas")


def is_exemplar(tok: Token) -> bool:
    """ "institutions such as the X": X is an example of the noun it hangs from."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "as":
        return False
    return any(c.lower_ == "such" for c in prep.children) or (
        prep.i > 0 and tok.doc[prep.i - 1].lower_ == "such"
    )


def _office_facilities(doc: Doc) -> list[Mention]:
    """ "the President's House": office + 's + facility head."""
    out = []
    facilities = words("facility_heads")
    for i in range(len(doc) - 2):
        if not (
            doc[i + 1].text == "'s"
            and doc[i + 2].lower_ in facilities
            and doc[i + 2].text[:1].isupper()
        ):
            continue
        b = i
        while b - 1 >= 0 and doc[b - 1].text[:1].isupper() and not doc[b - 1].is_sent_start:
            b -= 1
        if doc[b].text[:1].isupper():
            name = re.sub(r"\s+'s", "'s", doc[b : i + 3].text)
            attrs = {"name": name, "country": None, "kind": "facility"}
            out.append(Mention("PLACE", b, i + 3, "facility", 0.8, attrs))
    return out


def _misread_date(ent: Span) -> bool:
    """A proper name the NER labelled a date ("in Montevideo for the summit"): no number, no
    month or weekday in it."""
    return ent.label_ == "DATE" and all(
        t.pos_ == "PROPN" and not t.like_num and t.lower_ not in words("weekdays") | _MONTHS
        for t in ent
    )


def _misread_place(doc: Doc, ent: Span) -> Mention | None:
    """A known city or country the NER labelled a person, an organisation or a date, where a place
    goes: the object of "to/in/at" ("flew to Buenos Aires", "a visit to Juba") or of a
    verb's "for" ("left for Juba")."""
    root = ent.root
    if not (ent.label_ in ("PERSON", "ORG") or _misread_date(ent)) or root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ not in words("destination_preps") and not (
        prep.lower_ == "for" and prep.head.pos_ == "VERB"
    ):
        return None
    country = place_country(ent.text) or world_city_country(ent.text)
    if country is None:
        return None
    kind = "country" if country_code(ent.text) else "city"
    attrs = {"name": ent.text, "country": country, "kind": kind}
    return Mention("PLACE", ent.start, ent.end, "misread", 0.7, attrs)


def _untagged_places(doc: Doc, blocked: set[int]) -> list[Mention]:
    """A known city or country the NER left untagged where a place goes: the object of
    "in/at/to" or of a verb's "for" ("met today in Bern", "departed for Asuncion")."""
    out = []
    preps = words("destination_preps") | words("location_preps")
    for tok in doc:
        if tok.ent_type_ or tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.i in blocked:
            continue
        prep = tok.head
        if prep.lower_ not in preps and not (prep.lower_ == "for" and prep.head.pos_ == "VERB"):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        text = doc[start : tok.i + 1].text
        country = place_country(text)
        if country is None:
            continue
        kind = "country" if country_code(text) else "city"
        attrs = {"name": text, "country": country, "kind": kind}
        out.append(Mention("PLACE", start, tok.i + 1, "untagged", 0.6, attrs))
    return out


def _named_capitals(doc: Doc) -> list[Mention]:
    """ "the Kazakh capital": the country's capital city, or the name set beside it ("the
    Nigerian capital, Abuja")."""
    out = []
    for i, w in enumerate(doc_words(doc)):
        if w != "capital" or i == 0:
            continue  # no Token built for other words
        tok = doc[i]
        if tok.pos_ != "NOUN":
            continue
        code = country_code(doc[tok.i - 1].text)
        if code is None or not any(c.lower_ == "the" for c in tok.children):
            continue
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        name = doc[named.left_edge.i : named.i + 1].text if named else capital_of(code)
        if name:
            attrs = {"name": name, "country": code, "kind": "city"}
            out.append(Mention("PLACE", tok.i - 1, tok.i + 1, "capital", 0.7, attrs))
    return out


def _listed_countries(doc: Doc, found: list[Mention], blocked: set[int]) -> list[Mention]:
    """A country name the NER labelled otherwise, listed with places ("will visit Ghana,
    Togo and Lesotho", where "Lesotho" came out a PERSON): a place too."""
    roots = {m.span(doc).root.i for m in found}
    out = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") or len(ent) != 1 or ent.start in blocked:
            continue
        code = country_code(ent.text)
        if code and any(t.i in roots for t in ent.root.conjuncts):
            attrs = {"name": ent.text, "country": code, "kind": "country"}
            out.append(Mention("PLACE", ent.start, ent.end, "listed", 0.7, attrs))
    return out


def _site_objects(tok: Token) -> list[Token]:
    """What a site-visit word names: a verb's object, a "to" object ("a visit to the X"),
    and the words conjoined with either ("visited the X and the Y")."""
    found = [c for c in tok.children if c.dep_ == "dobj" and tok.pos_ == "VERB"]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            found += [g for g in c.children if g.dep_ == "pobj"]
    return [o for first in found for o in (first, *first.conjuncts)]


def _site_name(doc: Doc, obj: Token, blocked: set[int]) -> Span | None:
    """ "the Korbas Hi-Tech Park", "the Ribeira Alta hydropower plant", "the Port of Aden":
    a capitalised name (with its "of X") as the object of a site visit, or None."""
    if obj.ent_type_ in ("GPE", "LOC", "NORP", "DATE") or obj.lower_ in words("site_generic_nouns"):
        return None
    start = obj.left_edge.i
    while start < obj.i and doc[start].dep_ in ("det", "poss"):
        start += 1
    end = obj.i + 1
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and any(g.pos_ == "PROPN" for g in of.children):
        end = of.right_edge.i + 1
    name = doc[start:end]
    if (
        not name[0].text[:1].isupper()
        or name[0].pos_ != "PROPN"
        or name[0].ent_type_ in ("GPE", "NORP")
        or (obj.pos_ == "PROPN" and obj.ent_type_ == "PERSON")
        or any(t.i in blocked or t.is_punct and t.text != "-" or t.pos_ == "CCONJ" for t in name)
    ):
        return None
    return name


def _named_sites(doc: Doc, blocked: set[int]) -> list[Mention]:
    """Named sites a visit went to, whatever the tagger labelled them (a park as a law, a
    plant's name as a person): the visit's place, one per site (EVENTS.md 3.6)."""
    out = []
    lemmas = words("site_visit_lemmas")
    for tok in doc:
        if tok.lemma_.lower() not in lemmas or tok.pos_ not in ("VERB", "NOUN"):
            continue
        for obj in _site_objects(tok):
            name = _site_name(doc, obj, blocked)
            if name is not None:
                attrs = {"name": name.text, "country": None, "kind": "facility"}
                out.append(Mention("PLACE", name.start, name.end, "site", 0.7, attrs))
    return out


def find_places(doc: Doc, blocked: set[int], titles: set[int] | None = None) -> list[Mention]:
    """Places of a doc, in order, without overlaps (the earlier, longer one wins).

    Args:
        doc: a parsed doc.
        blocked: tokens no place may take (officials' titles, initiative names).
        titles: the officials' titles alone, all a visited site may not take (a site
            visited is its place even when its name reads as a project's: "the X Market").
    """
    out: list[Mention] = []
    for ent in doc.ents:
        if any(t in blocked for t in range(ent.start, ent.end)):
            continue
        found = _entity_place(doc, ent) or _misread_place(doc, ent)
        if found is not None:
            out.append(found)
    out += _listed_countries(doc, out, blocked)
    out += _untagged_places(doc, blocked)
    out += _office_facilities(doc)
    out += _named_capitals(doc)
    out += _named_sites(doc, blocked if titles is None else titles)
    out.sort(key=lambda m: (m.start, -m.end))
    dedup: list[Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    return dedup


def _wire_dateline(doc: Doc) -> Mention | None:
    """The city of the wire dateline (:mod:`extractor.nlp.dateline`: "ISLAMABAD:", "Baku, May 4,
    AZERTAC", "RIYADH May 4 (SPA) --", "4 May 2025, Addis Ababa -", "ASTANA. KAZINFORM -"), if
    it is a known place."""
    found = doc_dateline(doc)
    if found is None:
        return None
    span = doc.char_span(found.city_start, found.city_end, alignment_mode="expand")
    if span is None:
        return None
    written = head_text(doc)[found.city_start : found.city_end]  # "ALGIERS-" is one token
    city = written.rstrip(".").title()  # "ASTANA. KAZINFORM -": the city only
    code = place_country(city) or world_city_country(city)
    if code is None or country_code(city) is not None:
        return None  # "Kenya, May 4 -": a country is no dateline city
    attrs = {"name": city, "country": code, "kind": "city"}
    return Mention("PLACE", span.start, span.end, "dateline", 0.7, attrs)


def _header_dateline(doc: Doc) -> Mention | None:
    """A "City, Country" header ("ADDIS ABABA, Ethiopia -", "Bern, Switzerland" on a line of
    its own), which the wire-dateline finder leaves alone: it does not know countries."""
    m = _DATELINE_CITY_COUNTRY.match(doc[:40].text)  # doc.text would rebuild the whole text
    if m is None or country_code(m.group(2)) is None:
        return None
    city = m.group(1).title()
    code = place_country(city) or world_city_country(city)
    span = doc.char_span(0, len(m.group(1)), alignment_mode="expand")
    if code is None or span is None:
        return None
    attrs = {"name": city, "country": code, "kind": "city"}
    return Mention("PLACE", span.start, span.end, "dateline", 0.7, attrs)


def find_dateline(doc: Doc) -> Mention | None:
    """The dateline's city at the start of the text, as a PLACE mention."""
    return _wire_dateline(doc) or _header_dateline(doc)
