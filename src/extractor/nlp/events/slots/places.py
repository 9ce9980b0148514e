"""The place of a trigger: a visit's destination or the event's "in/at X", a tour's legs,
and the dateline's city for "here" / "the capital"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    ancestors,
    in_subtree,
    tree_distance,
    visiting_guest,
)
from extractor.nlp.events.checks import gathering_root
from extractor.nlp.events.unnamed_gatherings import unnamed_gathering
from extractor.nlp.mentions.base import DocMentions, Mention
from extractor.nlp.mentions.places import is_exemplar
from extractor.nlp.words import country_name, place_country, world_city_country
from extractor.vocab import words


def _via_arguments(anchor: Token, tok: Token, limit: int = 4) -> bool:
    """Whether ``anchor`` hangs from the trigger through its participants or object only.

    Parsers attach "in Oslo" to the last noun ("talks with her counterpart X in Oslo", "an
    MoU on Y in Oslo"); the place still belongs to the event. A path through other
    prepositions ("resigned after the elections in X") does not."""
    top = (
        tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass")
        else tok
    )
    path = [anchor, *ancestors(anchor, limit)]
    for n, t in enumerate(path):
        if t.i in (tok.i, top.i):
            return n <= limit
        if t.dep_ == "prep" and t.lower_ not in words("argument_preps"):
            return False
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _bound_for(tok: Token, prep: Token) -> bool:
    """ "left Baku for Rome": the "for" of a departure verb names where it went."""
    return prep.lower_ == "for" and prep.head == tok and tok.lemma_ in words("departure_lemmas")


def _toured(tok: Token, prep: Token) -> bool:
    """ "a tour of Peru and Chile": the "of" of a tour noun names the places toured."""
    return prep.lower_ == "of" and prep.head == tok and tok.lower_ in words("touring_nouns")


def _departure_point(root: Token, tok: Token) -> bool:
    """ "left Baku (for Rome)": the city left, a visit's place only when nothing else is."""
    return root.dep_ == "dobj" and root.head == tok and tok.lemma_ in words("departure_lemmas")


def _visit_destination(cand: Candidate, root: Token, prep: Token | None) -> bool:
    """ "visit to Oslo", "visited Oslo", "arrived in the Oslo region", "left for Oslo"."""
    tok = cand.token
    own_prep = prep is not None and cand.trigger.start <= prep.i < cand.trigger.end
    return cand.type == EventType.VISIT and (
        (
            prep is not None
            and (
                prep.lower_ in words("destination_preps")
                or own_prep
                or _bound_for(tok, prep)
                or _toured(tok, prep)
            )
            and tree_distance(root, tok) <= 3
        )
        or (root.dep_ == "dobj" and root.head == tok)
        or (is_exemplar(root) and root.head.head.dep_ == "dobj" and root.head.head.head == tok)
        or (root.dep_ == "compound" and root.head.dep_ == "pobj" and tree_distance(root, tok) <= 4)
        or _for_clause_subject(root, tok)
    )


def _for_clause_subject(root: Token, tok: Token) -> bool:
    """ "left for Accra to attend X", parsed as a for-to clause whose subject is the place."""
    clause = root.head
    return (
        root.dep_ == "nsubj"
        and clause.head.i == tok.i
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
    )


def _event_place(cand: Candidate, prep: Token | None) -> bool:
    """ "in/at X" hanging from the trigger, its object or its clause."""
    tok = cand.token
    if prep is None or prep.lower_ not in words("location_preps"):
        return False
    if cand.type == EventType.PROPOSAL:
        return False  # where a proposed thing would be is not where it was proposed
    path = [prep.head, *ancestors(prep.head, 6)]
    # "spoke at a forum that opened in Lima": an unnamed gathering's clause places it too
    held = unnamed_gathering(tok) if cand.type == EventType.HOSTED_EVENT else None
    own = {tok.i} if held is None else {tok.i, held.i}
    if any(
        t.pos_ in ("VERB", "AUX")
        and t.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl")
        and t.i != tok.i
        and in_subtree(t, tok)
        and not (t.dep_ in ("acl", "relcl") and t.head.i in own)
        and not visiting_guest(t)  # "received visiting X in Hanoi"
        for t in path
    ):
        # a place inside a complement clause ("invited X to operate in Y"); the event
        # noun's own clause places it ("a meeting ... to be held in Moscow")
        return False
    anchor = prep.head
    return (
        anchor == tok
        or tree_distance(anchor, tok) <= 2
        or (anchor == tok.head and tok.pos_ in ("NOUN", "PROPN"))
        or _via_arguments(anchor, tok)
        or tree_distance(gathering_root(anchor), tok) <= 2  # "the work of the X Summit in Y"
        or (held is not None and tree_distance(anchor, held) <= 1)
    )


def _own_destinations(cand: Candidate, options: list[Mention], doc: Doc) -> list[Mention]:
    """ "received X at the Palace, on an official visit to Brazil": a visit noun's own
    destination places the visit, not a place of the clause it hangs in."""
    tok = cand.token
    if cand.type != EventType.VISIT or tok.pos_ not in ("NOUN", "PROPN"):
        return []
    return [
        m
        for m in options
        if (root := m.span(doc).root).dep_ == "pobj"
        and root.head.head == tok
        and root.head.lower_ in words("destination_preps")
    ]


def _place_mention(cand: Candidate, places: list[Mention], doc: Doc) -> Mention | None:
    """The trigger's place mention: the nearest facility, else city, else country."""
    tok = cand.token
    options = []
    sent = cand.sent
    for m in places:
        if not sent.start <= m.start < sent.end or m.source == "dateline":
            continue
        root = m.span(doc).root
        prep = root.head if root.dep_ == "pobj" else None
        if _visit_destination(cand, root, prep) or _event_place(cand, prep):
            options.append(m)
    if not options:
        return _host_city(cand, places, doc)
    options = _own_destinations(cand, options, doc) or options
    rank = {"facility": 0, "city": 1, "country": 2}
    return min(
        options,
        key=lambda m: (
            _departure_point(m.span(doc).root, tok),
            rank.get(m.attrs.get("kind") or "", 3),
            tree_distance(m.span(doc).root, tok),
        ),
    )


def _host_city(cand: Candidate, places: list[Mention], doc: Doc) -> Mention | None:
    """ "Santiago will host the X summit": a city that hosts a gathering is its place."""
    tok = cand.token
    if cand.type != EventType.HOSTED_EVENT or tok.lemma_ not in words("hosting_lemmas"):
        return None
    return next(
        (
            m
            for m in places
            if m.attrs.get("kind") == "city"
            and (root := m.span(doc).root).dep_ == "nsubj"
            and root.head.i == tok.i
        ),
        None,
    )


def _as_location(best: Mention, places: list[Mention], doc: Doc) -> dict:
    """A place mention as a record's location, with its country."""
    country = best.attrs.get("country")
    if country is None:
        # a building takes the country of the city it stands in ("Centre in Nairobi")
        root = best.span(doc).root
        country = next(
            (
                m.attrs.get("country")
                for m in places
                if m is not best
                and m.attrs.get("country")
                and m.span(doc).sent == root.sent
                and tree_distance(m.span(doc).root, root) <= 2
            ),
            None,
        )
    return {"name": best.attrs["name"], "country": country}


_PLACE_ENTS = ("GPE", "LOC", "FAC", "ORG", "PERSON")


def own_destination(verb: Token) -> bool:
    """Whether a travel verb names a place of its own ("flew to Pristina", "will head to
    Skopje", "visited Lima"): a place name as its object or its "to/in/at/for" object."""
    preps = words("destination_preps") | {"for"}
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            objects += [g for g in c.children if g.dep_ == "pobj"]
    return any(o.pos_ == "PROPN" and o.ent_type_ in _PLACE_ENTS for o in objects)


def destination_country(visit: Token) -> str | None:
    """The country of the place a visit trigger names as its own "to/in/for" object ("her
    visit to Lome": TGO), or the name of a GPE the tables do not know ("Bali"); None when
    it names none, or a region ("Central Asia")."""
    preps = words("destination_preps") | {"for"}
    for c in visit.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ in _PLACE_ENTS:
                    name = g.doc[g.left_edge.i : g.i + 1].text
                    code = place_country(name) or world_city_country(name)
                    if code or g.ent_type_ == "GPE":  # an island or city of no table
                        return code or name
    return None


def dateline_place(cand: Candidate, dateline: Mention) -> dict | None:
    """ "here", "the capital", "the city", "the country" near the trigger: the dateline's
    city (or its country) in an article with a dateline."""
    city = {"name": dateline.attrs["name"], "country": dateline.attrs["country"]}
    nouns = words("dateline_city_nouns") | {"country"}
    for t in cand.sent:
        word = t.lower_
        if word == "here":
            if tree_distance(t, cand.token) <= 3:
                return city
            continue
        if word not in nouns or tree_distance(t, cand.token) > 2:
            continue  # the word first: the parse walk only for the few that can match
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue
        if word != "country":
            return city
        if city["country"]:
            return {"name": country_name(city["country"]), "country": city["country"]}
    return None


def host_country(cand: Candidate, mentions: DocMentions) -> dict | None:
    """ "X is now in the country on a visit" with no dateline: the one country the
    article names besides the visitor's own."""
    if cand.type != EventType.VISIT or not any(t.lower_ == "country" for t in cand.trigger):
        return None
    own = {mentions.persons[k].country for k in cand.persons}
    codes = {
        m.attrs["country"]
        for m in mentions.places
        if m.attrs.get("kind") == "country" and m.attrs.get("country") not in own
    }
    if len(codes) != 1:
        return None
    code = codes.pop()
    return {"name": country_name(code), "country": code}


def place_for(cand: Candidate, places: list[Mention], doc: Doc) -> dict | None:
    """The trigger's location: the nearest facility, else city, else country."""
    best = _place_mention(cand, places, doc)
    return None if best is None else _as_location(best, places, doc)


def place_within(places: list[Mention], start: int, end: int, doc: Doc) -> dict | None:
    """The first place named between two token offsets ("met A in Cairo on Monday")."""
    inside = [m for m in places if start <= m.start < end]
    return _as_location(inside[0], places, doc) if inside else None


def tour_legs(cand: Candidate, places: list[Mention], doc: Doc) -> tuple[list[dict], bool]:
    """The places of a tour: the visit's destination with the places coordinated with it
    ("will visit Kenya, Ghana and Senegal"), in text order, empty for a single place; and
    whether they are all named sites ("the X University and the Y Hospital")."""
    best = _place_mention(cand, places, doc)
    if best is None or cand.type != EventType.VISIT:
        return [], False
    conjuncts = {t.i for t in best.span(doc).root.conjuncts}
    legs = [m for m in places if m is best or m.span(doc).root.i in conjuncts]
    if len(legs) < 2:
        return [], False
    legs.sort(key=lambda m: m.start)
    sites = all(m.attrs.get("kind") == "facility" for m in legs)
    return [_as_location(m, places, doc) for m in legs], sites
