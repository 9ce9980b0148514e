"""Stage 5, assemble: triggers + mentions + dates -> event records (dicts shaped as Event).

For each sentence, the span ruler's TRIGGER matches are checked against the genre's
conventions (EVENTS.md 3.6): "the meeting" refers back rather than starting a new event,
"agreed to enhance cooperation" is sentiment, "at the invitation of" is background, an
infinitive "to meet" is a purpose, "may"/"is expected to" is speculation. Each surviving
trigger gets the officials, ministries, initiatives, date and place of its sentence,
attached through the parse where several events share a sentence. Records made at a
meeting copy its date, participants and place; duplicates are merged; ids follow evidence
order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractor.nlp.dates import DateResolver, is_resolvable_temporal
from extractor.lexicon import lexicon
from extractor.mentions import _WORDS_KEY as WORDS_KEY
from extractor.mentions import DocMentions, Mention, doc_words, find_mentions

RULES_SPANS_KEY = "extractor"

CODES = {
    "MEETING": ("040", "CONSULT"),
    "CALL": ("040", "CONSULT"),
    "VISIT": ("042", "CONSULT"),
    "AGREEMENT": ("057", "AGREE"),
    "PROPOSAL": ("030", "COOPERATE"),
    "INVITATION": ("036", "CONSULT"),
    "LAUNCH": ("061", "COOPERATE"),
}
SUB_EVENT_TYPES = ("AGREEMENT", "PROPOSAL", "INVITATION")
CONTEXT_TYPES = ("MEETING", "CALL")
FUTURE_AUX = frozenset(("will", "shall", "'ll", "would"))
PLAN_WORDS = frozenset(
    (
        "plan",
        "schedule",
        "intend",
        "due",
        "upcoming",
        "forthcoming",
        "slate",
        "planned",
        "scheduled",
        "planning",
        "tentatively",
        "next",
    )
)
SPECULATION_WORDS = frozenset(("may", "might", "could", "likely", "possibly", "perhaps"))
ANAPHORIC_DETS = frozenset(("the", "this", "that", "these", "those"))


@dataclass
class Candidate:
    """An event being assembled."""

    type: str
    trigger: Span
    sent: Span
    status: str = "occurred"
    date_span: Span | None = None
    date: dict | None = None
    persons: list[int] = field(default_factory=list)
    ministries: list[tuple[str, str | None]] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    location: dict | None = None
    inherit: str | None = None  # "meanwhile" | "also" | None
    context: Candidate | None = None  # the meeting this record was made at
    score: float = 0.5

    @property
    def token(self) -> Token:
        return self.trigger.root


# --------------------------------------------------------------------------------------
# Small parse helpers


def _ancestors(token: Token, limit: int = 6) -> list[Token]:
    out = []
    while token.head.i != token.i and len(out) < limit:
        token = token.head
        out.append(token)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence (large if unrelated)."""
    pa = [a, *_ancestors(a, 30)]
    pb = [b, *_ancestors(b, 30)]
    index = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in index:
            return n + index[t.i]
    return 99


def _in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and (
        token.i == root.i or root in token.ancestors
    )


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _clause_words(token: Token) -> set[str]:
    """Lower-cased words that modify the trigger's clause (aux, governing verbs, modifiers)."""
    words: set[str] = set()
    chain = [token, *_ancestors(token, 3)]
    for t in chain:
        words.add(t.lemma_.lower())
        words.add(t.lower_)
        for c in t.children:
            if c.dep_ in ("aux", "auxpass", "advmod", "amod", "neg", "acomp"):
                words.add(c.lower_)
                words.add(c.lemma_.lower())
        if (
            t.pos_ == "VERB"
            and t.i != token.i
            and t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "pcomp")
        ):
            break
    return words


def _status(token: Token, etype: str) -> str | None:
    """occurred | planned | proposed, or None for speculation (not an event)."""
    words = _clause_words(token)
    if words & SPECULATION_WORDS:
        return None
    if ("expected" in words or "expect" in words) and not ({"held", "hold"} & words):
        return None
    if etype == "PROPOSAL":
        return "proposed"
    if words & FUTURE_AUX or words & PLAN_WORDS:
        return "planned"
    # "to be held", "is to visit"
    if _is_infinitive(token) and any(c.lower_ == "be" for c in token.children):
        return "planned"
    if token.head.lower_ in ("is", "are") and _is_infinitive(token):
        return "planned"
    if _is_infinitive(token) and token.head.lemma_ in ("invitation", "invite", "accept", "agree"):
        return "planned"  # "accepted the invitation to visit", "agreed to visit"
    return "occurred"


def _object_chunks(token: Token) -> list[Span]:
    """Noun phrases the trigger acts on: dobj, 'of'-objects, passive subjects, conjuncts."""
    heads: list[Token] = []
    for c in token.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(c)
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "for"):
            heads.extend(
                g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
            )
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        heads.append(token.head)
    out = []
    for h in heads:
        for n in (h, *[c for c in h.conjuncts]):
            left = n.left_edge.i
            right = n.i + 1
            # keep "from X to Y" and "on X" modifiers, not relative clauses or dates
            for c in n.rights:
                if c.dep_ == "prep" and c.lower_ in ("from", "to", "on", "between", "for", "of"):
                    right = c.right_edge.i + 1
                else:
                    break
            span = n.doc[left:right]
            # a date or a place inside the phrase ends it ("agreement on visa exemption on
            # 12 May", "terminal in Oslo")
            for t in span:
                if t.ent_type_ in ("DATE", "TIME") or (
                    t.dep_ == "prep" and t.lower_ in ("in", "at") and t.i > n.i
                ):
                    span = n.doc[left : t.i]
                    break
            while len(span) and span[-1].dep_ == "prep":
                span = span[:-1]
            while len(span) and span[0].pos_ in ("DET", "PRON", "CCONJ", "PUNCT"):
                span = span[1:]
            if len(span):
                out.append(span)
    return out


# --------------------------------------------------------------------------------------
# Trigger checks


def _is_anaphoric_noun(token: Token) -> bool:
    """'the meeting' / 'during the talks' with nothing new: refers back to a known event."""
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if not dets & (ANAPHORIC_DETS | {"its"}):
        return False
    has_new = any(
        c.dep_ == "prep"
        and c.lower_ in ("with", "between", "of")
        or c.ent_type_ in ("DATE",)
        or c.dep_ in ("amod",)
        and c.lower_ in ("bilateral", "inaugural")
        for c in token.children
    )
    return not has_new


def _check_trigger(
    cand: Candidate,
    mentions: DocMentions,
    sent_officials: list[Mention],
    sent_initiatives: list[Mention],
) -> bool:
    """Whether a TRIGGER match is an event of its type (EVENTS.md 3.6 conventions)."""
    tok = cand.token
    low = cand.trigger.text.lower()
    etype = cand.type
    lex = lexicon()
    if (
        tok.pos_ == "NOUN"
        and tok.tag_ in ("NNS",)
        and etype in ("MEETING", "VISIT")
        and low not in ("talks", "negotiations", "consultations")
        and not (
            cand.date_span is not None
            and _in_subtree(cand.date_span.root, tok)
            or any(
                m.attrs.get("body") and _tree_distance(m.span(tok.doc).root, tok) <= 2
                for m in sent_initiatives
            )
        )
    ):
        return False  # "periodic high-level meetings": generic
    if (
        etype in ("MEETING", "CALL", "VISIT", "INVITATION")
        and tok.pos_ == "NOUN"
        and _is_anaphoric_noun(tok)
        and not (etype == "INVITATION" and tok.head.lemma_ in ("accept", "extend", "decline"))
    ):
        return False
    if any(
        a.lemma_.lower() in ("need", "necessity", "importance", "significance")
        for a in _ancestors(tok, 4)
    ):
        return False  # "stressed the need for holding ...": sentiment (EVENTS.md 3.6)
    if _is_generic_present(tok, cand):
        return False
    if etype == "MEETING":
        if tok.lemma_ == "receive":
            return any(
                m.attrs.get("person") is not None and _tree_distance(m.span(tok.doc).root, tok) <= 2
                for m in sent_officials
            )
        if tok.lemma_ == "meet" and _is_infinitive(tok) and not (_clause_words(tok) & PLAN_WORDS):
            return False
        if not sent_officials and not any(m.attrs.get("body") for m in sent_initiatives):
            return False
        if low == "reception":
            return False
    if etype == "VISIT":
        if (
            _is_infinitive(tok)
            and tok.head.lemma_ in ("invite", "invitation")
            and cand.date_span is None
        ):
            return False
        if (
            _is_infinitive(tok)
            and not (_clause_words(tok) & PLAN_WORDS)
            and tok.head.lemma_ not in ("invite", "invitation", "accept")
            and cand.date_span is None
        ):
            return False
        has_place = any(c.dep_ in ("dobj", "prep") for c in tok.children) or tok.pos_ == "VERB"
        if not has_place:
            return False
    if etype == "AGREEMENT":
        if tok.lemma_ == "agree":
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in lex.vague_cooperation_verbs:
                    objects = [g for g in c.children if g.dep_ in ("dobj", "attr")]
                    if not objects or objects[0].lemma_.lower() in lex.vague_cooperation_objects:
                        return False  # "agreed to further enhance cooperation": sentiment
        if tok.lower_ in ("signing",) and tok.dep_ == "pobj":
            return True
    if etype == "PROPOSAL":
        return bool(sent_initiatives)
    if etype == "INVITATION" and (
        any(c.lower_ == "at" for c in [tok.head])
        or (tok.dep_ == "pobj" and tok.head.lower_ == "at")
    ):
        return False  # "at the invitation of": background
    if etype == "HOSTED_EVENT":
        if low == "sidelines":
            return any(m.attrs.get("event_like") for m in sent_initiatives)
        if low in ("groundbreaking", "ground-breaking"):
            return True
        return any(_is_hosted(m, tok) for m in sent_initiatives)
    if etype == "LAUNCH":
        if low == "opening" and tok.dep_ not in ("dobj", "nsubj", "pobj"):
            return False
        if tok.lemma_ == "commission":
            return False
    if etype == "APPOINTMENT":
        if low in ("election",) and not sent_officials:
            return False
        if not sent_officials:
            return False
    return True


def _is_hosted(m: Mention, tok: Token) -> bool:
    """Whether an event-like initiative (forum, summit...) is what the trigger holds: its
    argument, or the noun its relative clause hangs from ("the X Summit, which will be hosted
    in ..."; parsers often attach "which" too high)."""
    if not m.attrs.get("event_like"):
        return False
    doc = tok.doc
    return _tree_distance(m.span(doc).root, tok) <= 3 or (
        0 <= tok.i - m.end <= 5 and any(t.tag_ in ("WDT", "WP") for t in doc[m.end : tok.i])
    )


def _is_generic_present(tok: Token, cand: Candidate) -> bool:
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
    return verb.lower_ not in ("is", "are", "has", "have")


def _meeting_of_body(cand: Candidate, sent_initiatives: list[Mention]) -> bool:
    """A HOSTED_EVENT whose object is a meeting or session of a commission/committee is a
    MEETING (the genre's convention)."""
    tok = cand.token
    doc = tok.doc
    for m in sent_initiatives:
        if m.attrs.get("body") and _tree_distance(m.span(doc).root, tok) <= 4:
            return True
    return False


# --------------------------------------------------------------------------------------
# Slots


def _date_mentions(doc: Doc, mentions: DocMentions) -> list[Span]:
    blocked = {t for m in mentions.initiatives for t in range(m.start, m.end)}
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(t.i in blocked for t in ent):
            continue
        sent_text = ent.sent.text.lower()
        if "published" in sent_text[: max(0, ent.start_char - ent.sent.start_char) + 1]:
            continue
        if (
            mentions.dateline is not None
            and ent.start_char < 40
            and ent.sent.start == 0
            and ent.start - mentions.dateline.end <= 2
        ):
            continue  # the dateline's date never dates an event
        text = ent.text
        if ent.label_ == "TIME" and not any(
            w in text.lower()
            for w in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        ):
            continue
        if not is_resolvable_temporal(text) and not _vague(text):
            continue
        out.append(ent)
    # vague temporal adverbs NER leaves out: dated "recently" is {value: null, vague: true}
    for i, word in enumerate(doc_words(doc)):
        if word in ("recently", "lately") and doc[i].dep_ == "advmod" and doc[i].ent_type_ == "":
            out.append(doc[i : i + 1])
    return out


def _vague(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in ("recent", "near future", "soon", "later this", "earlier this"))


def _pick_date(
    cand: Candidate, dates: list[Span], n_events: int, others: list[Token] = ()
) -> Span | None:
    """The date that dates this trigger: in its subtree (not inside another trigger's
    clause, e.g. the visit's date inside "invitation to visit ... later this year"), else
    a sibling in its clause, else the sentence's only date when it has only one event."""
    tok = cand.token
    nested = [
        o for o in others if o.i != tok.i and _in_subtree(o, tok) and o.pos_ in ("VERB", "AUX")
    ]
    dates = [d for d in dates if not any(_in_subtree(d.root, o) for o in nested)]
    inside = [d for d in dates if d.sent == cand.sent and _in_subtree(d.root, tok)]
    if inside:
        return min(inside, key=lambda d: (_tree_distance(d.root, tok), abs(d.start - tok.i)))
    in_sent = [d for d in dates if d.sent == cand.sent]
    siblings = [
        d
        for d in in_sent
        if d.root.head == tok.head
        and tok.dep_ != "ROOT"
        or _in_subtree(d.root, tok.head)
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr")
        and _tree_distance(d.root, tok) <= 3
    ]
    if siblings:
        return min(siblings, key=lambda d: _tree_distance(d.root, tok))
    # "his meeting with X during the inauguration of Y in May 2023": a "during"/"at"/"on the
    # sidelines of" phrase of the trigger's clause anchors it in time
    for anchor in (tok, tok.head):
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in ("during", "at", "on", "amid"):
                inner = [d for d in in_sent if _in_subtree(d.root, c)]
                if inner:
                    return min(inner, key=lambda d: _tree_distance(d.root, tok))
    if n_events == 1 and len(in_sent) == 1:
        return in_sent[0]
    return None


def _officials_for(
    cand: Candidate, sent_officials: list[Mention], mentions: DocMentions
) -> list[int]:
    doc = cand.trigger.doc
    keys = []
    for m in sent_officials:
        key = m.attrs.get("person")
        if key is not None and key not in keys:
            keys.append(key)
    if cand.type == "VISIT":
        visitor = _agent(cand.token, sent_officials, doc)
        if visitor is not None:
            return [visitor] if visitor >= 0 else []
    return keys


def _agent(token: Token, sent_officials: list[Mention], doc: Doc) -> int | None:
    """The visitor: the possessor or subject of the trigger or of the verbs above it."""
    by_token = {}
    for m in sent_officials:
        for t in range(m.start, m.end):
            by_token[t] = m
    for t in [token, *_ancestors(token, 4)]:
        if t.lemma_ == "invitation":
            continue  # "the Prime Minister's invitation to visit": the possessor invites
        for c in t.children:
            if c.dep_ in ("poss", "nsubj", "nsubjpass"):
                for s in c.subtree:
                    if s.i in by_token and by_token[s.i].attrs.get("person") is not None:
                        return by_token[s.i].attrs["person"]
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return -1  # the visitor is not a named official
        if t.lemma_ in ("invite",):
            for c in t.children:
                if c.dep_ == "dobj":
                    for s in c.subtree:
                        if s.i in by_token:
                            return by_token[s.i].attrs.get("person")
    return None


ARGUMENT_PREPS = frozenset(("with", "on", "for", "of", "between"))


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
    path = [anchor, *_ancestors(anchor, limit)]
    for n, t in enumerate(path):
        if t.i in (tok.i, top.i):
            return n <= limit
        if t.dep_ == "prep" and t.lower_ not in ARGUMENT_PREPS:
            return False
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _place_for(cand: Candidate, places: list[Mention], doc: Doc) -> dict | None:
    tok = cand.token
    options = []
    for m in places:
        span = m.span(doc)
        if span.sent != cand.sent or m.source == "dateline":
            continue
        root = span.root
        prep = root.head if root.dep_ == "pobj" else None
        if cand.type == "VISIT" and (
            (
                prep is not None
                and prep.lower_ in ("to", "in", "at")
                and _tree_distance(root, tok) <= 3
            )
            or (root.dep_ == "dobj" and root.head == tok)
            or (
                root.dep_ == "compound"
                and root.head.dep_ == "pobj"
                and _tree_distance(root, tok) <= 4
            )
        ):
            options.append(m)
            continue
        if prep is None or prep.lower_ not in ("in", "at"):
            continue
        if cand.type == "PROPOSAL":
            continue  # where a proposed thing would be is not where it was proposed
        path = [prep.head, *_ancestors(prep.head, 6)]
        if any(
            t.pos_ in ("VERB", "AUX")
            and t.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl")
            and t.i != tok.i
            and _in_subtree(t, tok)
            for t in path
        ):
            continue  # a place inside a complement clause ("invited X to operate in Y")
        # the place must hang from the trigger, its object, or its clause
        anchor = prep.head
        if (
            anchor == tok
            or _tree_distance(anchor, tok) <= 2
            or (anchor == tok.head and tok.pos_ in ("NOUN", "PROPN"))
            or _via_arguments(anchor, tok)
        ):
            options.append(m)
    if not options:
        return None
    rank = {"facility": 0, "city": 1, "country": 2}
    best = min(
        options,
        key=lambda m: (rank.get(m.attrs.get("kind"), 3), _tree_distance(m.span(doc).root, tok)),
    )
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
                and m.span(doc).sent == cand.sent
                and _tree_distance(m.span(doc).root, root) <= 2
            ),
            None,
        )
    return {"name": best.attrs["name"], "country": country}


# --------------------------------------------------------------------------------------
# Assembly


def _candidates(doc: Doc, mentions: DocMentions, dates: list[Span]) -> list[Candidate]:
    spans = doc.spans.get(RULES_SPANS_KEY, [])
    triggers = sorted((s for s in spans if s.label_ == "TRIGGER"), key=lambda s: (s.start, -len(s)))
    by_sent: dict[int, list[Span]] = {}
    covered_initiatives = {t for m in mentions.initiatives for t in range(m.start, m.end)}
    covered_titles = {
        t
        for m in mentions.officials
        if m.attrs.get("title") is not None
        for t in range(m.start, m.end)
    }
    for span in triggers:
        inside_name = any(t.i in covered_initiatives for t in span) and span.id_ != "HOSTED_EVENT"
        if inside_name and span.root.lower_ not in ("meeting", "session"):
            # a trigger word inside an initiative's name is not a trigger, unless the named
            # thing is the meeting itself
            continue
        if any(t.i in covered_titles for t in span):
            continue
        by_sent.setdefault(span.sent.start, []).append(span)
    out: list[Candidate] = []
    for sent in doc.sents:
        found = by_sent.get(sent.start, [])
        if not found:
            continue
        sent_officials = [m for m in mentions.officials if sent.start <= m.start < sent.end]
        sent_initiatives = [m for m in mentions.initiatives if sent.start <= m.start < sent.end]
        local: list[Candidate] = []
        seen_tokens: set[int] = set()
        for span in found:
            if any(t.i in seen_tokens for t in span):
                continue
            cand = Candidate(type=span.id_, trigger=span, sent=sent)
            if cand.type == "HOSTED_EVENT" and _meeting_of_body(cand, sent_initiatives):
                cand.type = "MEETING"
            cand.date_span = _pick_date(cand, dates, len(found), [f.root for f in found])
            if not _check_trigger(cand, mentions, sent_officials, sent_initiatives):
                continue
            status = _status(cand.token, cand.type)
            if status is None:
                continue
            cand.status = status
            seen_tokens.update(t.i for t in span)
            local.append(cand)
        # one record per type per sentence; the best-anchored trigger stays
        merged: dict[str, Candidate] = {}
        for cand in local:
            other = merged.get(cand.type)
            if other is None or other.date_span is None and cand.date_span is not None:
                merged[cand.type] = cand
        local = sorted(merged.values(), key=lambda c: c.trigger.start)
        # a VISIT that is the object of "invitation to visit" stays; meeting-type
        # duplicates of a HOSTED_EVENT in the same sentence go
        for cand in local:
            cand.date_span = cand.date_span or _pick_date(
                cand, dates, len(local), [c.token for c in local]
            )
            cand.persons = _officials_for(cand, sent_officials, mentions)
            outer = [
                o
                for o in local
                if o is not cand
                and o.token.i != cand.token.i
                and _in_subtree(cand.token, o.token)
                and cand.token.pos_ in ("VERB", "AUX")
            ]
            if outer and cand.type != "VISIT":  # a visit has its visitor (_agent)
                # "asked the envoy to the Summit that Lima will host in May": the
                # summit's participants are not the inviter and the invitee
                own = {t.i for t in cand.token.subtree}
                cand.persons = [
                    m.attrs["person"]
                    for m in sent_officials
                    if m.start in own and m.attrs.get("person") is not None
                ]
            words = {t.lower_ for t in sent}
            if "meanwhile" in words:
                cand.inherit = "meanwhile"
            elif any(c.lower_ == "also" for c in cand.token.children) or (
                "also" in words and cand.type == "APPOINTMENT"
            ):
                cand.inherit = "also"
            _fill_initiatives(cand, local, sent_initiatives, doc)
            cand.location = _place_for(cand, mentions.places, doc)
            here = any(t.lower_ == "here" and _tree_distance(t, cand.token) <= 3 for t in sent)
            if here and cand.location is None and mentions.dateline is not None:
                cand.location = {
                    "name": mentions.dateline.attrs["name"],
                    "country": mentions.dateline.attrs["country"],
                }
            for m in mentions.ministries:
                if sent.start <= m.start < sent.end:
                    for code in m.attrs.get("countries") or [None]:
                        cand.ministries.append((m.attrs["name"], code))
        # a proposal without a concrete undertaking is sentiment ("suggested enhancing ...")
        out.extend(c for c in local if c.type != "PROPOSAL" or c.initiatives)
    return out


def _fill_initiatives(
    cand: Candidate, local: list[Candidate], sent_initiatives: list[Mention], doc: Doc
) -> None:
    names: list[str] = []
    for m in sent_initiatives:
        root = m.span(doc).root
        if cand.type == "HOSTED_EVENT" and _is_hosted(m, cand.token):
            if m.attrs["name"] not in names:
                names.append(m.attrs["name"])
            continue
        if len(local) > 1:
            mine = _tree_distance(root, cand.token)
            if any(_tree_distance(root, o.token) < mine for o in local if o is not cand):
                continue
        if m.attrs["name"] not in names:
            names.append(m.attrs["name"])
    if not names and cand.type in ("LAUNCH", "AGREEMENT"):
        for chunk in _object_chunks(cand.token):
            text = chunk.text.strip(" ,.")
            if (
                len(chunk) >= 2
                and not any(t.ent_type_ == "PERSON" and t.is_alpha for t in chunk)
                and text.lower() not in ("the project", "this project")
            ):
                names.append(text)
    cand.initiatives = names


def _inherit(cands: list[Candidate], mentions: DocMentions) -> None:
    """Context: records made at a meeting copy it; 'meanwhile'/'also' copy a date."""
    previous: Candidate | None = None
    meeting: Candidate | None = None
    for cand in cands:
        same_sentence_meeting = next(
            (c for c in cands if c.sent == cand.sent and c.type in CONTEXT_TYPES and c is not cand),
            None,
        )
        if cand.type in SUB_EVENT_TYPES:
            ctx = same_sentence_meeting
            if (
                ctx is None
                and previous is not None
                and meeting is not None
                and (previous is meeting or previous.context is meeting)
                and cand.date_span is None
            ):
                ctx = meeting
            if ctx is not None:
                cand.context = ctx
        if cand.inherit and cand.date_span is None:
            source = None
            for other in reversed(cands[: cands.index(cand)]):
                if other.date_span is not None and (
                    cand.inherit == "meanwhile" or other.type == cand.type
                ):
                    source = other
                    break
            if source is not None:
                cand.date_span = source.date_span
                cand.status = source.status if cand.type == source.type else cand.status
        if cand.type in CONTEXT_TYPES:
            meeting = cand
        elif cand.context is None:
            meeting = meeting if cand.type in SUB_EVENT_TYPES else None
        previous = cand


def _resolve_dates(cands: list[Candidate], resolver: DateResolver) -> None:
    for cand in cands:
        if cand.date_span is not None:
            text = cand.date_span.text
            date = resolver.resolve(text, cand.status)
            cand.date = date.model_dump()
            if (
                cand.status == "occurred"
                and date.value
                and resolver.published
                and date.value > resolver.published.isoformat()[: len(date.value)]
            ):
                cand.status = "planned" if cand.type != "PROPOSAL" else cand.status


def _apply_context(cands: list[Candidate]) -> None:
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
        if cand.type in ("AGREEMENT", "INVITATION"):
            for name in cand.initiatives:
                if name not in ctx.initiatives:
                    ctx.initiatives.append(name)


def _dateline(cands: list[Candidate], mentions: DocMentions) -> None:
    """The dateline city is the place of the article's main meeting (and its records)."""
    if mentions.dateline is None:
        return
    place = {"name": mentions.dateline.attrs["name"], "country": mentions.dateline.attrs["country"]}
    main = next((c for c in cands if c.type in ("MEETING",) and c.status == "occurred"), None)
    if main is None:
        return
    main_date = (main.date or {}).get("value")
    for cand in cands:
        if cand.location is not None or cand.status != "occurred":
            continue
        if (
            cand is main
            or cand.context is main
            or (
                cand.type == "MEETING"
                and (cand.date or {}).get("value") == main_date
                and main_date is not None
            )
        ):
            cand.location = dict(place)
    for cand in cands:
        if cand.context is not None and cand.location is None:
            cand.location = cand.context.location


def _split_appointments(cands: list[Candidate], mentions: DocMentions) -> list[Candidate]:
    """Credentials are per envoy: one APPOINTMENT per ambassador named together."""
    out = []
    for cand in cands:
        envoys = [k for k in cand.persons if mentions.persons[k].office == "ambassador"]
        if cand.type != "APPOINTMENT" or len(envoys) < 2:
            out.append(cand)
            continue
        others = [k for k in cand.persons if k not in envoys]
        for k in envoys:
            clone = Candidate(**{**cand.__dict__})
            clone.persons = [k, *others]
            clone.ministries = list(cand.ministries)
            out.append(clone)
    return out


def _merge_duplicates(cands: list[Candidate]) -> list[Candidate]:
    """Same type, compatible date, one's officials within the other's: one event."""
    kept: list[Candidate] = []
    for cand in cands:
        value = (cand.date or {}).get("value")
        target = None
        for other in kept:
            if other.type != cand.type or other.status != cand.status:
                continue
            ovalue = (other.date or {}).get("value")
            a, b = set(cand.persons), set(other.persons)
            adjacent = abs(cand.sent.start - other.sent.end) <= 1 or cand.sent == other.sent
            disjoint = (
                cand.initiatives
                and other.initiatives
                and not (set(cand.initiatives) & set(other.initiatives))
            )
            shared = set(cand.initiatives) & set(other.initiatives)
            if (
                value
                and ovalue
                and value == ovalue
                and not disjoint
                and ((a or b) and (a <= b or b <= a) or (not a and not b and shared))
                or adjacent
                and (value is None or ovalue is None or value == ovalue)
                and (not a or not b or a <= b or b <= a)
                and (
                    not cand.initiatives
                    or not other.initiatives
                    or set(cand.initiatives) & set(other.initiatives)
                )
            ):
                target = other
            if target is not None:
                break
        if target is None:
            kept.append(cand)
            continue
        if target.date is None and cand.date is not None:
            target.date = cand.date
        for k in cand.persons:
            if k not in target.persons:
                target.persons.append(k)
        for x in cand.ministries:
            if x not in target.ministries:
                target.ministries.append(x)
        for x in cand.initiatives:
            if x not in target.initiatives:
                target.initiatives.append(x)
        target.location = target.location or cand.location
    return kept


def _confidence(cand: Candidate) -> float:
    score = 0.45
    score += 0.15 if len(cand.persons) >= 1 else 0.0
    score += 0.1 if len(cand.persons) >= 2 else 0.0
    score += 0.1 if cand.date and cand.date.get("value") else 0.0
    score += 0.1 if cand.initiatives or cand.ministries else 0.0
    score += 0.05 if cand.location else 0.0
    return round(min(score, 0.95), 2)


def _record(cand: Candidate, mentions: DocMentions, doc_id: str, n: int, text: str) -> dict:
    """One event dict; ``text`` is ``doc.text``, built once per document (it is O(n))."""
    officials = []
    ministries = []
    for key in cand.persons:
        person = mentions.persons[key]
        officials.append(person.as_official())
        if person.ministry:
            item = (person.ministry, person.country)
            if item not in cand.ministries:
                ministries.append({"name": person.ministry, "country": person.country})
    for name, code in cand.ministries:
        entry = {"name": name, "country": code}
        if entry not in ministries:
            ministries.append(entry)
    sent = cand.sent
    start = sent.start_char
    end = sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    cameo, plover = CODES.get(cand.type, (None, None))
    return {
        "schema_version": "1.0",
        "doc_id": doc_id,
        "event_id": f"{doc_id}#{n}",
        "type": cand.type,
        "status": cand.status,
        "date": cand.date,
        "officials": officials,
        "ministries": ministries,
        "initiatives": [{"name": name} for name in cand.initiatives],
        "location": cand.location,
        "trigger": {
            "text": cand.trigger.text,
            "start": cand.trigger.start_char,
            "end": cand.trigger.end_char,
        },
        "evidence": {"text": text[start:end], "start": start, "end": end},
        "confidence": _confidence(cand),
        "codes": {"cameo": cameo, "plover": plover} if cameo else None,
    }


def assemble(doc: Doc) -> list[dict]:
    """Event records of one annotated doc, in evidence order.

    Args:
        doc: A doc processed by the pipeline (parser, NER, ``extractor_rules``), with
            ``doc._.doc_id`` and ``doc._.published`` set.

    Returns:
        Dicts in the shape of :class:`extractor.models.Event` (validated by the caller).
    """
    doc_id = doc._.doc_id or "doc"
    mentions = find_mentions(doc)
    dates = _date_mentions(doc, mentions)
    cands = _candidates(doc, mentions, dates)
    cands.sort(key=lambda c: (c.sent.start, c.trigger.start))
    _inherit(cands, mentions)
    resolver = DateResolver(doc._.published)
    _resolve_dates(cands, resolver)
    _apply_context(cands)
    _dateline(cands, mentions)
    cands = _split_appointments(cands, mentions)
    cands = _merge_duplicates(cands)
    cands.sort(key=lambda c: (c.sent.start_char, c.trigger.start_char))
    text = doc.text
    doc.user_data.pop(WORDS_KEY, None)  # a per-call cache, not part of the doc
    return [_record(c, mentions, doc_id, n, text) for n, c in enumerate(cands, 1)]
