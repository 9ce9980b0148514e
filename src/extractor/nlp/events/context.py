"""Document context between records: sub-events made at a meeting copy it, "meanwhile" /
"also" borrow a date, the dateline city places the main meeting, credentials split per
envoy, and duplicates merge.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from extractor.models import EventDate
from extractor.nlp.dates import is_range
from extractor.nlp.events.base import Candidate, EventType, in_subtree
from extractor.nlp.events.checks import act_verb_of, party_subject, told_against_another
from extractor.nlp.mentions.base import DocMentions
from extractor.nlp.mentions.dates import DateReading
from extractor.nlp.words import country_code, second_line_start, world_city_country
from extractor.vocab import words


def _context_of(
    cand: Candidate, cands: list[Candidate], previous: Candidate | None, meeting: Candidate | None
) -> Candidate | None:
    """The meeting a sub-event was made at: one in its sentence, else the one just before."""
    same_sentence = next(
        (
            c
            for c in cands
            if c.sent == cand.sent
            and c.type.is_context
            and c is not cand
            and not (c.status == "planned" != cand.status)  # "agreed to hold talks"
        ),
        None,
    )
    if same_sentence is not None:
        return same_sentence
    if (
        previous is not None
        and meeting is not None
        and (previous is meeting or previous.context is meeting)
        and cand.date_span is None
    ):
        return meeting
    return None


def _launched_at(cand: Candidate, cands: list[Candidate]) -> bool:
    """ "held a video conference on Monday, during which they launched X", "inaugurated X
    through video conferencing on Monday": a launch lacking its date or officials, made at
    the call or meeting of its sentence, copies it (EVENTS.md 3.6)."""
    return (
        cand.type == EventType.LAUNCH
        and (cand.date_span is None or not cand.persons)
        and any(c.sent == cand.sent and c.type.is_context for c in cands if c is not cand)
    )


def _own_parties(cand: Candidate, ctx: Candidate) -> bool:
    """Whether a record in another sentence names two or more participants of its own and
    none of the meeting's."""
    return (
        cand.sent != ctx.sent
        and len(cand.persons) >= 2
        and bool(ctx.persons)  # "as their ministers met": unnamed parties, named next
        and not set(cand.persons) & set(ctx.persons)
    )


def _borrow_date(cand: Candidate, earlier: list[Candidate]) -> None:
    """ "Meanwhile" borrows the last date; "also" the last date of the same type."""
    for other in reversed(earlier):
        if (cand.status == "planned") != (other.status == "planned"):
            continue  # "will also travel to Angola": not the date of a visit made; "later
            # called on X": not the date of the next round agreed just before
        if other.date_span is not None and (cand.inherit == "meanwhile" or other.type == cand.type):
            cand.date_span = other.date_span
            if cand.type == other.type:
                cand.status = other.status
            return


def resolve_parties(cands: list[Candidate]) -> None:
    """ "The two leaders last met in 2024": a record with no official of its own whose
    subject is "the two leaders" has the parties of the last record that had two."""
    for n, cand in enumerate(cands):
        if cand.persons or not party_subject(cand.token):
            continue
        lead = _lead(cands[:n])
        last = next(
            (
                c
                for c in reversed(cands[:n])
                if len(c.persons) >= 2
                and not (lead is not None and _flashback(c, lead) and _new_paragraph(c, cand))
            ),
            None,
        )
        if last is not None:
            cand.persons = list(last.persons)
            cand.ministries = cand.ministries or list(last.ministries)


def _planned_after_held(cand: Candidate, meeting: Candidate | None) -> bool:
    """ "... agreed to hold the next round in October": a planned meeting is no scene for
    what the text goes on to report of the meeting that took place."""
    return cand.status == "planned" and meeting is not None and meeting.status != "planned"


def resolve_delegation(cands: list[Candidate]) -> None:
    """ "The delegation will visit the Parliament House": a visit with no official of its
    own, by "the delegation" or "the guests", is by the visitors of the last visit."""
    for n, cand in enumerate(cands):
        if cand.type != EventType.VISIT or cand.persons or not _party_subject(cand):
            continue
        last = next(
            (c for c in reversed(cands[:n]) if c.type == EventType.VISIT and c.persons), None
        )
        if last is not None:
            cand.persons = list(last.persons)
            cand.ministries = cand.ministries or list(last.ministries)


def _lists_party(root: Token, cand: Candidate, mentions: DocMentions) -> bool:
    """ "They were X, Y and Z", "X was accompanied by Y": a sentence naming who took part
    with a group or a participant just reported."""
    lemma = root.lemma_.lower()
    if _heads_sides(root):
        return True
    if lemma == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in words("attendance_lemmas") for c in root.children
    ):
        return True  # "Also present were X and Y"
    if lemma in words("member_listing_verbs"):
        return any(
            c.dep_ == "nsubj" and c.lower_ in words("listing_subjects") for c in root.children
        )
    subjects = _accompanied(root) if lemma in words("accompaniment_lemmas") else set()
    # "X, who was accompanied by Y, thanked ...": the relative clause's antecedent
    for tok in root.sent:
        if (
            tok.dep_ == "relcl"
            and tok.lemma_.lower() in words("accompaniment_lemmas")
            and any(c.dep_ == "nsubjpass" and c.tag_ in ("WP", "WDT") for c in tok.children)
        ):
            subjects.add(tok.head.i)
    return any(
        m.start <= s < m.end and m.attrs.get("person") in cand.persons
        for m in mentions.officials
        for s in subjects
    )


def _heads_sides(root: Token) -> bool:
    """ "The Kenyan side was led by X, and the Chilean delegation by Y", "Chile was
    represented by Y", "X led the Kenyan delegation, while Y headed the Chilean side": who
    headed each party of the talks just reported."""
    verbs = [root, *(c for c in root.children if c.dep_ in ("conj", "advcl"))]
    return any(
        v.lemma_.lower() in words("heading_lemmas")
        and any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj")
            and c.lemma_.lower() in words("talks_side_nouns")
            or c.dep_ == "nsubjpass"
            and c.ent_type_ == "GPE"
            for c in v.children
        )
        for v in verbs
    )


def _accompanied(verb: Token) -> set[int]:
    """The tokens of who "was accompanied by" / "was joined by" someone."""
    return {t.i for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree}


def named_next(cands: list[Candidate], mentions: DocMentions) -> None:
    """ "received the ambassadors of A, B and C. They were X, Y and Z.", "X was joined by
    Y": the officials a sentence right after a meeting names as its party take part in it."""
    for cand in cands:
        if cand.type not in (EventType.MEETING, EventType.CALL):
            continue
        doc = cand.sent.doc
        if cand.sent.end >= len(doc):
            continue
        nxt = doc[cand.sent.end].sent
        if any(c.sent == nxt for c in cands) or not _lists_party(nxt.root, cand, mentions):
            continue
        for m in mentions.officials:
            key = m.attrs.get("person")
            if key is None or not nxt.start <= m.start < nxt.end:
                continue
            if mentions.persons[key].name and key not in cand.persons:
                cand.persons.append(key)


def _party_subject(cand: Candidate) -> bool:
    """ "The delegation will visit X", "the delegation arrived in Suva and is scheduled to
    travel to Nadi": the visiting party is the subject of the trigger's verb or of the verbs
    it continues (through "to" and "and")."""
    tok = cand.token
    verbs = [tok, tok if tok.pos_ in ("VERB", "AUX") else tok.head]
    for _ in range(3):
        last = verbs[-1]
        if last.dep_ not in ("xcomp", "conj") or last.head.i == last.i:
            break
        verbs.append(last.head)
    return any(
        c.dep_ in ("nsubj", "poss")
        and c.lemma_.lower() in words("visiting_party_nouns")
        and any(d.lower_ in words("definite_dets") for d in c.children)
        for t in verbs
        for c in t.children
    )


def inherit(cands: list[Candidate]) -> None:
    """Context: records made at a meeting copy it; 'meanwhile'/'also' copy a date."""
    previous: Candidate | None = None
    meeting: Candidate | None = None
    lead: Candidate | None = None
    for n, cand in enumerate(cands):
        if lead is not None and _flashback(meeting, lead) and _new_paragraph(meeting, cand):
            meeting = previous = lead  # "In 2023 they held talks in X. || Both ministers
            # signed ...": a recalled meeting is the scene of its own paragraph only
        if cand.type.is_sub_event or _launched_at(cand, cands):
            ctx = _context_of(cand, cands, previous, meeting)
            if ctx is not None and _own_parties(cand, ctx):
                ctx = None  # "X and Y signed an agreement": its own signatories, its own act
            if ctx is not None:
                cand.context = ctx
        if cand.inherit and cand.date_span is None:
            _borrow_date(cand, cands[:n])
        if cand.type == EventType.APPOINTMENT and cand.date_span is None:
            continue  # "congratulated him on his election": background, the scene goes on
        if _aside(cand, meeting):
            continue  # "X, who arrived last month, said ...": background; the scene goes on
        if cand.type.is_context:
            if _planned_after_held(cand, meeting):
                continue  # "agreed to hold the next round in October": the scene goes on
            meeting = cand
            lead = lead or (cand if cand.date_span is not None else None)
        elif cand.context is None and (
            cand.status == "planned" or meeting is not None and cand.sent == meeting.sent
        ):
            continue  # "discussed the upcoming visit", "called X to congratulate him on Y":
            # a plan talked of, or an aside of the meeting's own sentence; the scene goes on
        elif cand.context is None:
            meeting = meeting if cand.type.is_sub_event else None
        previous = cand


def _occurred_value(cand: Candidate) -> str | None:
    if cand.date_span is None:
        return None
    reading: DateReading = cand.date_span._.extractor_date
    return reading.resolve("occurred").value


def _lead(cands: list[Candidate]) -> Candidate | None:
    """The article's first dated meeting: its scene."""
    return next((c for c in cands if c.type.is_context and c.date_span is not None), None)


def _flashback(meeting: Candidate | None, lead: Candidate) -> bool:
    """A meeting recalled in the background ("Last year, X held talks in Doha"): dated
    before the article's first dated scene."""
    if meeting is None or meeting is lead:
        return False
    then, now = _occurred_value(meeting), _occurred_value(lead)
    return then is not None and now is not None and then < now[: len(then)]


def _new_paragraph(meeting: Candidate | None, cand: Candidate) -> bool:
    doc = cand.sent.doc
    # no sentence runs across a paragraph (extractor_paragraphs)
    return meeting is not None and "\n" in doc.text[meeting.trigger.end_char : cand.sent.start_char]


def _aside(cand: Candidate, meeting: Candidate | None) -> bool:
    """A relative clause about a participant, in a sentence after the meeting's ("X, who
    arrived in the country last month, said ..."): background to the scene, not a new one."""
    return (
        meeting is not None
        and not cand.type.is_sub_event
        and cand.sent != meeting.sent
        and cand.token.dep_ == "relcl"
    )


def resolve_dates(cands: list[Candidate], dates: list[Span]) -> None:
    """Each record's date for its status; an 'occurred' date after publication is planned.
    "The same day" counts from the text's last date before it (``dates``: the doc's date
    spans)."""
    in_order = sorted(dates, key=lambda d: d.start)
    for cand in cands:
        if cand.date_span is None:
            continue
        reading: DateReading = cand.date_span._.extractor_date
        start = cand.date_span.start
        reading.resolver.reanchor([d for d in in_order if d.end <= start])
        # the act of proposing is reported as done: its weekday lies behind the paper
        told = "occurred" if cand.type == EventType.PROPOSAL else cand.status
        date: EventDate = reading.resolve(told)
        tense = _present_tense(cand.token) if told == "occurred" else None
        if tense == "progressive" and reading.resolve("planned").value:
            date = reading.resolve("planned")  # "are meeting in Lima on Friday": scheduled
        elif tense == "simple":
            date = _nearer(date, reading.resolve("planned"), reading.published)
        cand.date = date.model_dump()
        published = reading.published
        ahead = bool(
            date.value and published and date.value > published.isoformat()[: len(date.value)]
        )
        if (
            cand.status == "occurred"
            and (ahead or _forward_phrase(cand.date_span.text))
            and cand.type != EventType.PROPOSAL
        ):
            cand.status = "planned"


def extended_invitations(cands: list[Candidate]) -> None:
    """ "invited him to Lima next year": an invitation is extended (occurred); a date ahead
    of publication is the invited visit's, not the invitation's, which keeps none of its own
    (it may take its meeting's)."""
    for cand in cands:
        if cand.type != EventType.INVITATION or cand.date_span is None:
            continue
        reading: DateReading = cand.date_span._.extractor_date
        date = reading.resolve("occurred")  # "next year" lies ahead however it is read
        published = reading.published
        if date.value and published and date.value > published.isoformat()[: len(date.value)]:
            cand.date_span, cand.status = None, "occurred"


def occasion_of_act(cands: list[Candidate]) -> None:
    """ "X and Y on Monday agreed to ... . The understanding was reached during talks between
    A and B": the undated meeting a later sentence names as a dated act's occasion was held
    on the act's date."""
    for n, cand in enumerate(cands):
        if cand.date is not None or cand.status != "occurred" or not cand.type.is_context:
            continue
        if not _names_occasion(cand.token):
            continue
        act = next((c for c in reversed(cands[:n]) if c.sent != cand.sent), None)
        if (
            act is not None
            and act.type.is_sub_event
            and act.status == "occurred"
            and act.date is not None
            and cand.sent.start - act.sent.end <= 2
        ):
            cand.date = dict(act.date)


def _names_occasion(tok: Token) -> bool:
    """The trigger is where a passive act took place: "was reached during talks", "were
    signed at a meeting"."""
    prep = tok.head
    verb = prep.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in words("during_preps") | {"at"}
        and verb.lemma_.lower() in words("occasioned_act_lemmas")
        and any(c.dep_ == "auxpass" for c in verb.children)
    )


def _forward_phrase(text: str) -> bool:
    """ "next week", "tomorrow", "later this month": a date that lies ahead in any tense."""
    low = f" {text.lower()} "
    return any(f" {p} " in low for p in words("forward_date_phrases"))


def _present_tense(tok: Token) -> str | None:
    """ "is visiting" (progressive), "hold talks", "takes place" (simple): the present of an
    act under way or of one scheduled (the verb the trigger is or depends on; a perfect is a
    past); a progressive with a date of its own is scheduled."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "progressive"
    return "simple" if verb.tag_ in ("VBZ", "VBP") and not auxes else None


def _nearer(back: EventDate, ahead: EventDate, published: object) -> EventDate:
    """Of a present-tense act's two readings (the last "15 October" before publication, the
    next one after it), the one nearer the publication date: "is visiting Brazil in June"
    in May is next June; "receives the envoy on Monday" on a Tuesday is yesterday."""
    if not (back.value and ahead.value and published) or back.value == ahead.value:
        return back

    def gap(value: str) -> int:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        return abs((dt.date(int(y), int(m), int(d)) - published).days)  # type: ignore[operator]

    return ahead if gap(ahead.value) < gap(back.value) else back


def during_a_stay(cands: list[Candidate]) -> None:
    """What an official does, undated, in the sentences after a visit the text dates by a
    range of days happens during that stay: dated to the range's month (like a tour's legs)."""
    for n, cand in enumerate(cands):
        if cand.date is not None or not cand.persons or told_against_another(cand.token):
            continue  # "his first trip since his appointment": before the stay
        stay = next(
            (
                v
                for v in reversed(cands[:n])
                if v.type == EventType.VISIT
                and v.status == cand.status
                and v.date
                and v.date.get("granularity") == "day"
                and is_range(v.date["text"])
                and set(v.persons) & set(cand.persons)
                and cand.sent.start - v.sent.start <= 120
            ),
            None,
        )
        if stay is not None and stay.date is not None:
            cand.date = {**stay.date, "value": stay.date["value"][:7], "granularity": "month"}


def during_a_visit(cands: list[Candidate]) -> None:
    """ "signed the agreement during his visit to Baku last month": an undated act inside a
    dated visit of its sentence, or in a clause the visit governs, has the visit's date (and
    place, when it has none)."""
    for cand in cands:
        if cand.date is not None or cand.type in (EventType.VISIT, EventType.APPOINTMENT):
            continue  # "his first trip since taking office": the office is older
        visit = next((v for v in cands if _inside_visit(cand, v)), None)
        if visit is not None:
            cand.date = visit.date
            cand.location = cand.location or visit.location
            cand.status = visit.status  # "Next week, X travels to Y for talks": planned


def _planned_trip(visit: Candidate, cand: Candidate) -> bool:
    """A trip its date made planned ("Next week, X travels to Y for talks"): an undated act
    on it, told in the same tense, lies ahead too."""
    return visit.status == "planned" and cand.status == "occurred" and cand.date_span is None


def _inside_visit(cand: Candidate, visit: Candidate) -> bool:
    """ "signed X during his visit to Baku last month", "travelled to Baku last month, where
    he signed X", "his trip to Baku in March resulted in the signing of X"."""
    tok = visit.token
    if not (
        visit.type == EventType.VISIT
        and visit.sent == cand.sent
        and visit.date is not None
        and (visit.status == cand.status or _planned_trip(visit, cand))
    ):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in words("during_preps"):
        return in_subtree(tok, cand.token)
    if tok.dep_ == "nsubj" and tok.pos_ == "NOUN":
        return in_subtree(cand.token, tok.head)
    return in_subtree(cand.token, tok) and cand.token.i != tok.i or _during_which(cand, tok)


def _during_which(cand: Candidate, visit: Token) -> bool:
    """ "recalled his visit to X in May 2024, during which he held talks with Y": the parser
    hangs the clause on the verb, yet "which" stands for the visit just before it."""
    verb = act_verb_of(cand.token)
    return visit.i < cand.token.i and any(
        c.dep_ == "prep"
        and c.lower_ in words("during_preps")
        and any(g.tag_ == "WDT" and g.i > visit.i for g in c.children)
        for c in verb.children
    )


def at_the_visitors_place(cands: list[Candidate]) -> None:
    """ "X, who is in Tbilisi to attend Y, held talks with Z": an act of the visitor in the
    sentence of a visit under way (or an arrival) happens at the visit's place."""
    for cand in cands:
        if cand.location is not None or cand.type in _PLACED_ELSEWHERE:
            continue
        visit = next((v for v in cands if _present_visitor(cand, v)), None)
        if visit is not None and visit.location is not None:
            cand.location = dict(visit.location)


# a call is remote; an appointment's office is older than the trip
_PLACED_ELSEWHERE = (EventType.VISIT, EventType.CALL, EventType.APPOINTMENT)


def _present_visitor(cand: Candidate, visit: Candidate) -> bool:
    """Whether ``visit`` is, in ``cand``'s sentence, its official being at a place now."""
    return (
        visit.type == EventType.VISIT
        and visit.sent == cand.sent
        and visit.status == "occurred" == cand.status
        and visit.token.lemma_ in words("presence_lemmas")
        and bool(set(visit.persons) & set(cand.persons))
    )


def rehost_ceremonies(cands: list[Candidate]) -> list[Candidate]:
    """ "... inaugurated the park. Addressing the inauguration ceremony, ...": a ceremony
    whose own act was no record (nothing named) is the ceremony of that kind of act in the
    sentence before, or the same ceremony as the one it already has."""
    out: list[Candidate] = []
    for cand in cands:
        act = cand.hosts
        if act is None or act in cands and not _bare_act(act):
            out.append(cand)
            continue
        before = [c for c in out if c.type == act.type and 0 <= cand.sent.start - c.sent.end <= 1]
        if not before:
            out.append(cand)
            continue
        hosted = next((c for c in out if c.hosts is before[-1]), None)
        if hosted is None:
            cand.hosts = before[-1]
            out.append(cand)
        else:
            hosted.persons += [k for k in cand.persons if k not in hosted.persons]
    return out


def _bare_act(act: Candidate) -> bool:
    """ "The signing ceremony took place at X": the act named only in the ceremony's name,
    with no date or party of its own, is the act the text has just told."""
    tok = act.token
    return (
        act.date_span is None
        and not act.persons
        and tok.dep_ == "compound"
        and tok.head.lower_ in words("ceremony_nouns")
    )


def ceremony_of_act(cands: list[Candidate]) -> None:
    """A ceremony has the date, place and participants of the act it hosts (EVENTS.md 3.6)."""
    for cand in cands:
        act = cand.hosts
        if act is None:
            continue
        cand.date = cand.date or act.date
        act.date = act.date or cand.date  # "a signing ceremony for X was held on Monday"
        cand.location = cand.location or act.location
        cand.persons += [k for k in act.persons if k not in cand.persons]


def apply_context(cands: list[Candidate]) -> None:
    """A sub-event copies its meeting's date, officials, ministries and place."""
    for cand in cands:
        ctx = cand.context
        if ctx is None:
            continue
        if cand.date is None:
            cand.date = ctx.date
        for key in ctx.persons:
            if key not in cand.persons:
                cand.persons.append(key)
        cand.persons.sort(key=lambda k: ctx.persons.index(k) if k in ctx.persons else 99)
        for item in ctx.ministries:
            if item not in cand.ministries:
                cand.ministries.append(item)
        if cand.location is None:
            cand.location = ctx.location
        # what was agreed or invited to at a meeting is part of that meeting (EVENTS.md's own
        # example: the MEETING lists the working group agreed at it); a proposal is one side's
        if cand.type in (EventType.AGREEMENT, EventType.INVITATION):
            for name in cand.initiatives:
                if name not in ctx.initiatives:
                    ctx.initiatives.append(name)


def place_at_dateline(cands: list[Candidate], mentions: DocMentions) -> None:
    """The dateline city is the place of the article's main meeting (and its records)."""
    if mentions.dateline is None:
        return
    place = {"name": mentions.dateline.attrs["name"], "country": mentions.dateline.attrs["country"]}
    main = next((c for c in cands if c.type == EventType.MEETING and c.status == "occurred"), None)
    if main is None:
        return
    main_date = (main.date or {}).get("value")
    for cand in cands:
        if cand.location is not None or cand.status != "occurred":
            continue
        same_day = (
            cand.type == EventType.MEETING
            and main_date is not None
            and (cand.date or {}).get("value") == main_date
        )
        if cand is main or cand.context is main or same_day:
            cand.location = dict(place)
    for cand in cands:
        if cand.context is not None and cand.location is None:
            cand.location = cand.context.location


def without_homecomings(cands: list[Candidate], mentions: DocMentions) -> list[Candidate]:
    """ "X left for Lusaka after concluding his visit to Y", X being Zambian: leaving for a
    place in the visitor's own country is the way home, not a visit."""
    return [c for c in cands if not _homecoming(c, mentions)]


def _homecoming(cand: Candidate, mentions: DocMentions) -> bool:
    if cand.type != EventType.VISIT or not cand.location or not cand.persons:
        return False
    if cand.token.lemma_ not in words("departure_lemmas"):
        return False
    own = {mentions.persons[k].country for k in cand.persons}
    return own == {cand.location.get("country")} and None not in own


def split_appointments(cands: list[Candidate], mentions: DocMentions) -> list[Candidate]:
    """Credentials are per envoy: one APPOINTMENT per ambassador named together."""
    out = []
    for cand in cands:
        envoys = [k for k in cand.persons if mentions.persons[k].office == "ambassador"]
        if cand.type == EventType.APPOINTMENT and not envoys:
            envoys = _envoys_listed_after(cand, cands, mentions)
        if cand.type != EventType.APPOINTMENT or len(envoys) < 2:
            out.append(cand)
            continue
        others = [k for k in cand.persons if k not in envoys]
        for k in envoys:
            out.append(cand.copy(persons=[k, *others]))
    return out


def _envoys_listed_after(
    cand: Candidate, cands: list[Candidate], mentions: DocMentions
) -> list[int]:
    """ "received the credentials of three new envoys. They were A of X, B of Y and C of Z":
    the envoys of a plural credentials sentence named in the next sentence, in no other
    record."""
    sent = cand.sent
    if cand.trigger.root.lower_ not in words("credential_nouns") or not any(
        t.tag_ == "NNS" and t.lemma_.lower() in words("envoy_nouns") for t in sent
    ):
        return []
    doc = sent.doc
    if sent.end >= len(doc):
        return []
    after = doc[sent.end].sent
    busy = {k for c in cands if c is not cand for k in c.persons}
    found: list[int] = [
        m.attrs["person"]
        for m in mentions.officials
        if after.start <= m.start < after.end and m.attrs.get("person") is not None
    ]
    return list(
        dict.fromkeys(
            k for k in found if mentions.persons[k].office == "ambassador" and k not in busy
        )
    )


def _credentials(cand: Candidate, mentions: DocMentions) -> set[int]:
    """The receiving officials of a credentials APPOINTMENT (empty for any other record)."""
    if cand.type != EventType.APPOINTMENT or cand.trigger.root.lower_ not in words(
        "credential_nouns"
    ):
        return set()
    return {k for k in cand.persons if mentions.persons[k].office != "ambassador"}


def share_occasion(cands: list[Candidate], mentions: DocMentions) -> None:
    """Envoys presenting credentials to the same head of state in one article did so on one
    occasion: an undated one takes the date of the last dated one before it, and one
    without a place the place of the nearest one that has it."""
    seen: list[tuple[Candidate, set[int]]] = []
    for cand in cands:
        receivers = _credentials(cand, mentions)
        if not receivers:
            continue
        same = [c for c, r in seen if r & receivers]
        dated = [c for c in same if c.date and c.date.get("value")]
        if not (cand.date and cand.date.get("value")) and dated:
            cand.date = dated[-1].date
        seen.append((cand, receivers))
    for cand, receivers in seen:
        if cand.location is None:
            placed = [c for c, r in seen if r & receivers and c.location is not None]
            if placed:
                near = min(placed, key=lambda c: abs(c.sent.start - cand.sent.start))
                cand.location = dict(near.location or {})
    _ceremony_of_occasion(cands, seen)


def sign_at_occasion(cands: list[Candidate]) -> None:
    """ "X met Y on Monday. ... The two leaders also witnessed the signing of Z": an agreement
    the text leaves undated was reached on the occasion the story is telling, so it has the
    date of the last dated record before it (EVENTS.md 3.6: records made at a meeting copy
    its date)."""
    last: Candidate | None = None
    for cand in sorted(cands, key=lambda c: (c.sent.start, c.trigger.start)):
        if (
            cand.date is None
            and cand.type == EventType.AGREEMENT
            and cand.status == "occurred"
            and last is not None
            and (not cand.persons or set(cand.persons) & set(last.persons))
        ):
            cand.date = last.date  # not when signed by others of its own
        elif cand.date and cand.date.get("value"):
            last = cand


def _ceremony_of_occasion(cands: list[Candidate], seen: list[tuple[Candidate, set[int]]]) -> None:
    """The credentials ceremony has the occasion's date, place and every envoy."""
    for cand in cands:
        act = cand.hosts
        group = [c for c, r in seen if act is not None and (c is act or r & set(act.persons))]
        if not group:
            continue
        cand.date = cand.date or next((c.date for c in group if c.date), None)
        cand.location = cand.location or next((c.location for c in group if c.location), None)
        for c in group:
            cand.persons += [k for k in c.persons if k not in cand.persons]


def split_tours(cands: list[Candidate]) -> list[Candidate]:
    """A dated tour is one VISIT per place (EVENTS.md 3.6); a range of days shared by the
    tour dates each leg only to its month, since the text does not say which day is whose."""
    out = []
    for cand in cands:
        if len(cand.legs) < 2 or not ((cand.date or {}).get("value") or cand.sites):
            # an undated list of countries is a mention, not an itinerary; named sites
            # ("will visit the X University and the Y Hospital") are one each
            out.append(cand)
            continue
        date = cand.date
        if (
            date
            and date.get("granularity") == "day"
            and (is_range(date["text"]) or _tour_end(cand.token))
        ):
            date = {**date, "value": date["value"][:7], "granularity": "month"}
        for place in cand.legs:
            out.append(cand.copy(location=dict(place), date=date, legs=[place]))
    return out


def _tour_end(token: Token) -> bool:
    """ "wrapped up a tour of A, B and C", "concluded a tour of A and B": the tour's end,
    whose day is the last leg's only ("embarked today on a tour" dates every leg)."""
    verb = token.head.head if token.head.dep_ == "prep" else token.head
    return token.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in words("tour_end_lemmas")


def split_counterparts(cands: list[Candidate]) -> list[Candidate]:
    """ "held bilateral meetings with A and B": one MEETING per counterpart (EVENTS.md 3.6)."""
    out = []
    for cand in cands:
        if not cand.counterparts:
            out.append(cand)
            continue
        hosts = [k for k in cand.persons if k not in cand.counterparts]
        for key in cand.counterparts:
            out.append(cand.copy(persons=[*hosts, key], counterparts=[key]))
    return out


def _gathering_key(name: str) -> str:
    """A gathering's name compared loosely: "Foreign Minister's Meeting" is "Foreign
    Ministers Meeting"."""
    words_ = re.findall(r"[a-z0-9]+", name.casefold().replace("'s", "s"))
    return " ".join(w.removesuffix("s") for w in words_)


def _same_gathering(cand: Candidate, other: Candidate) -> bool:
    """Two gatherings that name the same gathering."""
    keys = {_gathering_key(n) for n in other.initiatives}
    return cand.type == EventType.HOSTED_EVENT and any(
        _gathering_key(n) in keys for n in cand.initiatives
    )


def _same_event(cand: Candidate, other: Candidate) -> bool:
    """Same type and status, compatible dates, one's officials within the other's; or a
    bare mention again (no date, nothing new) of what the earlier one named."""
    if other.type == cand.type and _bare_mention_of(cand, other):
        return True
    if other.type != cand.type or other.status != cand.status:
        return False
    if cand.legs and other.legs and cand.location != other.location:
        return False  # two legs of a tour
    if (cand.sites or other.sites) and cand.location != other.location:
        return False  # a site toured is a visit of its own beside the country's
    if _two_sites(cand, other):
        return False
    if cand.counterparts and other.counterparts and cand.counterparts != other.counterparts:
        return False  # one meeting per counterpart
    value = (cand.date or {}).get("value")
    ovalue = (other.date or {}).get("value")
    if _same_gathering(cand, other) and (value is None or ovalue is None):
        return True  # the same named gathering, mentioned again undated
    a, b = set(cand.persons), set(other.persons)
    nested = a <= b or b <= a
    shared = set(cand.initiatives) & set(other.initiatives)
    disjoint = cand.initiatives and other.initiatives and not shared
    same_day = bool(value and ovalue and value == ovalue and not disjoint)
    if same_day and ((a or b) and nested or (not a and not b and shared)):
        return True
    adjacent = (
        abs(cand.sent.start - other.sent.end) <= 1
        or cand.sent == other.sent
        or _headline(cand) != _headline(other)  # the headline reports the body's event
    )
    return bool(
        adjacent
        and (value is None or ovalue is None or value == ovalue)
        and (not a or not b or nested)
        and (not cand.initiatives or not other.initiatives or shared)
    )


def _two_sites(cand: Candidate, other: Candidate) -> bool:
    """Visits to two different places ("visited Juba ... also visited a camp in Bor",
    "visited Kenya ... In Kenya, visited the Mombasa Port") are one record each (EVENTS.md
    3.6); a country and a city in it are one trip."""
    if cand.type != EventType.VISIT or not cand.location or not other.location:
        return False
    names = (cand.location["name"], other.location["name"])
    if any(name.split()[-1].lower() in words("arrival_points") for name in names):
        return False  # "landed at X Airport": the arrival of the visit, not a site
    return not _one_trip(*names)


def _one_trip(a: str, b: str) -> bool:
    if a == b:
        return True
    if not (country_code(a) or country_code(b)):
        return False  # two cities or sites
    sites = words("facility_heads")
    if any(name.split()[-1].lower() in sites for name in (a, b)):
        return False
    code, city = (country_code(a), b) if country_code(a) else (country_code(b), a)
    return world_city_country(city) in (None, code)  # Abuja is not in Angola


def _headline(cand: Candidate) -> bool:
    """Whether a record is read from the document's first line (its headline)."""
    return cand.sent.start_char <= second_line_start(cand.sent.doc)


def _bare_mention_of(cand: Candidate, other: Candidate) -> bool:
    """ "her presence at the opening ceremony of X" after "will attend the opening of X":
    no date, and no official or initiative the earlier record did not name."""
    return (
        not (cand.date or {}).get("value")
        and set(cand.persons) <= set(other.persons)
        and bool(cand.initiatives)
        and set(cand.initiatives) <= set(other.initiatives)
    )


def _absorb(target: Candidate, cand: Candidate) -> None:
    if target.date is None and cand.date is not None:
        target.date = cand.date
    for k in cand.persons:
        if k not in target.persons:
            target.persons.append(k)
    for x in cand.ministries:
        if x not in target.ministries:
            target.ministries.append(x)
    keys = {_gathering_key(n) for n in target.initiatives}
    for name in cand.initiatives:
        if _gathering_key(name) not in keys:  # "Minister's Meeting" repeats "Ministers Meeting"
            target.initiatives.append(name)
            keys.add(_gathering_key(name))
    target.location = target.location or cand.location


def _refers_back(cand: Candidate, kept: list[Candidate]) -> Candidate | None:
    """ "The talks with A covered X, while the meeting with B addressed Y": an undated
    definite talks noun whose every participant took part in talks reported before names
    those talks again, not new ones; the last of them."""
    tok = cand.token
    if cand.type not in (EventType.MEETING, EventType.CALL) or cand.date is not None:
        return None
    if tok.pos_ != "NOUN" or not any(c.lower_ == "the" for c in tok.children):
        return None
    talks = [o for o in kept if o.type in (EventType.MEETING, EventType.CALL)]
    met = {k for o in talks for k in o.persons}
    if not cand.persons or not set(cand.persons) <= met:
        return None
    return next(o for o in reversed(talks) if set(o.persons) & set(cand.persons))


def merge_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """Same type, compatible date, one's officials within the other's: one event. A record
    made at a meeting named again undated ("In the meeting with X, the two sides agreed")
    has the date of the meeting that mention is merged into."""
    kept: list[Candidate] = []
    into: dict[int, Candidate] = {}
    for cand in cands:
        earlier = _refers_back(cand, kept)
        if earlier is not None:  # its initiatives go to the talks it names again
            earlier.initiatives += [n for n in cand.initiatives if n not in earlier.initiatives]
            into[id(cand)] = earlier
            continue
        target = next((other for other in kept if _same_event(cand, other)), None)
        if target is None:
            kept.append(cand)
        else:
            _absorb(target, cand)
            into[id(cand)] = target
    for cand in kept:
        merged = into.get(id(cand.context)) if cand.context is not None else None
        if merged is not None and cand.date is None:
            cand.date = merged.date
    return kept
