"""The date of a trigger: in its clause, not inside another event's clause, or the date
the text gave the statement an event is the setting of."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from extractor.nlp.events.base import (
    Candidate,
    EventType,
    ancestors,
    in_subtree,
    tree_distance,
    visiting_guest,
)
from extractor.nlp.events.checks import act_verb_of
from extractor.nlp.events.slots.officials import agent_of
from extractor.nlp.mentions.base import Mention
from extractor.vocab import words


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


def _other_step(root: Token, tok: Token) -> bool:
    """ "will travel to Angola before returning to Beijing on 23 September": a date in a
    "before/after ...ing" clause under the trigger dates that other step."""
    steps = words("sequence_words")
    if not in_subtree(root, tok):
        return False
    for t in ancestors(root, 6):
        if t.i == tok.i:
            return False
        if t.pos_ == "VERB" and (
            (t.dep_ == "pcomp" and t.head.lower_ in steps)
            or (
                t.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ in steps for c in t.children)
            )
        ):
            return True
    return False


def _agreed(cand: Candidate) -> list[Token]:
    """ "offered to host the talks in July", "agreed to resume the talks before the end of
    the year", "invited him to attend the summit in October": the clause of what is
    proposed, agreed or invited to has its own date."""
    if cand.type not in (EventType.PROPOSAL, EventType.AGREEMENT, EventType.INVITATION):
        return []
    clauses = [c for c in cand.token.children if c.dep_ in ("xcomp", "ccomp")]
    # "agreed to keep in touch and to instruct their ministers to meet in March"
    return clauses + [g for c in clauses for g in c.children if g.dep_ == "conj"]


def _agreed_gathering(cand: Candidate) -> bool:
    """ "agreed to hold the next session at the end of April", "agreed that the meeting
    should take place in April": the date of a gathering agreed on is that gathering's,
    never the agreement's."""
    occurs = words("occurrence_lemmas")
    held = words("hosting_lemmas") | {"meet"}
    return any(
        t.lemma_ in held
        or t.lemma_ in occurs
        or " ".join([t.lemma_, *(g.lower_ for g in t.children if g.dep_ == "dobj")]) in occurs
        for c in _agreed(cand)
        for t in c.subtree
        if t.pos_ == "VERB"
    )


def _nested_clauses(cand: Candidate, others: Sequence[Token]) -> list[Token]:
    """Clauses under the trigger whose dates are another event's or another thing's."""
    tok = cand.token
    # another event's trigger inside this one's subtree keeps its own dates ("invited him to
    # a meeting of the council to be held on 5 April": the date is the meeting's)
    nested = [
        act_verb(o)
        for o in others
        if o.i != tok.i and in_subtree(o, tok) and not _holds(o, tok) and not visiting_guest(o)
    ]
    # conjoined acts share their modifiers ("called on A and held talks with B on Monday")
    # (not a proposal's: "proposed X and invited Y to the summit in March")
    shares = cand.type != EventType.PROPOSAL
    nested = [o for o in nested if o != tok and not (shares and o.dep_ == "conj" and o.head == tok)]
    # a relative clause on what a launch, agreement or proposal concerns dates that thing
    # ("launched X, which aims to ... by 2027"), not the act
    if cand.type in (EventType.LAUNCH, EventType.AGREEMENT, EventType.PROPOSAL):
        nested += [t for t in tok.subtree if t.dep_ == "relcl" and t.head != tok]
    return nested


def _report_verb(cand: Candidate) -> Token | None:
    """ "X is in Seoul for talks, the ministry said Wednesday": the verb of speech whose
    reported clause the act is, when its date is the statement's: for a visit (EVENTS.md
    3.6 dates it only by its own date) or when a body or spokesperson reports (a party's
    "said on Tuesday that they had agreed" dates the agreement)."""
    act = act_verb(cand.token)
    for t in [act, *ancestors(act, 2)]:
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in words("speech_lemmas"):
            said = t.head
            subjects = [c for c in said.children if c.dep_ == "nsubj"]
            reporter = any(c.lower_ in words("reporting_bodies") for c in subjects)
            return said if cand.type == EventType.VISIT or reporter else None
    return None


def _in_clause(cand: Candidate, dates: list[Span], nested: list[Token]) -> list[Span]:
    """The dates of the trigger's sentence outside the nested clauses and other steps, and
    not the date of the statement that reports the act."""
    sent = cand.sent
    said = _report_verb(cand)
    return [
        d
        for d in dates
        if sent.start <= d.start < sent.end
        and not any(in_subtree(d.root, o) for o in nested)
        and not _other_step(d.root, cand.token)
        and not (said is not None and _verb_above(d.root) == said)
    ]


def _visit_under_way(cand: Candidate) -> bool:
    """ "today concluded talks in Tokyo during his two-day visit to Japan": the date of the
    act in a visit dates the act, not the visit (EVENTS.md 3.6: a visit under way is dated
    only when the text dates the visit itself)."""
    tok = cand.token
    return cand.type == EventType.VISIT and (
        tok.dep_ == "pobj" and tok.head.lower_ in words("during_preps") or visiting_guest(tok)
    )


def _trailing_date(tok: Token, in_sent: list[Span]) -> Span | None:
    """ "the results of his visit to Budapest in November last year": a date right after a
    visit or meeting noun's phrase dates it, however the parser hangs it on the verb above."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj":
        return None
    end = tok.right_edge.i + 1
    for d in in_sent:
        between = tok.doc[end : d.start]
        if d.start >= end and len(between) <= 1 and all(t.dep_ == "prep" for t in between):
            return d
    return None


def _congratulated_on(cand: Candidate) -> bool:
    """ "congratulated X on Monday on his election": the congratulation's date is not the
    election's."""
    tok = cand.token
    return (
        cand.type == EventType.APPOINTMENT
        and tok.dep_ in ("pobj", "pcomp")
        and tok.head.head.lemma_ in words("congratulation_lemmas")
    )


def pick_date(
    cand: Candidate, dates: list[Span], n_events: int, others: Sequence[Token] = ()
) -> Span | None:
    """The date that dates this trigger: in its subtree (not inside another trigger's
    clause, e.g. the visit's date inside "invitation to visit ... later this year"), else
    a sibling in its clause, else the sentence's only date when it has only one event."""
    tok, sent = cand.token, cand.sent
    nested = _nested_clauses(cand, others)
    in_sent = _in_clause(cand, dates, [*nested, *_agreed(cand)])
    if cand.type == EventType.AGREEMENT and not in_sent and not _agreed_gathering(cand):
        # "first agreed to coordinate prices in 2018": with no other date, the date of
        # what was agreed is the agreement's
        in_sent = _in_clause(cand, dates, nested)
    inside = [d for d in in_sent if in_subtree(d.root, tok)]
    if inside and not visiting_guest(tok):
        return min(inside, key=lambda d: (tree_distance(d.root, tok), abs(d.start - tok.i)))
    if _visit_under_way(cand) or _congratulated_on(cand):
        return None
    holder = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
    siblings = _siblings(tok, in_sent) or _siblings(holder, in_sent)  # "a round of talks"
    if siblings:
        return min(siblings, key=lambda d: tree_distance(d.root, tok))
    # "his meeting with X during the inauguration of Y in May 2023": a "during"/"at"/"on the
    # sidelines of" phrase of the trigger's clause anchors it in time
    # (a relative clause does not take its antecedent's: "On Monday, X, who is in Lima on a
    # visit, called on Y")
    anchors = (tok,) if tok.dep_ == "relcl" else (tok, tok.head)
    for anchor in anchors:
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in words("time_anchor_preps"):
                inner = [d for d in in_sent if in_subtree(d.root, c)]
                if inner:
                    return min(inner, key=lambda d: tree_distance(d.root, tok))
    trailing = _trailing_date(tok, in_sent)
    if trailing is not None:
        return trailing
    fronted = [d for d in in_sent if d.start <= sent.start + 1]
    if fronted and act_verb(tok).i == sent.root.i:
        return fronted[0]  # "On February 3, commencing at 4 p.m., X held a meeting with Y"
    if n_events == 1 and len(in_sent) == 1:
        return in_sent[0]
    return None


def _verb_above(tok: Token) -> Token | None:
    """The verb a date or a prepositional phrase hangs from."""
    for t in [tok, *ancestors(tok, 3)]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def announced_on(cand: Candidate) -> bool:
    """ "announced on Tuesday that she will travel to Ghana": the date of the past verb
    that reports a planned act, not the act's own date."""
    if cand.date_span is None or cand.status != "planned":
        return False
    verb = _verb_above(cand.date_span.root)
    act = act_verb(cand.token)
    return (
        verb is not None
        and verb.tag_ == "VBD"
        and verb.i != act.i
        and any(t.dep_ == "ccomp" and t.head.i == verb.i for t in [act, *ancestors(act, 3)])
    )


def _setting_clause(tok: Token) -> bool:
    """ "while meeting X", "when he received X": a clause that sets the verb above it."""
    return tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in words("setting_marks") for c in tok.children
    )


def statement_date(cand: Candidate, dates: list[Span], officials: list[Mention]) -> Span | None:
    """ "X on Thursday stressed ... X made the remarks during the courtesy call of Y": the
    event that is the setting of X's statement has the date the text gives that statement
    in the sentences just before."""
    tok = cand.token
    if _congratulated_on(cand):
        return None  # the office congratulated on is not the congratulation's scene
    if tok.dep_ == "pobj" and tok.head.lower_ in words("time_anchor_preps"):
        verb = _verb_above(tok.head)
    elif _setting_clause(tok):  # "made the remarks while meeting X"
        verb = tok.head
    else:
        return None
    speaker = agent_of(verb, officials) if verb is not None else None
    if speaker is None or speaker < 0:
        return None
    start = cand.sent.start
    for d in reversed([d for d in dates if d.end <= start]):
        if start - d.sent.start > 80:
            break
        said = _verb_above(d.root)
        in_sent = [m for m in officials if d.sent.start <= m.start < d.sent.end]
        if said is not None and agent_of(said, in_sent) == speaker:
            return d
    return None
