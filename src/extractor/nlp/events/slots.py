"""Slot attachment: which date, officials, initiatives and place of its sentence belong to
a trigger, through the parse where several events share a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    ancestors,
    in_subtree,
    tree_distance,
)
from extractor.nlp.events.checks import act_verb_of, is_hosted, named_gathering
from extractor.nlp.mentions.base import DocMentions, Mention
from extractor.nlp.words import country_name
from extractor.vocab import words

# --------------------------------------------------------------------------------------
# Date


def _siblings(tok: Token, in_sent: list[Span]) -> list[Span]:
    """Dates that are siblings of the trigger in its clause."""
    return [
        d
        for d in in_sent
        if d.root.head == tok.head
        and tok.dep_ != "ROOT"
        or in_subtree(d.root, tok.head)
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr")
        and tree_distance(d.root, tok) <= 3
    ]


act_verb = act_verb_of  # the verb of an act (shared with the checks)


def _holds(verb: Token, noun: Token) -> bool:
    """ "the meeting ... held in Oslo on 5 March": the noun's own holding clause."""
    return (
        verb.dep_ in ("acl", "relcl")
        and verb.head.i == noun.i
        and (
            verb.lemma_ in words("hosting_lemmas") | words("gathering_verbs")
            or verb.lemma_ == "take"
        )
    )


def pick_date(
    cand: Candidate, dates: list[Span], n_events: int, others: Sequence[Token] = ()
) -> Span | None:
    """The date that dates this trigger: in its subtree (not inside another trigger's
    clause, e.g. the visit's date inside "invitation to visit ... later this year"), else
    a sibling in its clause, else the sentence's only date when it has only one event."""
    tok = cand.token
    # another event's trigger inside this one's subtree keeps its own dates ("invited him to
    # a meeting of the council to be held on 5 April": the date is the meeting's)
    nested = [
        act_verb(o) for o in others if o.i != tok.i and in_subtree(o, tok) and not _holds(o, tok)
    ]
    # conjoined acts share their modifiers ("called on A and held talks with B on Monday")
    nested = [o for o in nested if o != tok and not (o.dep_ == "conj" and o.head == tok)]
    dates = [d for d in dates if not any(in_subtree(d.root, o) for o in nested)]
    inside = [d for d in dates if d.sent == cand.sent and in_subtree(d.root, tok)]
    if inside:
        return min(inside, key=lambda d: (tree_distance(d.root, tok), abs(d.start - tok.i)))
    in_sent = [d for d in dates if d.sent == cand.sent]
    siblings = _siblings(tok, in_sent)
    if siblings:
        return min(siblings, key=lambda d: tree_distance(d.root, tok))
    # "his meeting with X during the inauguration of Y in May 2023": a "during"/"at"/"on the
    # sidelines of" phrase of the trigger's clause anchors it in time
    for anchor in (tok, tok.head):
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in words("time_anchor_preps"):
                inner = [d for d in in_sent if in_subtree(d.root, c)]
                if inner:
                    return min(inner, key=lambda d: tree_distance(d.root, tok))
    if n_events == 1 and len(in_sent) == 1:
        return in_sent[0]
    return None


# --------------------------------------------------------------------------------------
# Officials


def _is_source(m: Mention, doc: Doc) -> bool:
    """ "According to the minister, ...": the mention names where a report comes from."""
    root = m.span(doc).root
    while root.dep_ in ("appos", "conj") and root.head.i != root.i:
        root = root.head
    prep = root.head
    return (
        root.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ in words("source_markers")
    )


def _near_trigger(m: Mention, cand: Candidate) -> bool:
    """ "The two ministers will hold the meeting": a plural anaphor stands for its people
    only as an argument of the trigger or of the verb above it."""
    root = m.span(cand.sent.doc).root
    tok = cand.token
    return root.head.i in (tok.i, tok.head.i) or tree_distance(root, tok) <= 2


def _reporter(m: Mention, cand: Candidate) -> bool:
    """ "..., the ministry's spokesperson said": a spokesperson who is not an argument of
    the trigger reports the event."""
    return m.attrs.get("office") in words("reporting_offices") and not _near_trigger(m, cand)


def participants(cand: Candidate, sent_officials: list[Mention]) -> list[Mention]:
    """The sentence's official mentions that may take part in its events (not sources or
    reporting spokespersons; plural anaphors only near the trigger)."""
    doc = cand.sent.doc
    return [
        m
        for m in sent_officials
        if not _is_source(m, doc)
        and (m.source != "plural-anaphor" or _near_trigger(m, cand))
        and not _reporter(m, cand)
    ]


def officials_for(cand: Candidate, sent_officials: list[Mention]) -> list[int]:
    """Person keys of the trigger's officials: the visitor alone for a visit."""
    keys: list[int] = []
    sent_officials = participants(cand, sent_officials)
    for m in sent_officials:
        key = m.attrs.get("person")
        if key is not None and key not in keys:
            keys.append(key)
    if cand.type == EventType.VISIT:
        visitor = _agent(cand.token, sent_officials)
        if visitor is not None:
            return [visitor] if visitor >= 0 else []
    if cand.type == EventType.APPOINTMENT:
        holder = _possessor(cand.token, sent_officials)
        if holder is not None:
            return [holder]
    return keys


def _possessor(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "upon his election", "X's appointment": whose office it is, unless the trigger is
    shared by envoy and host ("presented his credentials to the President")."""
    if token.lower_ in words("shared_appointment_words"):
        return None
    by_token = {m.start: m for m in sent_officials if m.attrs.get("person") is not None}
    for c in token.children:
        if c.dep_ == "poss":
            for s in c.subtree:
                if s.i in by_token:
                    return by_token[s.i].attrs["person"]
    return None


def _invitee(t: Token, by_token: dict[int, Mention]) -> int | None:
    """ "X invited Y to visit": the invited official visits."""
    for c in t.children:
        if c.dep_ == "dobj":
            for s in c.subtree:
                if s.i in by_token:
                    return by_token[s.i].attrs.get("person")
    return None


def _subject_person(t: Token, by_token: dict[int, Mention]) -> int | None:
    """The possessor or subject of ``t`` as a person key; -1 when it names no official."""
    for c in t.children:
        antecedent = c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")
        if antecedent and t.dep_ == "relcl":
            c = t.head  # "Minister X, who is in Lima to ...": the relative's antecedent
        if c.dep_ in ("poss", "nsubj", "nsubjpass") or c.i == t.head.i:
            for s in c.subtree:
                if s.i in by_token and by_token[s.i].attrs.get("person") is not None:
                    return by_token[s.i].attrs["person"]
            if c.dep_ in ("nsubj", "nsubjpass"):
                return -1
    return None


def _agent(token: Token, sent_officials: list[Mention]) -> int | None:
    """The visitor: the possessor or subject of the trigger or of the verbs above it.

    Returns -1 when the visitor is not a named official, None when there is no subject.
    """
    by_token = {t: m for m in sent_officials for t in range(m.start, m.end)}
    for t in [token, *ancestors(token, 4)]:
        if t.lemma_ == "invitation":
            continue  # "the Prime Minister's invitation to visit": the possessor invites
        if t.lemma_ == "invite":
            invited = _invitee(t, by_token)
            if invited is not None:
                return invited
        found = _subject_person(t, by_token)
        if found is not None:
            return found
    return None


def attendees(noun: Token, sent_officials: list[Mention]) -> list[int]:
    """Who took part in an event named by a noun: the subject of "attended the meeting",
    "was present at the talks", or the agent of "the meeting was attended by X"."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "nsubjpass":
        verb = noun.head
    if verb.lemma_.lower() not in words("attendance_lemmas"):
        return []
    people = []
    holders = [verb, verb.head] if verb.dep_ == "acomp" else [verb]  # "was present at"
    for c in (c for h in holders for c in h.children):
        if c.dep_ in ("nsubj", "agent") and c.i != noun.i:
            people += [t.i for t in c.subtree]
    keys: list[int] = []
    for m in sent_officials:
        key = m.attrs.get("person")
        if m.start in people and key is not None and key not in keys:
            keys.append(key)
    return keys


def _verb_above(tok: Token) -> Token | None:
    """The verb a date or a prepositional phrase hangs from."""
    for t in [tok, *ancestors(tok, 3)]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def statement_date(cand: Candidate, dates: list[Span], officials: list[Mention]) -> Span | None:
    """ "X on Thursday stressed ... X made the remarks during the courtesy call of Y": the
    event that is the setting of X's statement has the date the text gives that statement
    in the sentences just before."""
    tok = cand.token
    if tok.dep_ != "pobj" or tok.head.lower_ not in words("time_anchor_preps"):
        return None
    verb = _verb_above(tok.head)
    speaker = _agent(verb, officials) if verb is not None else None
    if speaker is None or speaker < 0:
        return None
    start = cand.sent.start
    for d in reversed([d for d in dates if d.end <= start]):
        if start - d.sent.start > 80:
            break
        said = _verb_above(d.root)
        in_sent = [m for m in officials if d.sent.start <= m.start < d.sent.end]
        if said is not None and _agent(said, in_sent) == speaker:
            return d
    return None


def _own_clause(tok: Token) -> set[int]:
    """Tokens of a verb's clause without its subject and its conjoined verbs' clauses."""
    drop = {
        t.i for c in tok.children if c.dep_ in ("conj", "nsubj", "nsubjpass") for t in c.subtree
    }
    return {t.i for t in tok.subtree} - drop


def own_counterparts(tok: Token, sent_officials: list[Mention]) -> list[int]:
    """Officials named in a verb's own clause ("... and held talks with B": B)."""
    own = _own_clause(tok)
    keys: list[int] = []
    for m in sent_officials:
        key = m.attrs.get("person")
        if m.start in own and key is not None and key not in keys:
            keys.append(key)
    return keys


def plural_counterparts(cand: Candidate, sent_officials: list[Mention]) -> list[int]:
    """The officials a plural meeting or call noun names ("meetings with A and B"): each
    is a record of its own (EVENTS.md 3.6); empty when fewer than two."""
    tok = cand.token
    if tok.lower_ not in words("separable_plurals"):
        return []
    named = [m for m in sent_officials if m.span(tok.doc).root.dep_ != "poss"]
    keys = own_counterparts(tok, named)
    return keys if len(keys) >= 2 else []


def act_persons(cand: Candidate, sent_officials: list[Mention]) -> list[int]:
    """One of several conjoined acts: its subject and its own counterparts."""
    verb = act_verb(cand.token)
    agent = _agent(verb, sent_officials)
    keys = [agent] if agent is not None and agent >= 0 else []
    return keys + [k for k in own_counterparts(verb, sent_officials) if k not in keys]


def twin_persons(cand: Candidate, sent_officials: list[Mention]) -> None:
    """ "a meeting between A and B, who called on him on Tuesday": triggers of one type in a
    sentence are one event, whose participants are all of theirs."""
    for twin in cand.twins:
        if not in_subtree(cand.token, twin.token):
            continue
        own = {t.i for t in twin.token.subtree}
        for m in participants(cand, sent_officials):
            key = m.attrs.get("person")
            if m.start in own and key is not None and key not in cand.persons:
                cand.persons.append(key)


def nested_persons(
    cand: Candidate, local: list[Candidate], sent_officials: list[Mention]
) -> list[int] | None:
    """Officials of a trigger inside another trigger's clause: only its own subtree's.

    "asked the envoy to the Summit that Lima will host in May": the summit's participants
    are not the inviter and the invitee. None when the trigger is not nested (a visit
    keeps its visitor).
    """
    outer = [
        o
        for o in local
        if o is not cand
        and o.token.i != cand.token.i
        and in_subtree(cand.token, o.token)
        and cand.token.pos_ in ("VERB", "AUX")
    ]
    if not outer or cand.type == EventType.VISIT:
        return None
    own = {t.i for t in cand.token.subtree}
    keys = [
        m.attrs["person"]
        for m in participants(cand, sent_officials)
        if m.start in own and m.attrs.get("person") is not None
    ]
    return keys


# --------------------------------------------------------------------------------------
# Initiatives


def _object_span(n: Token) -> Span:
    """The noun phrase of an object head, cut at a date or a place inside it."""
    left = n.left_edge.i
    right = n.i + 1
    # keep "from X to Y" and "on X" modifiers, not relative clauses or dates
    for c in n.rights:
        if c.dep_ == "prep" and c.lower_ in words("object_preps"):
            right = c.right_edge.i + 1
        else:
            break
    span = n.doc[left:right]
    # a date or a place inside the phrase ends it ("agreement on visa exemption on
    # 12 May", "terminal in Oslo")
    for t in span:
        if t.ent_type_ in ("DATE", "TIME") or (
            t.dep_ == "prep" and t.lower_ in words("location_preps") and t.i > n.i
        ):
            span = n.doc[left : t.i]
            break
    while len(span) and span[-1].dep_ == "prep":
        span = span[:-1]
    while len(span) and span[0].pos_ in ("DET", "PRON", "CCONJ", "PUNCT"):
        span = span[1:]
    return span


def object_chunks(token: Token) -> list[Span]:
    """Noun phrases the trigger acts on: dobj, 'of'-objects, passive subjects, conjuncts."""
    heads: list[Token] = []
    # "agreed to establish a joint business council": the undertaking's object
    verbs = [token] + [
        c
        for c in token.children
        if c.dep_ in ("xcomp", "ccomp", "acl") and c.lemma_ in words("undertaking_verbs")
    ]  # "suggested that they set up X", "a proposal to create X"
    for c in (c for v in verbs for c in v.children):
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(c)
        if c.dep_ == "prep" and c.lower_ in words("complement_preps"):
            heads.extend(
                g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
            )
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        heads.append(token.head)
    out = []
    for h in heads:
        for n in (h, *h.conjuncts):
            span = _object_span(n)
            if len(span):
                out.append(span)
    return out


def _proposed_undertakings(token: Token) -> list[str]:
    """What a proposal names as its object when no initiative is: a noun phrase headed by
    an undertaking ("a joint business council", "direct flights"), through "the launch /
    establishment of" or a proposed clause ("proposed that they launch X")."""
    chunks = object_chunks(token)
    for c in token.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB":
            chunks += object_chunks(c)
    inner = [
        c
        for chunk in chunks
        if chunk.root.lower_ in words("undertaking_nouns")
        for v in (chunk.root, *(g for g in chunk.root.children if g.dep_ in ("acl", "relcl")))
        for c in object_chunks(v)
    ]  # "the establishment of X", "an initiative to create X"
    heads = words("initiative_heads") | words("proposal_heads")
    names = [
        c.text.strip(" ,.") for c in (inner or chunks) if len(c) >= 2 and c.root.lower_ in heads
    ]
    return list(dict.fromkeys(names))


def _gathering(m: Mention) -> bool:
    """A named gathering or body that meets: what an invitation in its sentence is to."""
    return bool(m.attrs.get("event_like") or m.attrs.get("body"))


def _proposed(other: Candidate, cand: Candidate) -> bool:
    """Whether ``other`` is what the proposal ``cand`` proposes ("proposed holding X")."""
    return cand.type == EventType.PROPOSAL and in_subtree(other.token, cand.token)


def fill_initiatives(
    cand: Candidate, local: list[Candidate], sent_initiatives: list[Mention], doc: Doc
) -> None:
    """The initiatives of a trigger: its sentence's, unless nearer another trigger; for a
    launch or an agreement without one, the noun phrase it acts on."""
    names: list[str] = []
    for m in sent_initiatives:
        root = m.span(doc).root
        if (cand.type == EventType.HOSTED_EVENT and is_hosted(m, cand.token)) or (
            cand.type in (EventType.INVITATION, EventType.VISIT) and _gathering(m)
        ):  # a visit's gathering is what it is for ("arrived to attend the X Summit")
            if m.attrs["name"] not in names:
                names.append(m.attrs["name"])
            continue
        if len(local) > 1:
            mine = tree_distance(root, cand.token)
            if any(
                tree_distance(root, o.token) < mine and not _proposed(o, cand)
                for o in local
                if o is not cand
            ):
                continue
        if m.attrs["name"] not in names:
            names.append(m.attrs["name"])
    gathering = named_gathering(cand.token) if cand.type == EventType.HOSTED_EVENT else None
    if not names and gathering:
        names = [gathering]
    if not names and cand.type == EventType.PROPOSAL:
        names = _proposed_undertakings(cand.token)
    if not names and cand.type in (EventType.LAUNCH, EventType.AGREEMENT):
        names = [
            chunk.text.strip(" ,.") for chunk in object_chunks(cand.token) if _undertaking(chunk)
        ]
    cand.initiatives = names


def _undertaking(chunk: Span) -> bool:
    """Whether an object phrase names an undertaking: not a person, not a generic noun
    ("specific measures")."""
    if len(chunk) < 2 or any(t.ent_type_ == "PERSON" and t.is_alpha for t in chunk):
        return False
    if chunk.text.strip(" ,.").lower() in words("empty_objects"):
        return False
    return chunk.root.lemma_.lower() not in words("generic_objects") | words(
        "vague_cooperation_objects"
    )


def sentence_ministries(cand: Candidate, mentions: DocMentions) -> None:
    """Every ministry of the trigger's sentence (one per country it names); one named
    without a country that an official of the event already implies is that one ("the
    Foreign Minister will travel, the foreign ministry said")."""
    sent = cand.sent
    implied = {mentions.persons[k].ministry for k in cand.persons}
    for m in mentions.ministries:
        if sent.start <= m.start < sent.end:
            codes = m.attrs.get("countries") or [None]
            if codes == [None] and m.attrs["name"] in implied:
                continue
            for code in codes:
                cand.ministries.append((m.attrs["name"], code))


# --------------------------------------------------------------------------------------
# Place


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


def _visit_destination(cand: Candidate, root: Token, prep: Token | None) -> bool:
    """ "visit to Oslo", "visited Oslo", "arrived in the Oslo region", "left for Oslo"."""
    tok = cand.token
    own_prep = prep is not None and cand.trigger.start <= prep.i < cand.trigger.end
    return cand.type == EventType.VISIT and (
        (
            prep is not None
            and (prep.lower_ in words("destination_preps") or own_prep)
            and tree_distance(root, tok) <= 3
        )
        or (root.dep_ == "dobj" and root.head == tok)
        or (root.dep_ == "compound" and root.head.dep_ == "pobj" and tree_distance(root, tok) <= 4)
    )


def _event_place(cand: Candidate, prep: Token | None) -> bool:
    """ "in/at X" hanging from the trigger, its object or its clause."""
    tok = cand.token
    if prep is None or prep.lower_ not in words("location_preps"):
        return False
    if cand.type == EventType.PROPOSAL:
        return False  # where a proposed thing would be is not where it was proposed
    path = [prep.head, *ancestors(prep.head, 6)]
    if any(
        t.pos_ in ("VERB", "AUX")
        and t.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl")
        and t.i != tok.i
        and in_subtree(t, tok)
        and not (t.dep_ in ("acl", "relcl") and t.head.i == tok.i)
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
    )


def _place_mention(cand: Candidate, places: list[Mention], doc: Doc) -> Mention | None:
    """The trigger's place mention: the nearest facility, else city, else country."""
    tok = cand.token
    options = []
    for m in places:
        span = m.span(doc)
        if span.sent != cand.sent or m.source == "dateline":
            continue
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if _visit_destination(cand, root, prep) or _event_place(cand, prep):
            options.append(m)
    if not options:
        return None
    rank = {"facility": 0, "city": 1, "country": 2}
    return min(
        options,
        key=lambda m: (
            rank.get(m.attrs.get("kind") or "", 3),
            tree_distance(m.span(doc).root, tok),
        ),
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


def dateline_place(cand: Candidate, dateline: Mention) -> dict | None:
    """ "here", "the capital", "the city", "the country" near the trigger: the dateline's
    city (or its country) in an article with a dateline."""
    city = {"name": dateline.attrs["name"], "country": dateline.attrs["country"]}
    for t in cand.sent:
        if tree_distance(t, cand.token) > 3:
            continue
        if t.lower_ == "here":
            return city
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            continue
        if t.lower_ in words("dateline_city_nouns"):
            return city
        if t.lower_ == "country" and city["country"]:
            return {"name": country_name(city["country"]), "country": city["country"]}
    return None


def place_for(cand: Candidate, places: list[Mention], doc: Doc) -> dict | None:
    """The trigger's location: the nearest facility, else city, else country."""
    best = _place_mention(cand, places, doc)
    return None if best is None else _as_location(best, places, doc)


def tour_legs(cand: Candidate, places: list[Mention], doc: Doc) -> list[dict]:
    """The places of a tour: the visit's destination with the places coordinated with it
    ("will visit Kenya, Ghana and Senegal"), in text order; empty for a single place."""
    best = _place_mention(cand, places, doc)
    if best is None or cand.type != EventType.VISIT:
        return []
    conjuncts = {t.i for t in best.span(doc).root.conjuncts}
    legs = [m for m in places if m is best or m.span(doc).root.i in conjuncts]
    if len(legs) < 2:
        return []
    legs.sort(key=lambda m: m.start)
    return [_as_location(m, places, doc) for m in legs]
