"""Candidates: the rules' TRIGGER spans of each sentence, checked (:mod:`.checks`), given
a status, one per type per sentence, with their slots attached (:mod:`.slots`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractor.nlp.events.base import (
    Candidate,
    EventInputs,
    EventType,
    ancestors,
    clause_words,
    in_subtree,
    is_infinitive,
    proposed_under,
    tree_distance,
)
from extractor.nlp.events.checks import (
    Sentence,
    gathering_root,
    indefinite_with_counterpart,
    is_anaphoric_noun,
    is_background_invitation,
    is_event,
    is_gathering,
    is_remote,
    names_itself,
    spoken_in_person,
    told_against_another,
)
from extractor.nlp.events.slots import (
    act_persons,
    act_verb,
    agent_of,
    announced_on,
    attendees,
    dateline_place,
    destination_country,
    fill_initiatives,
    host_country,
    nested_persons,
    object_chunks,
    officials_for,
    own_counterparts,
    own_destination,
    pick_date,
    place_for,
    place_within,
    plural_counterparts,
    sentence_ministries,
    statement_date,
    tour_legs,
    twin_persons,
)
from extractor.nlp.events.unnamed_gatherings import (
    body_members_meet,
    hosted_for_gathering,
    several_states_meeting,
    unnamed_gathering,
)
from extractor.nlp.mentions.base import DocMentions, Mention, tokens_of
from extractor.nlp.mentions.gatherings import open_forum, regional
from extractor.nlp.words import match_phrase
from extractor.vocab import words

# event_types.json's slot names -> the Candidate attribute holding each
_SLOT_ATTRS = {
    "officials": "persons",
    "initiatives": "initiatives",
    "date": "date_span",
    "location": "location",
}


def status_of(token: Token, etype: EventType) -> str | None:
    """occurred | planned | proposed, or None for speculation (not an event)."""
    found = clause_words(token)
    if found & words("speculation_words"):
        return None
    if found & words("aspiration_words") and not found & words("future_aux"):
        return None  # "expressed readiness to sign"; not "hoped they will hold X"
    if _looks_forward(token):
        return None  # "looked forward to signing the agreement": a wish (EVENTS.md 3.6)
    if is_infinitive(token) and token.head.lemma_.lower() in words("bid_nouns"):
        return None  # "support Korea's bid to host the Expo": sought, not held
    if found & words("expectation_words") and not (words("holding_words") & found):
        return None
    if etype == EventType.PROPOSAL:
        return "proposed"
    if _reported_aside(token):
        return "occurred"  # "the minister, who arrived on Sunday, will stay until Friday"
    if (
        is_infinitive(token)
        and token.dep_ == "xcomp"
        and token.head.lemma_ in words("set_to_heads")
    ):
        return "planned"  # "is set to visit Lima"
    if found & words("future_aux") or found & words("plan_words") or _scheduled(token):
        return "planned"
    if _present_departure(token):
        return "planned"  # "heads to Nairobi on Thursday for talks"
    # "to be held", "is to visit"
    if is_infinitive(token) and any(c.lower_ == "be" for c in token.children):
        return "planned"
    if token.head.lower_ in words("copulas") and is_infinitive(token):
        return "planned"
    if is_infinitive(token) and token.head.lemma_ in words("planned_status_lemmas"):
        return "planned"  # "accepted the invitation to visit", "agreed to visit"
    if _agreed_to_act(token) or _agreed_that_it_take_place(token):
        return "planned"  # "agreed to hold consultations", "agreed to work on organising X"
    step = _step_after(token)
    return "occurred" if step is None else status_of(step, etype)


def _step_after(token: Token) -> Token | None:
    """ "is scheduled to meet X and to visit Y before leaving for Lima on Friday": the verb
    a "before/after ...ing" step hangs from, whose status the step shares."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ not in words("sequence_words"):
        return None
    verb = prep.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i != token.i else None


def _agreed_that_it_take_place(token: Token) -> bool:
    """ "agreed that the commission should meet / take place in April": a decided event
    lies ahead."""
    verb = act_verb(token)
    return (
        verb.dep_ == "ccomp"
        and verb.head.lemma_ in words("planned_status_lemmas")
        and any(c.dep_ == "aux" and c.lower_ in words("decision_modals") for c in verb.children)
    )


def _present_departure(token: Token) -> bool:
    """ "X heads to Nairobi on Thursday (for talks)": a present-tense travel verb with a
    weekday is the genre's schedule (a report of a past trip is in the past tense; "arrives
    today" is a visit under way)."""
    verb = token
    for _ in range(3):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    # the tagger takes a headline-style "heads" / "travels" for a plural noun
    present = verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "NNS" and verb.dep_ == "ROOT"
    if (
        not present
        or verb.lemma_.lower() not in words("travel_lemmas")
        or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        return False
    days = words("weekdays")
    return any(t.lower_ in days and verb in (t.head, t.head.head) for t in verb.subtree)


def _agreed_to_act(token: Token) -> bool:
    """Whether the trigger is the object of an act an "agreed to" / "accepted to" infinitive
    governs, through verbs and their prepositions ("agreed to hold X", "agreed to coordinate
    in organising X")."""
    verb = act_verb(token)
    if verb.i == token.i and token.pos_ != "VERB":
        return False
    for _ in range(3):
        if is_infinitive(verb) and verb.head.lemma_ in words("planned_status_lemmas"):
            return True
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
            verb = verb.head.head  # "coordinate in organising"
        else:
            return False
    return False


def _travel_purpose(cand: Candidate) -> Token | None:
    """ "arrived in Rome on Monday to attend the X Forum": the attending verb of a gathering
    that the travel is for, which lies ahead (planned; the travel's date is not its date)."""
    if cand.type != EventType.HOSTED_EVENT:
        return None
    purpose = cand.trigger[0].lower_ in words("purpose_preps")  # "to Baku for the X Summit"
    verb = cand.trigger[0] if purpose else act_verb(cand.token)
    if (
        purpose or is_infinitive(verb) and verb.dep_ in ("advcl", "xcomp")
    ) and verb.head.lemma_ in words("travel_lemmas"):
        return verb
    return None


def _own_date(cand: Candidate, date: Span | None) -> Span | None:
    """The date, unless it dates the travel a gathering is the purpose of."""
    verb = _travel_purpose(cand)
    if date is None or verb is None or in_subtree(date.root, verb):
        return date
    return None


def _reported_aside(token: Token) -> bool:
    """A trigger in an aside about the subject that has its own past or present tense: what
    it reports happened, whatever the main clause plans ("X, who arrived on Sunday / who is
    visiting Lima / currently on a visit to Lima, will meet Y"; "Having arrived in Lima, X
    will ...")."""
    own = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass", "amod", "advmod")}
    if own & (words("future_aux") | words("plan_words")):
        return False
    if token.dep_ in ("relcl", "advcl") and token.tag_ == "VBD":
        return True
    if token.dep_ == "relcl" and token.tag_ in ("VBZ", "VBP", "VBG"):
        return True
    if token.dep_ == "advcl" and "having" in own:
        return True
    return token.pos_ == "NOUN" and _describes_subject(token)


def _describes_subject(token: Token) -> bool:
    """ "X, currently on a visit to Lima, will ...": the trigger hangs from the subject."""
    for t in ancestors(token, 4):
        if t.pos_ in ("VERB", "AUX"):
            return False
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
            return any(c.lower_ in words("present_markers") for c in token.head.subtree)
    return False


def _looks_forward(token: Token) -> bool:
    """Whether the trigger hangs from "look forward to"."""
    return any(
        a.lemma_ in words("anticipation_verbs") and any(c.lower_ == "forward" for c in a.children)
        for a in ancestors(token, 3)
    )


def _scheduled(token: Token) -> bool:
    """A noun event its own clause schedules: "a meeting ... to be held on 5 May", "the summit
    scheduled for June", "the forum, which will take place in Lima"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    for c in token.children:
        if c.dep_ not in ("acl", "relcl"):
            continue
        if c.lemma_.lower() in words("plan_words"):
            return True
        aux = {g.lower_ for g in c.children if g.dep_ in ("aux", "auxpass")}
        if aux & words("future_aux") or {"to", "be"} <= aux:
            return True
    return False


def _meeting_of_body(cand: Candidate, sent: Sentence) -> bool:
    """A HOSTED_EVENT whose object is a meeting or session of a commission/committee is a
    MEETING (the genre's convention)."""
    tok = cand.token
    return any(
        m.attrs.get("body")
        and not m.attrs.get("multilateral")
        and not open_forum(m.span(tok.doc))
        and not regional(m.span(tok.doc))  # "the Nordic Trade Ministers' Meeting"
        and tree_distance(m.span(tok.doc).root, tok) <= 4
        for m in sent.initiatives
    )



def _hosts_official(cand: Candidate, sent: Sentence) -> bool:
    """ "hosted President X", "hosted a delegation led by X": a host receiving an official
    or a visiting party is a MEETING."""
    tok = cand.token
    guests = {m.span(tok.doc).root.i for m in sent.officials if m.attrs.get("person") is not None}
    parties = words("visiting_party_nouns")
    if hosted_for_gathering(tok):
        return False  # "hosted X and Y for a trilateral summit": the summit is hosted
    return tok.lemma_ == "host" and any(
        c.dep_ == "dobj" and (c.i in guests or c.lemma_.lower() in parties) for c in tok.children
    )


def _multilateral_gathering(cand: Candidate, sent: Sentence) -> bool:
    """A meeting of a multilateral body, or a named multilateral meeting, is a HOSTED_EVENT
    (EVENTS.md 3.6); talks, whoever hosts them, stay a MEETING."""
    tok = cand.token
    if body_members_meet(tok):
        return True  # "the BRICS foreign ministers met in Rio"
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    meeting_nouns = words("meeting_nouns") | words("plural_meeting_nouns") | {"meetings"}
    if tok.lower_ in meeting_nouns and several_states_meeting(tok):
        return True  # "a trilateral meeting", "a meeting of the ministers of five states"
    for m in sent.initiatives:
        if not m.attrs.get("multilateral"):
            continue
        span = m.span(tok.doc)
        if span.start <= tok.i < span.end:
            # "the G7 Trade Ministers Meeting"; "held a Foreign Ministers' Meeting with X"
            # (indefinite, with one counterpart) is talks
            return not indefinite_with_counterpart(tok)
        if (
            (m.attrs.get("body") or m.attrs.get("event_like"))
            and span.root.head.lower_ in words("gathering_of_preps")
            and span.root.head.head.i == tok.i
        ):
            return True  # "a meeting of the Council of Foreign Ministers"
    return any(_part_of_gathering(tok, m) for m in sent.initiatives)


def _part_of_gathering(tok: Token, m: Mention) -> bool:
    """ "the opening session of the X Forum": a session of a named gathering (not of a body
    that meets, "the 5th session of the Joint Commission") is the gathering."""
    root = m.span(tok.doc).root
    return (
        bool(m.attrs.get("event_like"))
        and not m.attrs.get("body")
        and root.i != gathering_root(root).i == tok.i
    )


def _in_document_name(span: Span, initiatives: list[Mention]) -> bool:
    """Whether the span lies in the subject of a document's name ("an MoU on ...")."""
    doc = span.doc
    for m in initiatives:
        if m.start < span.start and span.end <= m.end:
            start = m.start + (doc[m.start].lower_ in words("definite_dets") | {"a", "an"})
            if match_phrase(doc, start, "document_heads", m.end) > start:
                return True
    return False


def _triggers_by_sentence(inputs: EventInputs) -> dict[int, list[Span]]:
    """TRIGGER spans by sentence start, without those inside a name or a title."""
    mentions = inputs.mentions
    triggers = sorted(
        (s for s in inputs.triggers if s.label_ == "TRIGGER"), key=lambda s: (s.start, -len(s))
    )
    covered_initiatives = tokens_of(mentions.initiatives)
    covered_titles = tokens_of([m for m in mentions.officials if m.attrs.get("title") is not None])
    by_sent: dict[int, list[Span]] = {}
    for span in triggers:
        inside_name = any(t.i in covered_initiatives for t in span)
        if inside_name and _in_document_name(span, mentions.initiatives):
            continue  # "an MoU on political consultations", "an MoU for the Establishment of
            # a Commission": the subject of a document's name holds no event
        if (
            inside_name
            and span.id_ != "HOSTED_EVENT"
            and span.root.lower_ not in words("meeting_nouns")
        ):
            # a trigger word inside an initiative's name is not a trigger, unless the named
            # thing is the meeting itself
            continue
        if any(t.i in covered_titles for t in span):
            continue
        by_sent.setdefault(span.sent.start, []).append(span)
    return by_sent


def _echo(cand: Candidate, dates: list[Span]) -> Candidate | None:
    """An anaphoric event noun ("The meeting, which took place in her office on Monday, ..."):
    no new event, but it dates, places and names what the event it refers back to covered."""
    tok = cand.token
    if _attends_the_gathering(cand):
        own = [d for d in dates if d.sent == cand.sent and in_subtree(d.root, tok)]
        cand.date_span = own[0] if own else None
        return cand
    if not (cand.type.is_context or cand.type == EventType.VISIT):
        return None
    if _receiving_them(tok):
        cand.date_span = None
        return cand
    if tok.pos_ != "NOUN" or not is_anaphoric_noun(tok):
        return None
    scope = _occurrence_verb(tok) or tok
    own = [d for d in dates if d.sent == cand.sent and in_subtree(d.root, scope)]
    cand.date_span = own[0] if own else None
    return cand


def _receiving_them(tok: Token) -> bool:
    """ "Receiving her, the President recalled ...": a participle opening the sentence, its
    object a pronoun, is the audience already reported, the scene of what is said next."""
    return (
        tok.tag_ == "VBG"
        and tok.i == tok.sent.start
        and tok.dep_ == "advcl"
        and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in tok.children)
    )


def _attends_the_gathering(cand: Candidate) -> bool:
    """ "X, Y and Z attended the opening ceremony": taking part in a gathering named before
    ("the ceremony", "the forum"), whose attendees it names."""
    tok = cand.token
    if cand.type != EventType.HOSTED_EVENT or tok.pos_ != "VERB":
        return False
    if tok.lemma_ not in words("attendance_lemmas") | words("gathering_role_lemmas"):
        return False
    # "opened the conference", "the meeting was hosted by X", "spoke at the symposium"
    nouns = words("generic_gathering_nouns") | words("gathering_heads")
    held = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in words("held_gathering_preps")
        for g in c.children
        if g.dep_ == "pobj" and g.lower_ in nouns
    ]  # "spoke at the symposium", not "in the digital sphere"
    return any(
        c.pos_ == "NOUN" and c.text.islower() and is_anaphoric_noun(c) and not _in_a_name(c)
        for c in held
    )  # not "attended the Energy Forum", a name


def _opens_told_gathering(cand: Candidate) -> bool:
    """ "X inaugurated the workshop": opening a gathering told before is taking part in it
    (a HOSTED_EVENT echo), not a LAUNCH."""
    tok = cand.token
    return (
        cand.type == EventType.LAUNCH
        and tok.lemma_ in words("gathering_role_lemmas")
        and any(
            c.dep_ == "dobj"
            and c.lower_ in words("generic_gathering_nouns")
            and is_anaphoric_noun(c)
            for c in tok.children
        )
    )


def _in_a_name(tok: Token) -> bool:
    """ "the BRICS summit": a lower-case head inside a gathering's name, new to the text."""
    names = tok.doc.spans.get("extractor_initiatives", [])
    return any(s.start <= tok.i < s.end for s in names)


def _occurrence_verb(noun: Token) -> Token | None:
    """ "The meeting took place on Monday", "was held on Monday": the verb that says when
    the event noun, its subject, took place."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    particles = " ".join([lemma, *(c.lower_ for c in verb.children if c.dep_ == "dobj")])
    occurs = words("occurrence_lemmas")
    return verb if lemma in occurs or particles in occurs else None


def _discussion(sent: Span, ctx: Sentence) -> Candidate | None:
    """ "The two sides discussed the Northern Rail Link": a sentence that names initiatives
    as what talks covered, with no event of its own, echoes the talks it reports (a body
    not yet set up, "stressed the need to establish a joint committee", is none of them)."""
    named = [m.attrs["name"] for m in ctx.initiatives if not m.attrs.get("unnamed")]
    if not named:
        return None
    verb = next(
        (t for t in sent if t.lemma_ in words("discussion_verbs") and t.pos_ == "VERB"), None
    )  # "discussions focused on X", not "a major focus has been X"
    if verb is None:
        return None
    echo = Candidate(type=EventType.MEETING, trigger=sent.doc[verb.i : verb.i + 1], sent=sent)
    echo.initiatives = named
    return echo


def _talks_reported(talk: Candidate, earlier: list[Candidate], ctx: Sentence) -> bool:
    """Whether a discussion reports talks of its own: no talks before it, and two officials
    before its verb, in its clause ("A and B on Monday discussed X")."""
    verb = talk.token
    if talk.type != EventType.MEETING or any(c.type.is_context for c in earlier):
        return False
    roots = [m.span(verb.doc).root for m in ctx.officials if m.end <= verb.i]
    return sum(1 for r in roots if in_subtree(r, verb)) >= 2


def _document_list(sent: Span) -> Candidate | None:
    """ "The documents include an agreement on X and an MoU on Y": a sentence that lists
    documents, with no event of its own, names what the signing before it covered."""
    verb = sent.root
    if verb.lemma_ not in words("document_listing_verbs"):
        return None
    nouns = words("document_nouns") | words("document_heads")
    if not any(c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in verb.children):
        return None
    heads = words("document_heads")
    names = [c.text.strip(" ,.") for c in object_chunks(verb) if c.root.lemma_.lower() in heads]
    if not names:
        return None
    echo = Candidate(type=EventType.AGREEMENT, trigger=sent.doc[verb.i : verb.i + 1], sent=sent)
    echo.initiatives = names
    return echo


def _first_type(cand: Candidate, ctx: Sentence) -> EventType:
    """The type a trigger's own words and setting give it before any check: talks held
    remotely are a CALL, a call at a gathering or a place a MEETING, a session of a body or
    a hosted visitor a MEETING, a gathering opened or held online a HOSTED_EVENT."""
    kind = cand.type
    if kind == EventType.HOSTED_EVENT and (
        _meeting_of_body(cand, ctx) or _hosts_official(cand, ctx)
    ):
        kind = EventType.MEETING
    if kind == EventType.MEETING and is_remote(cand.token):
        kind = EventType.CALL  # "held talks via video link"
    if kind == EventType.CALL and spoken_in_person(cand, ctx):
        kind = EventType.MEETING  # "spoke with X on the sidelines of the Y Summit"
    if kind == EventType.CALL and _online_gathering(cand, ctx):
        kind = EventType.HOSTED_EVENT  # "the G20 leaders held a virtual summit"
    if _opens_told_gathering(cand):
        kind = EventType.HOSTED_EVENT  # "inaugurated the workshop"
    return kind


def _checked(
    found: list[Span], sent: Span, ctx: Sentence, dates: list[Span], echoes: list[Candidate]
) -> list[Candidate]:
    """The sentence's triggers that are events, one per type (the best-anchored one)."""
    local: list[Candidate] = []
    seen_tokens: set[int] = set()
    # triggers whose clause keeps its own dates; a background invitation has none
    roots = [
        (f.id_, f.root)
        for f in found
        if not (f.id_ == EventType.INVITATION.value and is_background_invitation(f.root))
        # "met during the X Summit last year", "left on Monday for the X Summit"
        and not _scene_phrase(f)
    ]
    for span in found:
        if any(t.i in seen_tokens for t in span):
            continue
        cand = Candidate(type=EventType(span.id_), trigger=span, sent=sent)
        cand.type = _first_type(cand, ctx)
        # a trigger of the same type inside this one's clause is the same event
        others = [root for kind, root in roots if kind != span.id_]
        cand.date_span = pick_date(cand, dates, len(found), others)
        if not names_itself(cand, ctx) and _echo(cand, dates) is not None:
            echoes.append(cand)
            continue
        if not is_event(cand, ctx):
            continue
        status = status_of(_status_token(cand), cand.type)
        if status is None:
            continue
        cand.status = status
        _as_gathering(cand, ctx)
        seen_tokens.update(t.i for t in span)
        local.append(cand)
    local = _without_attending(local)
    for cand in local:
        if cand.date_span is None:  # now that the sentence's events are known
            others = [o.token for o in local if o.type != cand.type and not _setting(o)]
            kinds = len({c.type for c in local})  # triggers of one type are one event
            cand.date_span = _own_date(cand, pick_date(cand, dates, kinds, others))
        if announced_on(cand) or _date_of_invited(cand) or _dated_by_main_clause(cand):
            cand.date_span = None  # "announced on Tuesday that she will visit Ghana"
    _date_settings(local)
    _date_remote_calls(local)
    _mark_separate_acts(local, ctx)
    merged: dict[EventType, Candidate] = {}
    for cand in local:
        if cand.separate or cand.apart:
            continue
        other = merged.get(cand.type)
        if other is None or other.date_span is None and cand.date_span is not None:
            merged[cand.type] = cand
    for cand in merged.values():
        cand.twins = [c for c in local if c.type == cand.type and c is not cand]
    kept = [*merged.values(), *(c for c in local if c.separate or c.apart)]
    return sorted(kept, key=lambda c: c.trigger.start)


def _online_gathering(cand: Candidate, ctx: Sentence) -> bool:
    """A virtual summit is a call between two leaders the sentence names; else, or of a
    multilateral body, a gathering held online."""
    if cand.token.lower_ != "summit":
        return False
    persons = {m.attrs.get("person") for m in ctx.officials} - {None}
    return len(persons) < 2 or _multilateral_gathering(cand, ctx)


def _date_remote_calls(local: list[Candidate]) -> None:
    """ "A and B on Tuesday virtually inaugurated the X": the call the adverb reports has
    the date of the act it modifies."""
    for cand in local:
        tok = cand.token
        if cand.type != EventType.CALL or cand.date_span is not None or tok.dep_ != "advmod":
            continue
        act = next((o for o in local if o.token.i == tok.head.i), None)
        if act is not None:
            cand.date_span = act.date_span


def _dated_by_main_clause(cand: Candidate) -> bool:
    """ "held phone talks with X on Tuesday, days after X took office": an appointment told
    against another act has no date of the act's."""
    span = cand.date_span
    return (
        cand.type == EventType.APPOINTMENT
        and span is not None
        and not in_subtree(span.root, act_verb(cand.token))
        and told_against_another(cand.token)
    )


def _date_of_invited(cand: Candidate) -> bool:
    """ "invited X to the Y Forum in Vilnius in September", "invited X to visit Lima in
    May": the date of what the invitation is to, not of the invitation."""
    tok, span = cand.token, cand.date_span
    if cand.type != EventType.INVITATION or span is None or tok.pos_ != "VERB":
        return False
    # "in September" after the "to" phrase, whichever word the parse hangs it on
    return any(
        c.dep_ == "xcomp"
        and in_subtree(span.root, c)
        or c.dep_ == "prep"
        and c.lower_ == "to"
        and span.start > c.i
        for c in tok.children
    )


def _date_settings(local: list[Candidate]) -> None:
    """ "met X on the sidelines of the Y Summit in August": the gathering that is the act's
    setting, undated itself, has the act's date."""
    for cand in local:
        if cand.date_span is not None or cand.type != EventType.HOSTED_EVENT or not _setting(cand):
            continue
        act = next(
            (
                o
                for o in local
                if o.date_span is not None and not _setting(o) and o.status == cand.status
            ),
            None,
        )
        if act is not None:
            cand.date_span = act.date_span


def _status_token(cand: Candidate) -> Token:
    """ "is to be formalised at the X Summit in October": a gathering named by a setting
    preposition has the status of the clause the phrase hangs from."""
    tok = cand.token
    if tok.dep_ == "prep" and cand.trigger[0].lower_ in words("setting_preps"):
        return tok.head
    return _held_after_name(tok) or tok


def _held_after_name(tok: Token) -> Token | None:
    """ "welcomed Angola's hosting of the X Summit, to be held in November": the verb right
    after the gathering's name that a hosting noun holds, which says when it takes place."""
    if tok.pos_ != "NOUN" or tok.lower_ not in words("hosting_nouns"):
        return None
    doc = tok.doc
    held = {g.i for c in tok.children if c.lower_ == "of" for g in c.children}
    for name in doc.spans.get("extractor_initiatives", []):
        if name.root.i not in held:
            continue
        k = name.end
        while k < tok.sent.end and (doc[k].is_punct or doc[k].dep_ in ("aux", "auxpass")):
            k += 1
        if k < tok.sent.end and doc[k].pos_ == "VERB" and doc[k].lemma_ in words("hosting_lemmas"):
            return doc[k]
    return None


def _setting(cand: Candidate) -> bool:
    """ "met during the X Summit last year", "during an online meeting on Monday, they
    launched X": the setting shares its date with the act."""
    tok = cand.token
    return (
        cand.trigger[0].lower_ in words("setting_preps")
        or _sideline(cand.trigger)
        or cand.type.is_context  # talks; a visit gives its place too (``during_a_visit``)
        and tok.dep_ == "pobj"
        and tok.head.lower_ in words("setting_preps")
    )


def _sideline(span: Span) -> bool:
    """ "on the sidelines of the X Summit on Tuesday": the gathering the act is held at."""
    root, sidelines = span.root, words("sideline_words")
    return root.lower_ in sidelines or (
        root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in sidelines
    )


def _scene_phrase(span: Span) -> bool:
    """A gathering named as the setting or the purpose of the sentence's act: its date is
    the act's too ("met during the X Summit last year", "left on Monday for the X Summit",
    "met on the sidelines of the X Forum on Tuesday")."""
    first = span[0].lower_
    return first in words("setting_preps") | words("purpose_preps") or _sideline(span)


def _launches_gathering(verb: Token) -> bool:
    """ "inaugurated a regional workshop": the gathering is what is opened (not "laid the
    stone in a ceremony", where the ceremony is the launch's twin)."""
    noun = unnamed_gathering(verb)
    if noun is None:
        return False
    obj = noun.head if noun.dep_ == "amod" else noun
    return obj.dep_ == "dobj" and obj.head.i == verb.i


def _visits_show(verb: Token) -> bool:
    """ "visited a photo exhibition", "toured the X Expo": the show is what is visited."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_ in words("site_visit_lemmas")
        and any(c.dep_ == "dobj" and c.lower_ in words("show_nouns") for c in verb.children)
    )


def _as_gathering(cand: Candidate, ctx: Sentence) -> None:
    """A meeting of a multilateral body is a HOSTED_EVENT; one that travel is for lies ahead."""
    if cand.type == EventType.MEETING and _multilateral_gathering(cand, ctx):
        cand.type = EventType.HOSTED_EVENT
    if cand.type == EventType.LAUNCH and _launches_gathering(cand.token):
        cand.type = EventType.HOSTED_EVENT  # "inaugurated a regional workshop"
    if cand.type == EventType.VISIT and _visits_show(cand.token):
        cand.type = EventType.HOSTED_EVENT  # "visited a photo exhibition"
    if _travel_purpose(cand) is not None:
        cand.status = "planned"
        cand.date_span = _own_date(cand, cand.date_span)


def _trip_place(
    cand: Candidate, local: list[Candidate], mentions: DocMentions, doc: Doc
) -> dict | None:
    """ "left for Accra to attend X": the gathering is where the trip goes."""
    verb = _travel_purpose(cand)
    if verb is None:
        return None
    for trip in local:
        if trip.type == EventType.VISIT and trip.token.i == verb.head.i:
            return place_for(trip, mentions.places, doc)
    return None


def _without_attending(local: list[Candidate]) -> list[Candidate]:
    """ "addressed the X Forum held in Lagos on 3 May": the gathering's own trigger reports
    it; the attending verb yields."""

    def attending(c: Candidate) -> bool:
        return c.type == EventType.HOSTED_EVENT and c.token.lemma_ in words("attending_verbs")

    if all(attending(c) for c in local if c.type == EventType.HOSTED_EVENT):
        return local
    return [c for c in local if not attending(c)]


def _mark_separate_acts(local: list[Candidate], ctx: Sentence) -> None:
    """ "called on A and held talks with B", "flew to A and will head to B": conjoined verbs
    of one type, each with a counterpart or destination of its own, are one record each
    (EVENTS.md 3.6)."""
    for cand in local:
        verb = act_verb(cand.token)
        if verb.dep_ != "conj" or verb.pos_ != "VERB":
            continue
        first = next(
            (o for o in local if o.type == cand.type and act_verb(o.token).i == verb.head.i),
            None,
        )
        if first is not None and _own_acts(cand.type, verb, ctx):
            cand.separate = True
            first.separate = True
    _mark_own_speakers(local, ctx)
    _mark_own_dates(local)
    _mark_own_destinations(local)


def _mark_own_destinations(local: list[Candidate]) -> None:
    """ "her visit to Lome follows her visit to Cotonou on 3 June": visits of a sentence to
    places in different countries are one record each; a date outside both visits' phrases
    goes with the visit named just before it."""
    visits = [c for c in local if c.type == EventType.VISIT]
    countries = {c.token.i: destination_country(c.token) for c in visits}
    visits = [c for c in visits if countries[c.token.i]]
    if len({countries[c.token.i] for c in visits}) < 2:
        return
    for cand in visits:
        cand.apart = True
        date = cand.date_span
        if date is None or in_subtree(date.root, cand.token):
            continue
        before = [o for o in visits if o.token.i < date.start]
        nearest = max(before, key=lambda o: o.token.i) if before else None
        if nearest is not cand or any(in_subtree(date.root, o.token) for o in visits):
            cand.date_span = None


def _mark_own_dates(local: list[Candidate]) -> None:
    """ "X, who met Y in Lima last month, on Tuesday received Z": acts of one type in a
    sentence, each dated by a date of its own, are one record each."""
    for n, cand in enumerate(local):
        for other in local[n + 1 :]:
            if (
                other.type == cand.type
                and cand.date_span is not None
                and other.date_span is not None
                and cand.date_span.start != other.date_span.start
            ):
                cand.separate = other.separate = True


def _mark_own_speakers(local: list[Candidate], ctx: Sentence) -> None:
    """ "X proposed A, while Y offered B": proposals or agreements of one sentence, each
    with its own official as subject, are one record each."""
    subs = [c for c in local if c.type.is_sub_event]
    for n, cand in enumerate(subs):
        for other in subs[n + 1 :]:
            if other.type != cand.type:
                continue
            mine = agent_of(act_verb(cand.token), ctx.officials)
            theirs = agent_of(act_verb(other.token), ctx.officials)
            if mine is not None and theirs is not None and mine >= 0 <= theirs != mine:
                cand.separate = other.separate = True


def _own_acts(etype: EventType, verb: Token, ctx: Sentence) -> bool:
    """Whether a verb and the verb it is conjoined to each have a counterpart of their own,
    or, for visits, a destination of their own ("flew to A and will head to B")."""
    if etype == EventType.VISIT and own_destination(verb) and own_destination(verb.head):
        return True
    return bool(
        own_counterparts(verb, ctx.officials) and own_counterparts(verb.head, ctx.officials)
    )


def _inherit_mark(cand: Candidate, sent_words: set[str]) -> str | None:
    if "meanwhile" in sent_words:
        return "meanwhile"
    verb = act_verb(cand.token)
    if verb.tag_ == "VBD" and any(
        c.lower_ in words("sequel_adverbs") and c.dep_ == "advmod" for c in verb.children
    ):
        return "meanwhile"  # "she later held talks with X": the same day as what went before
    if any(c.lower_ == "also" for c in cand.token.children) or (
        "also" in sent_words and cand.type == EventType.APPOINTMENT
    ):
        return "also"
    return None


def _attach(
    cand: Candidate, local: list[Candidate], ctx: Sentence, inputs: EventInputs, doc: Doc
) -> None:
    """Date, officials, initiatives, place and ministries of one checked trigger."""
    mentions: DocMentions = inputs.mentions
    sent = cand.sent
    if cand.date_span is None:
        cand.date_span = statement_date(cand, inputs.dates, mentions.officials)
    cand.persons = officials_for(cand, ctx.officials)
    nested = nested_persons(cand, local, ctx.officials)
    if nested is not None:
        cand.persons = nested
    twin_persons(cand, ctx.officials)
    if cand.separate:
        cand.persons = act_persons(cand, ctx.officials)
    cand.counterparts = plural_counterparts(cand, ctx.officials)
    cand.inherit = _inherit_mark(cand, {t.lower_ for t in sent})
    fill_initiatives(cand, local, ctx.initiatives, doc)
    cand.location = place_for(cand, mentions.places, doc)
    for twin in cand.twins:  # "addressed the forum held in Lagos": the twin places it
        if cand.type == EventType.HOSTED_EVENT:
            cand.location = cand.location or place_for(twin, mentions.places, doc)
    cand.location = cand.location or _trip_place(cand, local, mentions, doc)
    cand.legs, cand.sites = tour_legs(cand, mentions.places, doc)
    if cand.location is None and mentions.dateline is not None:
        # "The X Summit was held in the capital": the holding twin's "the capital"
        near = [cand, *(t for t in cand.twins if cand.type == EventType.HOSTED_EVENT)]
        cand.location = next(
            (p for c in near if (p := dateline_place(c, mentions.dateline)) is not None), None
        )
    if cand.location is None and mentions.dateline is None:
        cand.location = host_country(cand, mentions)
    sentence_ministries(cand, mentions)


def dated_counterparts(cand: Candidate, ctx: Sentence, inputs: EventInputs) -> list[Candidate]:
    """ "met A in Cairo on Monday and B in Amman on Tuesday": one record per counterpart
    named after the act, each with the date (and place) of its own stretch of the sentence
    (EVENTS.md 3.6); empty unless each of two or more has a date of its own."""
    if cand.type not in (EventType.MEETING, EventType.CALL) or cand.counterparts:
        return []
    after = [
        m
        for m in ctx.officials
        if m.start >= cand.trigger.end and m.attrs.get("person") in cand.persons
    ]
    firsts: dict[int, Mention] = {}
    for m in after:
        firsts.setdefault(m.attrs["person"], m)
    stretches = [m.start for m in firsts.values()] + [cand.sent.end]
    dates = [
        next((d for d in inputs.dates if lo <= d.start < hi), None)
        for lo, hi in zip(stretches, stretches[1:], strict=False)
    ]
    if len(firsts) < 2 or None in dates or len({d.text for d in dates if d}) < len(dates):
        return []
    hosts = [k for k in cand.persons if k not in firsts]
    doc = cand.sent.doc
    return [
        cand.copy(
            persons=[*hosts, key],
            date_span=date,
            twins=[],
            location=place_within(inputs.mentions.places, lo, hi, doc) or cand.location,
        )
        for key, date, lo, hi in zip(firsts, dates, stretches, stretches[1:], strict=False)
    ]


def _has_required_slots(cand: Candidate) -> bool:
    if _concrete_course(cand):
        return True
    return all(getattr(cand, _SLOT_ATTRS[s]) for s in cand.type.spec.required_slots)


def _concrete_course(cand: Candidate) -> bool:
    """ "X offered Kenya a credit line", "offered technical assistance", "offered to mediate":
    an official offering a thing or an act is a proposal even when no initiative is named;
    not "offered his condolences" (EVENTS.md 3.6)."""
    tok = cand.token
    return (
        cand.type == EventType.PROPOSAL
        and tok.pos_ == "VERB"
        and tok.lemma_ == "offer"
        and bool(cand.persons)
        and any(
            c.dep_ == "dobj"
            and c.lower_ not in words("courtesy_nouns")
            or c.dep_ == "xcomp"  # "offered to mediate", not "offered to further cooperation"
            and c.lemma_.lower() not in words("vague_cooperation_verbs")
            for c in tok.children
        )
    )


def _ceremony(local: list[Candidate]) -> list[Candidate]:
    """A ceremony the sentence names beside an agreement, launch or appointment is a
    HOSTED_EVENT with the same date, place and participants (EVENTS.md 3.6)."""
    nouns = words("ceremony_nouns")
    hosted_here = [c for c in local if c.type == EventType.HOSTED_EVENT]
    if hosted_here:
        acts = [c for c in local if c.type.spec.ceremony]
        for hosted in hosted_here:
            tok = hosted.token
            named = {tok.lower_, tok.head.lower_} | {c.lower_ for c in tok.children}
            if acts and named & nouns:
                hosted.hosts = acts[0]  # "attended / addressed its opening ceremony"
        return []
    for cand in local:
        if not cand.type.spec.ceremony:
            continue
        near = [t for t in cand.sent if t.lower_ in nouns and tree_distance(t, cand.token) <= 4]
        if near:
            trigger = cand.sent.doc[near[0].i : near[0].i + 1]
            return [cand.copy(type=EventType.HOSTED_EVENT, twins=[], trigger=trigger, hosts=cand)]
    return []


def _each_gathering(local: list[Candidate], ctx: Sentence, doc: Doc) -> list[Candidate]:
    """ "will attend the X Forum and the Y Summit": one HOSTED_EVENT per gathering named
    as a conjunct (EVENTS.md 3.6, one record per distinct event); the first keeps its
    record, the others are copies of it."""
    out: list[Candidate] = []
    for cand in local:
        if cand.type != EventType.HOSTED_EVENT or len(cand.initiatives) < 2:
            continue
        named = [
            m for m in ctx.initiatives if is_gathering(m) and m.attrs["name"] in cand.initiatives
        ]
        roots = {m.span(doc).root.i: m.attrs["name"] for m in named}
        conjoined = [
            name for i, name in roots.items() if doc[i].dep_ == "conj" and doc[i].head.i in roots
        ]
        if not conjoined:
            continue
        cand.initiatives = [n for n in cand.initiatives if n not in conjoined]
        out += [cand.copy(initiatives=[name], twins=[]) for name in conjoined]
    return out


def apply_echoes(cands: list[Candidate], echoes: list[Candidate]) -> None:
    """Give each echo's date and place to the latest earlier event of its kind lacking them."""
    for echo in echoes:
        kinds = {t for t in EventType if t.is_context} if echo.type.is_context else {echo.type}
        before = [c for c in cands if c.trigger.start < echo.trigger.start]
        earlier = [c for c in before if c.type in kinds]
        if not earlier:
            _discussed_at(before, echo)
            continue
        target = earlier[-1]
        target.date_span = target.date_span or echo.date_span
        target.location = target.location or echo.location
        target.initiatives += [n for n in echo.initiatives if n not in target.initiatives]
        target.persons += [k for k in echo.persons if k not in target.persons]


def _standing_alone(
    echoes: list[Candidate], first: int, out: list[Candidate], ctx: Sentence, dates: list[Span]
) -> list[Candidate]:
    """ "The meeting was chaired by A and attended by B", "A and B co-chaired the political
    consultations": talks named as known, with none reported before and two officials in
    their sentence, are the talks themselves (taken out of ``echoes``). After a gathering
    or talks reported before, they name those again."""
    reported = (EventType.MEETING, EventType.CALL, EventType.HOSTED_EVENT)
    if any(c.type in reported for c in out) or len(ctx.officials) < 2:
        return []
    alone = [
        e
        for e in echoes[first:]
        if e.type in (EventType.MEETING, EventType.CALL)
        and (e.token.dep_ in ("nsubj", "nsubjpass", "dobj") or _within_call(e))
    ][:1]  # not "on the margins of the X"
    for cand in alone:
        echoes.remove(cand)
        cand.status = status_of(cand.token, cand.type) or "occurred"
        cand.date_span = pick_date(cand, dates, 1)
    return alone


def _within_call(echo: Candidate) -> bool:
    """ "During the telephone conversation on Tuesday, A congratulated B", "A thanked B for
    the call": a call is no gathering that hosts the act; with none reported before, the
    phrase reports the call itself."""
    return echo.type == EventType.CALL


def _discussed_at(before: list[Candidate], echo: Candidate) -> None:
    """ "They launched X. The leaders also discussed Y": with no talks reported before, what
    a discussion names belongs to the latest event before it (its date and place do not)."""
    if before and echo.type.is_context and echo.date_span is None:
        target = before[-1]
        target.initiatives += [n for n in echo.initiatives if n not in target.initiatives]


def candidates(
    doc: Doc, inputs: EventInputs, echoes: list[Candidate] | None = None
) -> list[Candidate]:
    """Every event candidate of the doc with its sentence-level slots, sentence by sentence.

    Anaphoric event nouns that date or place an earlier event go to ``echoes`` (see
    :func:`apply_echoes`)."""
    echoes = [] if echoes is None else echoes
    by_sent = _triggers_by_sentence(inputs)
    mentions = inputs.mentions
    out: list[Candidate] = []
    for sent in doc.sents:
        found = by_sent.get(sent.start, [])
        ctx = Sentence(
            officials=[m for m in mentions.officials if sent.start <= m.start < sent.end],
            initiatives=[m for m in mentions.initiatives if sent.start <= m.start < sent.end],
        )
        first_echo = len(echoes)
        # every date _checked reads lies in the sentence: not the whole doc's per trigger
        sent_dates = [d for d in inputs.dates if sent.start <= d.start < sent.end] if found else []
        local = _checked(found, sent, ctx, sent_dates, echoes)
        local += _standing_alone(echoes, first_echo, out, ctx, inputs.dates)
        for echo in echoes[first_echo:]:
            echo.location = place_for(echo, mentions.places, doc)
            echo.initiatives = [m.attrs["name"] for m in ctx.initiatives]
            echo.persons = attendees(echo.token, ctx.officials)
        if not local:
            talk = _discussion(sent, ctx) or _document_list(sent)
            if talk is not None and _talks_reported(talk, out, ctx):
                # "A and B discussed the X Project": the talks themselves
                talk.date_span = pick_date(talk, inputs.dates, 1)
                talk.status = status_of(talk.token, talk.type) or "occurred"
                local = [talk]
            else:
                echoes.extend([talk] if talk is not None and len(echoes) == first_echo else [])
                continue
        for cand in local:
            _attach(cand, local, ctx, inputs, doc)
        local = [c for cand in local for c in dated_counterparts(cand, ctx, inputs) or [cand]]
        local += _ceremony(local)
        local += _each_gathering(local, ctx, doc)
        # a candidate without a slot its type requires is not an event ("suggested
        # enhancing ..." without a concrete undertaking is sentiment)
        kept = [c for c in local if _has_required_slots(c) or _proposes_act(c, local)]
        out.extend(c for c in kept if not _proposed_act(c, kept))
    return out


def _proposes_act(cand: Candidate, local: list[Candidate]) -> bool:
    """ "suggested that the two ministers meet in Seoul next month": a proposal of an act
    the sentence reports (a meeting, a visit) is concrete without a named initiative."""
    return cand.type == EventType.PROPOSAL and any(
        o is not cand and o.type != EventType.PROPOSAL and proposed_under(o.token, cand.token)
        for o in local
    )


def _proposed_act(cand: Candidate, kept: list[Candidate]) -> bool:
    """ "proposed the launch of X", "proposed holding a meeting", "proposed that they launch
    X": the act is what was proposed, not an event of its own."""
    return any(
        p.type == EventType.PROPOSAL
        and p is not cand
        and proposed_under(cand.token, p.token)
        and not (cand.separate and p.separate)  # "X proposed A and Y proposed B"
        for p in kept
    )
