"""Mention families, one module each: :mod:`.officials` (with :mod:`.titles`),
:mod:`.ministries`, :mod:`.initiatives`, :mod:`.places`, :mod:`.dates`; shared shapes in
:mod:`.base`. Each family's spaCy component (:mod:`extractor.nlp.components`) stores its
mentions on the Doc; :func:`doc_mentions` reads them all back.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.nlp.mentions.base import (
    DocMentions,
    Mention,
    Person,
    read_mentions,
    read_persons,
)

__all__ = ["DocMentions", "Mention", "Person", "doc_mentions"]


def doc_mentions(
    doc: Doc,
    officials_key: str,
    ministries_key: str,
    initiatives_key: str,
    places_key: str,
    dateline_key: str,
) -> DocMentions:
    """Every mention the mention components stored on ``doc``, under the given keys."""
    dateline = read_mentions(doc, dateline_key, "dateline")
    return DocMentions(
        officials=read_mentions(doc, officials_key, "official"),
        ministries=read_mentions(doc, ministries_key, "ministry"),
        initiatives=read_mentions(doc, initiatives_key, "initiative"),
        places=read_mentions(doc, places_key, "place"),
        persons=read_persons(doc),
        host_country=doc._.extractor_host_country,
        dateline=dateline[0] if dateline else None,
    )
