"""The officials of a trigger (the visitor alone for a visit, each act's own counterparts,
attendees of a reported meeting) and the ministries of its sentence."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    ancestors,
    in_subtree,
    tree_distance,
)
from extractor.nlp.events.checks import act_verb_of, is_participle_modifier
from extractor.nlp.mentions.base import Mention, first_conjunct
from extractor.vocab import words


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
    if m.attrs.get("office") not in words("reporting_offices"):
        return False
    return not _near_trigger(m, cand) or _speaker(m, cand)


def _speaker(m: Mention, cand: Candidate) -> bool:
    """ "spokesperson X told journalists (that) the ministers met": the subject of a verb
    of speech other than the trigger."""
    root = m.span(cand.sent.doc).root
    while root.dep_ in ("appos", "conj") and root.head.i != root.i:
        root = root.head
    verb = root.head
    return (
        root.dep_ in ("nsubj", "nsubjpass")
        and verb.i != cand.token.i
        and verb.lemma_.lower() in words("speech_lemmas")
    )


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
    named = sent_officials
    sent_officials = participants(cand, sent_officials)
    for m in sent_officials:
        key = m.attrs.get("person")
        if key is not None and key not in keys:
            keys.append(key)
    if cand.type == EventType.VISIT:
        visitor = _visiting_official(cand.token, sent_officials)
        if visitor is None:
            visitor = _visit_of(cand.token, sent_officials)
        if visitor is None:
            visitor = _received_guest(cand.token, sent_officials)
        if visitor is None:
            visitor = agent_of(cand.token, sent_officials)
        if visitor is not None:
            return [visitor] if visitor >= 0 else []
    if cand.type == EventType.APPOINTMENT:
        holder = _congratulated(cand.token, sent_officials)
        if holder is None:
            holder = _possessor(cand.token, sent_officials)
        if holder is None:
            holder = _antecedent(cand.token, named)
        if holder is not None:
            return [holder]
    tok = cand.token
    if is_participle_modifier(tok) and cand.type in (
        EventType.LAUNCH,
        EventType.AGREEMENT,
    ):  # "X praised the corridor launched by Y in 2013": Y's act, not X's
        return _keys_within(sent_officials, {t.i for t in tok.subtree})
    return keys


def _visiting_official(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "met with visiting Chilean Foreign Minister X": the official "visiting" modifies."""
    if token.lower_ != "visiting":
        return None
    for m in sent_officials:
        if m.start == token.i + 1 and m.attrs.get("person") is not None:
            return m.attrs["person"]
    return None


def _visit_of(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "the visit of President X to Norway", "a visit by X": the visitor named in the
    visit noun's own complement ("the State Visit of X", capitalised)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    by_token = {m.start: m for m in sent_officials if m.attrs.get("person") is not None}
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by"):
            for s in c.subtree:
                if s.i in by_token:
                    return by_token[s.i].attrs["person"]
    return None


def _received_guest(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "X received today Y, on an official visit to Brazil": the guest received visits, not
    the host."""
    prep = token.head
    if not (token.dep_ == "pobj" and prep.lower_ == "on"):
        return None
    by_token = {t: m for m in sent_officials for t in range(m.start, m.end)}
    holder = prep.head
    if holder.i in by_token:  # "Y, on an official visit to Brazil", hung on the guest
        return by_token[holder.i].attrs.get("person")
    if holder.lemma_ not in words("receiving_lemmas"):
        return None
    # the guest is named between the verb and the visit (however the parser hangs it)
    guests = [
        m.attrs["person"]
        for m in sent_officials
        if holder.i < m.start < prep.i and m.attrs.get("person") is not None
    ]
    return guests[0] if guests else None


def _congratulated(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "congratulated X on his election", "telephoned X to congratulate him on his
    re-election": the office is the one congratulated's, never the congratulating
    official's (a pronoun object stands for the person the verb above it acts on)."""
    if token.dep_ not in ("pobj", "pcomp") or token.head.head.lemma_ not in words(
        "congratulation_lemmas"
    ):
        return None
    by_token = {m.start: m for m in sent_officials if m.attrs.get("person") is not None}
    verb = token.head.head
    for _ in range(3):
        for c in verb.children:
            spans = [c] if c.dep_ == "dobj" else []
            if c.dep_ == "prep" and c.lower_ in ("with", "to"):
                spans = [g for g in c.children if g.dep_ == "pobj"]
            for s in (t for g in spans for t in g.subtree):
                if s.i in by_token:
                    return by_token[s.i].attrs["person"]
        if verb.dep_ not in ("xcomp", "advcl", "conj"):
            break
        verb = verb.head
    return None


def _antecedent(token: Token, sent_officials: list[Mention]) -> int | None:
    """ "X, who was sworn in as Prime Minister last week": the official the relative clause
    is about."""
    if token.dep_ != "relcl":
        return None
    for m in sent_officials:
        if m.start <= token.head.i < m.end and m.attrs.get("person") is not None:
            return m.attrs["person"]
    return None


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


def _fronted_tail(verb: Token, subj: Token, persons: list[int]) -> bool:
    """ "At the invitation of the President of India, X, the President of Mongolia, Y, paid
    a visit": the parser hangs the fronted phrase's host on the subject; the subject is
    the last official of the chain, the one next to the verb."""
    return (
        subj.dep_ == "nsubj"
        and len(set(persons)) > 1
        and any(c.dep_ == "prep" and c.i < subj.left_edge.i for c in verb.children)
        and any(c.dep_ == "appos" for c in subj.children)
    )


def _subject_person(t: Token, by_token: dict[int, Mention]) -> int | None:
    """The possessor or subject of ``t`` as a person key; -1 when it names no official."""
    found: int | None = None
    for c in t.children:
        antecedent = c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")
        if antecedent and t.dep_ == "relcl":
            c = t.head  # "Minister X, who is in Lima to ...": the relative's antecedent
        if c.dep_ in ("poss", "nsubj", "nsubjpass") or c.i == t.head.i:
            persons = [
                by_token[s.i].attrs["person"]
                for s in c.subtree
                if s.i in by_token and by_token[s.i].attrs.get("person") is not None
            ]
            if persons:
                return persons[-1] if _fronted_tail(t, c, persons) else persons[0]
            if c.dep_ in ("nsubj", "nsubjpass"):
                found = -1  # a subject that is no official; a second subject may be one
    return found


def agent_of(token: Token, sent_officials: list[Mention], *, invitee: bool = True) -> int | None:
    """The visitor: the possessor or subject of the trigger or of the verbs above it (the
    invitee of "invited Y to visit" unless ``invitee`` is False: the inviter's act).

    Returns -1 when the visitor is not a named official, None when there is no subject.
    """
    by_token = {t: m for m in sent_officials for t in range(m.start, m.end)}
    for t in [token, *ancestors(token, 4)]:
        if t.lemma_ == "invitation":
            continue  # "the Prime Minister's invitation to visit": the possessor invites
        if t.lemma_ == "invite" and invitee:
            invited = _invitee(t, by_token)
            if invited is not None:
                return invited
        found = _subject_person(t, by_token)
        if found is not None:
            return found
    return None


def _keys_within(sent_officials: list[Mention], tokens: set[int]) -> list[int]:
    """Person keys of the official mentions that start at one of ``tokens``, in order."""
    keys: list[int] = []
    for m in sent_officials:
        key = m.attrs.get("person")
        if m.start in tokens and key is not None and key not in keys:
            keys.append(key)
    return keys


def attendees(noun: Token, sent_officials: list[Mention]) -> list[int]:
    """Who took part in an event named by a noun: the subject of "attended the meeting",
    "was present at the talks", or the agent of "the meeting was attended by X"."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "nsubjpass":
        verb = noun.head
    # "The talks, attended by X and Y, covered ...": a participle on the noun itself
    verb = next((c for c in noun.children if c.dep_ == "acl" and _attendance_verb(c)), verb)
    if not _attendance_verb(verb):
        return []
    people = []
    # "was present at"; "taking part in the talks were X", the participle as subject
    holders = [verb, verb.head] if verb.dep_ in ("acomp", "csubj") else [verb]
    # "Also taking part in the talks were X and Y": the inverted copula's attribute
    holders += [c for c in verb.children if c.lemma_ == "be"]
    # "was hosted by X and attended by Y"
    holders += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    roles = ["nsubj", "agent", "attr"]
    if verb.lemma_.lower() in words("accompaniment_lemmas") or holders[-1].lemma_ == "be":
        roles.append("dobj")  # "X accompanied the minister during the call"
    for c in (c for h in holders for c in h.children):
        if c.dep_ in roles and c.i != noun.i and c.lower_ != "part":
            people += [t.i for t in c.subtree]
    return _keys_within(sent_officials, set(people))


def _attendance_verb(verb: Token) -> bool:
    """ "attended", "was present at", "took part in", "accompanied ... during"."""
    lemma = verb.lemma_.lower()
    attends = words("attendance_lemmas")
    phrases = {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "dobj"}
    return (
        lemma in attends
        or bool(phrases & attends)
        or lemma in words("accompaniment_lemmas")
        or lemma in words("gathering_role_lemmas")
    )


def _own_clause(tok: Token) -> set[int]:
    """Tokens of a verb's clause without its subject and its conjoined verbs' clauses."""
    drop = {
        t.i for c in tok.children if c.dep_ in ("conj", "nsubj", "nsubjpass") for t in c.subtree
    }
    return {t.i for t in tok.subtree} - drop


def own_counterparts(tok: Token, sent_officials: list[Mention]) -> list[int]:
    """Officials named in a verb's own clause ("... and held talks with B": B)."""
    return _keys_within(sent_officials, _own_clause(tok))


def plural_counterparts(cand: Candidate, sent_officials: list[Mention]) -> list[int]:
    """The officials a plural meeting or call noun names ("meetings with A and B"): each
    is a record of its own (EVENTS.md 3.6); empty when fewer than two."""
    tok = cand.token
    if tok.lower_ not in words("separable_plurals"):
        return []
    named = [m for m in sent_officials if m.span(tok.doc).root.dep_ != "poss"]
    scope = _own_clause(tok)
    if tok.dep_ == "dobj":  # "held meetings on Tuesday with A, and B": the verb's clause
        verb = tok.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = {t.i for c in subjects for t in c.subtree}
        scope |= {t.i for t in verb.subtree} - subject
    keys = _keys_within(named, scope)
    return keys if len(keys) >= 2 else []


def act_persons(cand: Candidate, sent_officials: list[Mention]) -> list[int]:
    """One of several conjoined acts: its subject and its own counterparts."""
    verb = act_verb_of(cand.token)
    agent = agent_of(verb, sent_officials, invitee=cand.type != EventType.INVITATION)
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


def _purpose_infinitive(token: Token) -> bool:
    """ "to inaugurate" in "travelled to Y to inaugurate Z": an infinitive clause of purpose."""
    return token.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


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
    holder = _antecedent(cand.token, sent_officials) if cand.type == EventType.APPOINTMENT else None
    if holder is not None:
        return [holder]  # "spoke with X, who was sworn in last week": X's office
    if any(o.token.i == first_conjunct(cand.token).i for o in outer):
        return act_persons(cand, sent_officials)  # "visited X and signed Y": one subject
    own = {t.i for t in cand.token.subtree}
    keys = [
        m.attrs["person"]
        for m in participants(cand, sent_officials)
        if m.start in own and m.attrs.get("person") is not None
    ]
    attends = cand.type == EventType.HOSTED_EVENT or _purpose_infinitive(cand.token)
    if attends and all(o.type == EventType.VISIT for o in outer):
        # "arrived in Cairo to attend the X Summit", "travelled to Y to inaugurate Z": the
        # visitor attends, inaugurates
        visitor = agent_of(outer[0].token, sent_officials)
        if visitor is not None and visitor >= 0 and visitor not in keys:
            keys.insert(0, visitor)
    return keys
