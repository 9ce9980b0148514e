"""Whether a trigger match is an event of its type (EVENTS.md 3.6 conventions).

Checks shared by every type run first (a generic plural, an anaphoric "the meeting", "the
need for", a habitual present); then the one check registered for the candidate's type
with ``@check("VISIT")``. Adding an event type: its triggers in
``vocab/patterns/triggers.jsonl``, its codes in ``vocab/event_types.json``, a member of
:class:`~extractor.nlp.events.base.EventType`, and (if it needs one) a check here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    ancestors,
    clause_words,
    in_subtree,
    is_infinitive,
    tree_distance,
)
from extractor.nlp.events.unnamed_gatherings import (
    body_members_meet,
    hosted_for_gathering,
    hosted_office_holders,
    unnamed_gathering,
)
from extractor.nlp.mentions.base import Mention
from extractor.nlp.words import country_code, match_phrase
from extractor.vocab import words


@dataclass
class Sentence:
    """The mentions of the trigger's sentence."""

    officials: list[Mention]
    initiatives: list[Mention]


Check = Callable[[Candidate, Sentence], bool]
_CHECKS: dict[EventType, Check] = {}


def check(type_name: str) -> Callable[[Check], Check]:
    """Register the check of one event type (one per type)."""

    def register(fn: Check) -> Check:
        etype = EventType(type_name)
        if etype in _CHECKS:
            raise ValueError(f"two checks for {type_name}")
        _CHECKS[etype] = fn
        return fn

    return register


def is_event(cand: Candidate, sent: Sentence) -> bool:
    """Whether a trigger match is an event of its type."""
    if _generic_plural(cand, sent) or _sentiment(cand.token) or _document_subject(cand.token):
        return False
    if _anaphoric(cand) and not names_itself(cand, sent):
        return False
    if _negated(cand.token):
        return False  # "was not invited", "did not meet": nothing happened
    if _appealed_for(cand.token):
        return False  # "urged the parties to return to negotiations": asked for, not held
    if is_generic_present(cand.token, cand) or is_tally(cand):
        return False
    own = _CHECKS.get(cand.type)
    return own(cand, sent) if own is not None else True


# --------------------------------------------------------------------------------------
# Shared checks


def _generic_plural(cand: Candidate, sent: Sentence) -> bool:
    """ "periodic high-level meetings": a plural meeting or visit, not anchored, is generic."""
    tok = cand.token
    if not (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NNS"
        and cand.type in (EventType.MEETING, EventType.VISIT)
        and cand.trigger.text.lower() not in words("plural_meeting_nouns")
    ):
        return False
    # "held meetings on Tuesday with X and Y": the verb's own date and partners count
    scopes = (
        [tok, *(c for c in tok.head.children if c.dep_ == "prep")]
        if (tok.dep_ == "dobj")
        else [tok]
    )
    anchored = cand.date_span is not None and any(
        in_subtree(cand.date_span.root, s) for s in scopes
    )
    named = any(
        m.attrs.get("person") is not None and in_subtree(m.span(tok.doc).root, s)
        for m in sent.officials
        for s in scopes
    )  # "bilateral meetings with President X and Prime Minister Y"
    return not (
        anchored
        or named
        or any(
            m.attrs.get("body") and tree_distance(m.span(tok.doc).root, tok) <= 2
            for m in sent.initiatives
        )
    )


def party_subject(trigger: Token) -> bool:
    """Whether the trigger's subject is "the two leaders", "both sides": the parties of the
    event just reported."""
    verb = act_verb_of(trigger)  # "hold the next round of consultations": hold
    if verb is trigger and trigger.dep_ in ("dobj", "nsubjpass"):
        verb = trigger.head
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj") and len(chain) < 4:
        chain.append(chain[-1].head)  # "the two leaders ... agreed to meet": shared subject
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.lower_ in words("party_nouns")
        and any(
            g.lower_ in ("two", "both") or g.lower_ == "their" and _two_countries_above(v)
            for g in c.children
        )
        for v in chain
        for c in v.children
    )


def _two_countries_above(verb: Token) -> bool:
    """ "Korea and Poland agreed Tuesday ..., as their foreign ministers met in Seoul": a
    clause under a verb whose subject is two countries; "their" ministers are theirs."""
    if verb.dep_ != "advcl":
        return False
    head = verb.head
    for _ in range(3):  # "agreed to expand X, as ...": the advcl may hang on the xcomp
        if countries_subject(head):
            return True
        if head.dep_ not in ("xcomp", "ccomp"):
            return False
        head = head.head
    return False


def _is_country(t: Token) -> bool:
    name = [x for x in t.lefts if x.dep_ == "compound"] + [t]
    return t.pos_ == "PROPN" and country_code(" ".join(x.text for x in name)) is not None


def countries_subject(trigger: Token) -> bool:
    """Whether the talks' subject is two countries ("Kenya and Chile held political
    consultations"): the states as parties, their delegations named apart."""
    verb = act_verb_of(trigger)
    if verb is trigger and trigger.dep_ in ("dobj", "nsubjpass"):
        verb = trigger.head
    parties = [c for c in verb.children if c.dep_ == "nsubj"]
    # "consultations were held between the foreign ministries of Kenya and Chile"
    parties += [c for t in (verb, trigger) for c in t.children if c.lower_ == "between"]
    for c in parties:
        listed = [t for t in c.subtree if t.i == c.i or t.dep_ in ("conj", "pobj")]
        if sum(1 for t in listed if _is_country(t)) >= 2:
            return True
    return False


def is_anaphoric_noun(token: Token) -> bool:
    """'the meeting' / 'during the talks' with nothing new: refers back to a known event."""
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if not dets & (words("anaphoric_dets") | {"its"}):
        return False
    has_new = any(
        c.dep_ == "prep"
        and c.lower_ in words("participant_preps")
        or c.ent_type_ == "DATE"
        or c.dep_ == "amod"
        and c.lower_ in words("new_event_adjectives")
        or c.dep_ == "acl"  # "the reception marking the 30th anniversary of X"
        and c.lemma_.lower() in words("occasion_words")
        for c in token.children
    )
    return not has_new


def names_itself(cand: Candidate, sent: Sentence) -> bool:
    """ "the 2nd Joint Commission Meeting": a trigger inside a name is a new, named event."""
    i = cand.token.i
    return any(m.start <= i < m.end for m in sent.initiatives)


def _anaphoric(cand: Candidate) -> bool:
    tok = cand.token
    return (
        cand.type in (EventType.MEETING, EventType.CALL, EventType.VISIT, EventType.INVITATION)
        and tok.pos_ == "NOUN"
        and is_anaphoric_noun(tok)
        and not (cand.type == EventType.INVITATION and tok.head.lemma_ in words("invitation_verbs"))
    )


def _negated(tok: Token) -> bool:
    """A negation on the trigger, or on the verb whose object or subject it is."""
    verbs = [tok]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        verbs.append(tok.head)
    return any(c.dep_ == "neg" for v in verbs for c in v.children)


def _appealed_for(tok: Token) -> bool:
    """Whether the trigger lies in what an appeal asks for: the object or complement of
    "urged", "demanded", or the "for" of "called for"; not in a phrase that sets the
    appeal ("At the meeting on Monday, X urged ...")."""
    child = tok
    for verb in ancestors(tok, 4):
        if verb.lemma_.lower() in words("appeal_verbs"):
            return child.dep_ in ("dobj", "xcomp", "ccomp") or child.lower_ == "for"
        if verb.lemma_ == "call" and child.dep_ == "prep" and child.lower_ == "for":
            return True
        child = verb
    return False


def _vague_consensus(tok: Token) -> bool:
    """ "reached a consensus on strengthening cooperation": sentiment, not an undertaking."""
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "on"):
            for verb in (g for g in prep.children if g.dep_ == "pcomp"):
                if verb.lemma_.lower() in words("vague_cooperation_verbs"):
                    targets = [g for g in verb.children if g.dep_ == "dobj"]
                    vague = words("vague_cooperation_objects")
                    if not targets or targets[0].lemma_.lower() in vague:
                        return True
    return False


def _decided_besides(verb: Token) -> bool:
    """ "agreed to keep in touch and to instruct their ministers to meet": a conjoined act
    beside the sentiment is a decision."""
    vague = words("vague_cooperation_verbs")
    return any(
        g.dep_ == "conj" and g.pos_ == "VERB" and g.lemma_.lower() not in vague
        for g in verb.children
    )


def _agreed_view(tok: Token) -> bool:
    """ "agreed that" + a statement of fact (no modal, no object): a view both sides share,
    not a decision ("agreed that the commission should meet" is one)."""
    children = list(tok.children)
    if _agreed_with_opinion(tok):
        return True  # "agreed with the view that ..."
    if any(
        c.dep_ in ("dobj", "xcomp") or c.dep_ == "prep" and c.lower_ != "with" for c in children
    ):
        return False
    clauses = [c for c in children if c.dep_ == "ccomp"]
    modals = words("decision_modals")
    return bool(clauses) and not any(
        g.dep_ in ("aux", "auxpass") and g.lower_ in modals for c in clauses for g in c.children
    )


def _agreed_with_opinion(tok: Token) -> bool:
    """ "agreed with the view / assessment of X": sharing an opinion, not a decision."""
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in words("opinion_nouns")
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
    )


def _passing_mention(cand: Candidate) -> bool:
    """ "the free trade agreement signed between the two countries": an undated participle
    on the document names it in passing; no act is reported (EVENTS.md 3.6)."""
    return is_participle_modifier(cand.token) and cand.date_span is None


def is_participle_modifier(tok: Token) -> bool:
    """ "the accord signed between them", "the corridor launched by X": a participle on a
    noun near it; not a misparsed clause ("the leaders had agreed", "X, Minister of Y,
    signed" hung on the dateline city)."""
    head = tok.head
    finite = any(c.dep_ in ("nsubj", "aux") for c in tok.children)
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and not finite and 0 < tok.i - head.i <= 6


def _sentiment(tok: Token) -> bool:
    """ "stressed the need for holding ...": sentiment (EVENTS.md 3.6)."""
    return any(a.lemma_.lower() in words("sentiment_heads") for a in ancestors(tok, 4))


def _document_subject(tok: Token) -> bool:
    """ "an MoU on political consultations", "the agreement on visits of experts": an event
    noun that is what a document is about names no event of its own."""
    if tok.pos_ != "NOUN":
        return False
    path = [tok, *ancestors(tok, 4)]
    for lower, upper in zip(path, path[1:], strict=False):
        if lower.dep_ == "pobj" and upper.lower_ in words("document_subject_preps"):
            head = upper.head
            return head.lower_ in words("document_heads") or head.lemma_ == "understanding"
    return False


def is_tally(cand: Candidate) -> bool:
    """ "have signed more than 40 agreements since 1995": a running total, not an event."""
    span = cand.date_span
    if span is None or not (
        span.text.lower().startswith("since") or span.root.head.lower_ == "since"
    ):
        return False
    verb = act_verb_of(cand.token)
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def act_verb_of(tok: Token) -> Token:
    """The verb of an act: the trigger, or the verb whose object it is ("held talks",
    "hold the next round of consultations")."""
    noun = tok
    if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.lower_ == "of":
        noun = tok.head.head
    if noun.pos_ != "VERB" and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    return tok


def told_against_another(tok: Token) -> bool:
    """An act placed in time against another ("days after X took office", "his first trip
    since his appointment", "two weeks after her inauguration"): it has no date or stay of
    the other act's."""
    verb = act_verb_of(tok)
    if verb.dep_ == "pobj":
        return verb.head.lower_ in words("sequence_marks")
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in words("sequence_marks") for c in verb.children
    )


def is_generic_present(tok: Token, cand: Candidate) -> bool:
    """'When the ambassador presents credentials ...': a habitual statement, not a report."""
    if tok.pos_ in ("VERB", "AUX"):
        verb = tok
    elif tok.dep_ in ("dobj", "attr"):
        verb = tok.head
    else:
        return False
    if verb.tag_ not in ("VBZ", "VBP") or cand.date_span is not None:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.lower_ not in words("present_auxiliaries")


def is_gathering(m: Mention) -> bool:
    """A named gathering (forum, summit), or a multilateral body whose sessions are one ("the
    OIC Council of Foreign Ministers", EVENTS.md 3.6)."""
    return bool(m.attrs.get("event_like") or m.attrs.get("body") and m.attrs.get("multilateral"))


def is_hosted(m: Mention, tok: Token) -> bool:
    """Whether an event-like initiative (forum, summit...) is what the trigger holds: its
    argument, or the noun its relative clause hangs from ("the X Summit, which will be hosted
    in ..."; parsers often attach "which" too high)."""
    if not is_gathering(m):
        return False
    doc = tok.doc
    between = doc[m.end : tok.i]
    return (
        tree_distance(m.span(doc).root, tok) <= 3
        or (0 <= tok.i - m.end <= 5 and any(t.tag_ in ("WDT", "WP") for t in between))
        # "the X Council, to be held in Vienna": right after the name, however parsed
        or (
            0 <= tok.i - m.end <= 3
            and all(t.is_punct or t.dep_ in ("aux", "auxpass") for t in between)
        )
    )


def _planned(tok: Token) -> bool:
    return bool(clause_words(tok) & words("plan_words"))


# --------------------------------------------------------------------------------------
# One check per type


def _welcomes_official(tok: Token, sent: Sentence) -> bool:
    """ "President X welcomed President Y at State House": an official welcoming an official
    receives them; "welcomed the decision / the visit of Y", "the embassy welcomed Y" are not
    talks."""
    people = [m.span(tok.doc).root for m in sent.officials if m.attrs.get("person") is not None]
    objs = [c for c in tok.children if c.dep_ == "dobj" and c in people]
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c in people]
    return not is_infinitive(tok) and bool(objs) and bool(subjects)


def _urging(tok: Token, sent: Sentence) -> bool:
    """ "called on the graduates / the international community to act": an appeal to no
    official, not a call-on (a visit to an official)."""
    if tok.lemma_ != "call":
        return False
    called = [g for c in tok.children if c.lower_ == "on" for g in c.children]
    roots = {m.span(tok.doc).root.i for m in sent.officials}
    if not called or any(g.i in roots for g in called):
        return False
    return any(
        c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for h in [tok, *called]
        for c in h.children
    )


@check("MEETING")
def _meeting(cand: Candidate, sent: Sentence) -> bool:
    tok = cand.token
    if tok.lemma_ == "welcome":
        return _welcomes_official(tok, sent)
    if _urging(tok, sent):
        return False
    if tok.lemma_ == "receive":
        if any(
            c.dep_ == "dobj" and c.lemma_.lower() in words("received_messages")
            for c in tok.children
        ):
            return False  # "received a phone call / a letter from": not a visitor
        return any(
            m.attrs.get("person") is not None and tree_distance(m.span(tok.doc).root, tok) <= 2
            for m in sent.officials
        )
    if (
        tok.lemma_ == "meet"
        and is_infinitive(tok)
        and not _planned(tok)
        and tok.head.lemma_ not in words("planned_status_lemmas")
    ):
        return False  # "to meet" as a purpose; "agreed to meet" is a planned meeting
    if (
        not sent.officials
        and not any(m.attrs.get("body") for m in sent.initiatives)
        and not party_subject(cand.token)
        and not countries_subject(cand.token)
        and not body_members_meet(cand.token)
    ):
        return False
    return cand.trigger.text.lower() != "reception"


def is_remote(tok: Token) -> bool:
    """ "held talks via video link", "met virtually", "in a video format", "held online
    talks": remote talks."""
    media = words("remote_media")
    if tok.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in media for c in tok.children
    ):
        return True
    for verb in {tok, act_verb_of(tok)}:
        for c in verb.children:
            if c.dep_ == "advmod" and c.lower_ in media:
                return True
            if c.dep_ != "prep":
                continue
            if any(g.dep_ == "advmod" and g.lower_ in media for g in c.children):
                return True  # "met virtually on Monday": the parse hangs it on the phrase
            for obj in (g for g in c.children if g.dep_ == "pobj"):
                mods = {g.lower_ for g in obj.children if g.dep_ in ("compound", "amod")}
                if obj.lower_ in media or mods & media:
                    return True
    return False


@check("CALL")
def _call(cand: Candidate, sent: Sentence) -> bool:
    tok = cand.token
    doc = tok.doc
    if any(t.lower_ in words("in_person_call_kinds") for t in cand.trigger):
        return False  # "received a courtesy call from": a call-on, in person
    if tok.lower_ in ("call", "calls") and tok.i > 0:
        if doc[tok.i - 1].lower_ in words("in_person_call_kinds"):
            return False  # "courtesy call with"
        return len(cand.trigger) > 1 or _phone_call_noun(tok, sent)
    if _conversation(cand) and not is_remote(tok):
        return _with_official(tok, sent)
    if tok.lower_ in words("remote_adverbs"):
        return _remote_act(tok, sent)
    if tok.lemma_ != "call" or tok.pos_ != "VERB":
        return True
    # "called his counterpart X": a person as object; not "called on / for / off"
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in words("call_particles"):
        return False
    people = {m.span(doc).root.i for m in sent.officials if m.attrs.get("person") is not None}
    # the parse may read "called President X" as naming ("called him a friend"): oprd
    return any(c.dep_ in ("dobj", "oprd") and c.i in people for c in tok.children)


def _phone_call_noun(tok: Token, sent: Sentence) -> bool:
    """ "his congratulatory call", "a call from President X", "X's call to Y": a call made
    to or by someone; not an appeal ("a call for calm", "her call to end the war")."""
    if any(c.dep_ == "prep" and c.lower_ in words("call_particles") for c in tok.children):
        return False
    if any(is_infinitive(t) for t in tok.subtree):
        return False  # "the call by X to end the war"
    doc = tok.doc
    people = {m.span(doc).root.i for m in sent.officials if m.attrs.get("person") is not None}
    return any(
        c.dep_ == "poss"
        or c.dep_ == "amod" and c.lower_ in words("call_kinds")
        or c.dep_ == "prep" and any(g.i in people for g in c.subtree)
        for c in tok.children
    )


def _remote_act(adverb: Token, sent: Sentence) -> bool:
    """ "A and B virtually inaugurated the X", "B joined online": an act two officials did
    over a video link is a call between them, beside the act itself."""
    persons = {m.attrs.get("person") for m in sent.officials} - {None}
    return adverb.dep_ == "advmod" and adverb.head.pos_ == "VERB" and len(persons) >= 2


def _conversation(cand: Candidate) -> bool:
    """ "spoke with X", "talked to X": talk without a medium named in the trigger."""
    return cand.trigger[0].lemma_ in words("conversation_lemmas") and not any(
        t.lower_ in words("remote_media") for t in cand.trigger
    )


def _with_official(verb: Token, sent: Sentence) -> bool:
    """ "spoke with President X", "talked to his counterpart X": an official as partner;
    not "spoke to reporters"."""
    if verb.tag_ == "VBG":
        return False  # "Speaking to the envoy, who called on her, X said ...": what was said
    doc = verb.doc
    people = [m.span(doc).root for m in sent.officials if m.attrs.get("person") is not None]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
    return any(in_subtree(r, p) for r in people for p in preps)


def spoken_in_person(cand: Candidate, sent: Sentence) -> bool:
    """ "On the sidelines of the X Summit, A spoke with B", "spoke with B in Oslo": talk
    with an official at a gathering or a place is a MEETING, not a call."""
    if not _conversation(cand) or is_remote(cand.token):
        return False
    if not _with_official(cand.token, sent):
        return False
    if any(t.lower_ in words("sideline_words") for t in cand.sent):
        return True
    verb = cand.token
    return any(
        c.dep_ == "prep"
        and c.lower_ in words("setting_preps") | {"in"}
        and any(g.ent_type_ in ("GPE", "FAC", "LOC", "EVENT") for g in c.children)
        for c in verb.children
    )


@check("VISIT")
def _visit(cand: Candidate, sent: Sentence) -> bool:
    tok = cand.token
    if tok.dep_ == "amod":
        return False  # "the visiting envoy": a participant's description, not a visit
    if tok.dep_ == "attr" and any(
        c.dep_ == "nsubj" and c.lower_ != "this" for c in tok.head.children
    ):
        return False  # "the visit ... is his first trip abroad": says what a visit is
    if any(
        c.lower_ == "of" and any(g.lower_ in words("posting_complements") for g in c.children)
        for c in tok.children
    ):
        return False  # "during her tour of duty": an envoy's posting
    inviting = words("inviting_lemmas")
    if is_infinitive(tok) and cand.date_span is None:
        if tok.head.lemma_ in inviting:
            return False  # "invited to visit" without a date: the invitation only
        if not _planned(tok) and tok.head.lemma_ not in inviting | {"accept"}:
            return False  # "to visit" as a purpose
    return (
        any(c.dep_ in ("dobj", "prep") for c in tok.children)
        or tok.pos_ == "VERB"
        or _dated_visit_noun(tok)
        or _destination_on_verb(tok)
        or (tok.pos_ == "ADP" and tok.head.pos_ == "PROPN")  # "X, in Lima for the summit,"
    )


def _destination_on_verb(tok: Token) -> bool:
    """ "wrapped up his working visit to Slovenia", parsed with "to Slovenia" on the verb:
    the visit noun's destination all the same ("paid a State Visit to Kenya", "to" a dative)."""
    return tok.dep_ == "dobj" and any(
        c.dep_ in ("prep", "dative") and c.lower_ in words("destination_preps") and c.i > tok.i
        for c in tok.head.children
    )


def _dated_visit_noun(tok: Token) -> bool:
    """ "during his visit last month": a visit noun its own date modifies is a past event
    (EVENTS.md 3.6), even without its destination."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ == "npadvmod" and c.ent_type_ == "DATE" for c in tok.children
    )


def _non_document(obj: Token) -> bool:
    """A signed thing that is no agreement ("a letter", "the book of condolences"); a
    phrase of the document heads ("a letter of intent") is one."""
    return (
        obj.lemma_.lower() in words("signed_non_documents")
        and match_phrase(obj.doc, obj.i, "document_heads") == obj.i
    )


def _document_act(tok: Token) -> bool:
    """Whether a signing, concluding, adopting, exchanging or reaching verb acts on a
    document or a deal (not "concluded her visit", "adopted new measures", "signed the book
    of condolences", "reached a consensus on strengthening cooperation")."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.lemma_ == "conclude":  # "concluded an accord", not "concluded" or "... her visit"
        return any(c.lemma_.lower() in words("concluded_documents") for c in objects)
    if tok.lemma_ == "adopt":  # "adopted the X Declaration", not "adopted new measures"
        return any(c.lemma_.lower() in words("adopted_documents") for c in objects)
    if tok.lemma_ == "exchange":  # "exchanged the instruments / the exchange of 12 documents"
        objects += [g for c in tok.children if c.lower_ == "of" for g in c.children]
        return any(c.lemma_.lower() in words("exchanged_documents") for c in objects)
    if tok.lemma_ == "sign" and any(_non_document(c) for c in objects):
        return False  # "signed the book of condolences"
    if tok.lemma_ == "reach":
        return not _vague_consensus(tok)
    return True


@check("AGREEMENT")
def _agreement(cand: Candidate, sent: Sentence) -> bool:
    tok = cand.token
    if _passing_mention(cand) or tok.dep_ == "amod":
        return False  # "the accord signed / agreed between them", "the agreed roadmap"
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return False  # "as agreed at the last session, ...": a reference back
    if topic_of_talks(tok) and not (cand.date_span and cand.date_span.start > tok.i):
        return False  # "welcomed / discussed the signing of X": undated, a topic of talks
    if tok.lemma_ != "agree":
        return _document_act(tok)
    vague = words("vague_cooperation_objects") | words("sentiment_agreement_objects")
    for c in tok.children:
        if c.dep_ == "xcomp" and c.lemma_.lower() in words("deliberation_verbs"):
            return False  # "agreed to consider / study the proposal": no decision yet
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in words("vague_cooperation_verbs"):
            objects = [g for g in c.children if g.dep_ in ("dobj", "attr")]
            if (not objects or {objects[0].lemma_.lower(), objects[0].lower_} & vague) and not (
                _decided_besides(c)
            ):
                return False  # "agreed to further enhance cooperation / relations": sentiment
        if c.dep_ == "prep" and c.lower_ == "on":
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if objects and objects[0].lemma_.lower() in words("sentiment_agreement_objects"):
                return False  # "agreed on the need to ...": sentiment
    return not _agreed_view(tok)


@check("PROPOSAL")
def _proposal(cand: Candidate, sent: Sentence) -> bool:
    # "the proposed rail corridor": an undertaking's description, not an act of proposing;
    # otherwise what was proposed is its required initiative (event_types.json)
    return cand.token.dep_ != "amod"


def is_background_invitation(tok: Token) -> bool:
    """ "at the invitation of", "upon invitation": background to the act, not a record."""
    return tok.head.lower_ in words("background_invitation_preps")


@check("INVITATION")
def _invitation(cand: Candidate, sent: Sentence) -> bool:
    return not is_background_invitation(cand.token)


@check("HOSTED_EVENT")
def _hosted_event(cand: Candidate, sent: Sentence) -> bool:
    low = cand.trigger.text.lower()
    if low in words("sideline_words"):  # of a named forum, or of a multilateral body's meeting
        return any(
            m.attrs.get("event_like") or m.attrs.get("body") and m.attrs.get("multilateral")
            for m in sent.initiatives
        )
    if low in words("groundbreaking_triggers"):
        return True
    tok = cand.token
    low = cand.trigger[0].lower_  # "during / for" opens the trigger ("during the X")
    if low in words("setting_preps") or low in words("purpose_preps"):
        # "met during the X Summit", "travelled to Baku for the X Summit": a named gathering
        doc = tok.doc
        return (low in words("setting_preps") or tok.head.lemma_ in words("travel_lemmas")) and any(
            is_gathering(m) and gathering_root(m.span(doc).root).head.i == tok.i
            for m in sent.initiatives
        )
    takes_place = len(cand.trigger) > 1 and cand.trigger[-1].lower_ == "place"
    if tok.lemma_ in words("attending_verbs") and tok.pos_ == "VERB" and not takes_place:
        # "attended the X Forum"; "addressed the summit / the opening ceremony of X"
        # ("the X will take place": the gathering's own verb, below)
        return (
            _attended_gathering(tok, sent)
            or _in_person_gathering(tok)
            or (
                tok.lemma_ == "address"
                and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in words("event_heads")
                    for c in tok.children
                )
            )
        )
    if tok.lemma_ in words("gathering_verbs"):
        # "the X Summit opened": the gathering is the subject; "opened a business forum"
        return _in_person_gathering(tok) or any(
            m.attrs.get("event_like")
            and m.span(tok.doc).root.head == tok
            and (
                m.span(tok.doc).root.dep_ in ("nsubj", "nsubjpass")
                # "opened the X Forum": the gathering, not an exhibition or a fair (a LAUNCH)
                or m.span(tok.doc).root.dep_ == "dobj"
                and m.span(tok.doc).root.lower_ in words("gathering_heads")
            )
            for m in sent.initiatives
        )
    if any(c.dep_ == "dobj" and indefinite_with_counterpart(c) for c in tok.children):
        return False  # "held a Foreign Ministers' Meeting with X": talks, a MEETING
    return (
        any(is_hosted(m, tok) for m in sent.initiatives)
        or bool(named_gathering(tok))
        or _hosted_gathering_noun(tok)
        or (tok.lemma_ in words("hosting_lemmas") and _in_person_gathering(tok))
        or hosted_for_gathering(tok)
        or hosted_office_holders(tok)
    )


def _in_person_gathering(tok: Token) -> bool:
    """An unnamed gathering the verb holds, not a remote one ("held a video conference")."""
    noun = unnamed_gathering(tok)
    return noun is not None and not is_remote(noun)


def indefinite_with_counterpart(tok: Token) -> bool:
    """ "a Foreign Ministers' Meeting with X": an indefinite meeting held with someone."""
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"} | {
        c.lower_ for t in tok.children if t.dep_ == "poss" for c in t.children if c.dep_ == "det"
    }
    return bool(dets & {"a", "an"}) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in tok.children
    )


def _hosted_gathering_noun(tok: Token) -> bool:
    """ "organised a seminar on maritime law": a hosting verb whose object is a gathering
    noun (not a meeting noun, which is its own MEETING trigger), new to the text."""
    if tok.lemma_ not in words("hosting_lemmas"):
        return False
    heads = words("event_heads") - words("meeting_nouns")
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.lemma_.lower() in heads
        and not is_anaphoric_noun(c)
        and not is_remote(c)  # "held a video conference": a CALL
        for c in tok.children
    )


def _attended_gathering(tok: Token, sent: Sentence) -> bool:
    """ "attended the X Forum", "spoke at the X Congress": a named gathering the verb holds
    closely, whose name is not itself a meeting noun (that noun reports it already)."""
    doc = tok.doc
    # "led the delegation at the X Conference", "joined ministers at the X Summit"
    anchors = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    return any(
        is_gathering(m)
        and min(tree_distance(gathering_root(m.span(doc).root), a) for a in anchors) <= 2
        and not any(t.lower_ in words("meeting_nouns") for t in m.span(doc))
        for m in sent.initiatives
    )


def gathering_root(root: Token) -> Token:
    """ "the work / the opening session of the X Summit": the part or gathering noun that
    stands for the named gathering in the clause; else the name's own root."""
    heads = words("gathering_parts") | words("gathering_heads")
    while root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in heads:
        root = root.head.head  # "in Lima" on the body's name: "the Conference of the X Body"
    return root


def named_gathering(tok: Token) -> str | None:
    """A proper name the hosting verb holds, whatever its head ("the Dubrovnik Round was
    held", "hosted the Riga Conversation"): the gathering's name; None for an institution."""
    if tok.lemma_ not in words("hosting_lemmas"):
        return None
    for c in tok.children:
        if c.dep_ not in ("nsubjpass", "dobj") or c.pos_ != "PROPN":
            continue
        if c.ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "TIME", "LOC"):
            continue
        words_ = [t for t in c.subtree if t.i <= c.i and t.dep_ != "det"]
        if len(words_) < 2 or not all(t.text[:1].isupper() or t.like_num for t in words_):
            continue
        if any(t.lower_ in words("institution_words") for t in words_):
            continue
        return " ".join(t.text for t in words_)
    return None


def topic_of_talks(tok: Token) -> bool:
    """ "discussed the launch of direct flights", "spoke with X about the signing of Y": an
    act talked about, not reported."""
    if tok.pos_ != "NOUN":
        return False
    talk = words("discussion_verbs") | words("conversation_lemmas")
    if tok.dep_ == "dobj":
        return tok.head.lemma_ in talk
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in words("topic_preps")
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_ in talk
    )


def _ceremony_of(tok: Token, sent: Sentence) -> bool | None:
    """ "the opening ceremony of the new consulate": a launch of what the ceremony is of,
    unless that is a gathering ("the opening ceremony of the X Forum"); None when the
    trigger names no ceremony."""
    if tok.dep_ not in ("compound", "amod") or tok.head.lower_ not in words("ceremony_nouns"):
        return None
    things = [
        g
        for c in tok.head.children
        if c.dep_ == "prep" and c.lower_ in ("of", "for")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if not things:
        return None
    heads = words("event_heads") | words("gathering_heads")
    doc = tok.doc
    gatherings = [m.span(doc).root for m in sent.initiatives if is_gathering(m)]
    return any(
        not any(t.lemma_.lower() in heads for t in g.subtree)  # "of the X photo exhibition"
        and g.ent_type_ != "EVENT"
        and not any(in_subtree(r, g) or in_subtree(g, r) for r in gatherings)
        for g in things
    )


def _of_a_gathering(tok: Token, sent: Sentence) -> bool:
    """ "the opening of the X Forum", "the inauguration of the summit": a launch noun whose
    "of" holds a gathering, which is the event (a HOSTED_EVENT), not a launch."""
    doc = tok.doc
    roots = {m.span(doc).root.i for m in sent.initiatives if is_gathering(m)}
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and (g.i in roots or g.lower_ in words("event_heads"))
        for c in tok.children
        for g in c.children
        if g.dep_ == "pobj"
    )


@check("LAUNCH")
def _launch(cand: Candidate, sent: Sentence) -> bool:
    tok = cand.token
    if topic_of_talks(tok):
        return False
    ceremony = _ceremony_of(tok, sent)
    if ceremony is not None:
        return ceremony
    if cand.trigger.text.lower() == "opening" and tok.dep_ not in ("dobj", "nsubj", "pobj"):
        return False
    if tok.pos_ == "NOUN" and _of_a_gathering(tok, sent):
        return False  # "attended the opening of the X Business Forum": the forum itself
    if tok.lemma_ in ("open", "commission") and tok.pos_ == "VERB":
        # "opened the embassy / the trade fair", "commissioned a wind farm"; not "opened a
        # new chapter", "commissioned a study"
        things = words("facility_heads") | words("initiative_heads") | words("opened_facilities")
        gatherings = words("gathering_heads")  # "opened the X conference": the gathering
        return any(
            c.dep_ in ("dobj", "nsubjpass")
            and c.lemma_.lower() in things
            and c.lemma_.lower() not in gatherings
            for c in tok.children
        )
    if tok.lemma_ == "lay":  # "laid the foundation stone of X", "the stone was laid"
        return any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words("laid_objects")
            for c in tok.children
        )
    return tok.lemma_ != "commission"


@check("APPOINTMENT")
def _appointment(cand: Candidate, sent: Sentence) -> bool:
    return bool(sent.officials) and not _state_elected(cand.token)


def _state_elected(tok: Token) -> bool:
    """ "Jordan's election to the Security Council", "the election of Ghana as a member": a
    state's seat on a body, no official's office."""
    holders = [c for c in tok.children if c.dep_ == "poss"] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    return any(h.ent_type_ in ("GPE", "NORP") or country_code(h.text) for h in holders)
