"""The records of the product contract (``EVENTS.md``), as pydantic models.

Every event is validated by :class:`Event` before it is written, and ``extractor schema``
prints the JSON Schema generated from it, so the schema is never written twice.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1.0"] = "1.0"

EventType = Literal[
    "MEETING",
    "CALL",
    "VISIT",
    "AGREEMENT",
    "PROPOSAL",
    "INVITATION",
    "HOSTED_EVENT",
    "LAUNCH",
    "APPOINTMENT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
EventStatus = Literal["occurred", "planned", "proposed"]
Granularity = Literal["day", "month", "year"]

ISO3 = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3, or null.")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class EventDate(_Record):
    """The date of the event itself, at the text's precision."""

    text: str = Field(description="The temporal expression as written.")
    value: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO 8601 at the text's precision (YYYY, YYYY-MM or YYYY-MM-DD); "
        "null when it cannot be resolved.",
    )
    granularity: Granularity | None = Field(default=None, description="Precision of `value`.")
    vague: bool = Field(default=False, description="True for vague or unresolvable expressions.")


class Official(_Record):
    """A person acting in an official capacity in the event."""

    name: str | None = Field(
        default=None,
        description="Full name as written, without honorifics; null if only the office is given.",
    )
    title: str | None = Field(default=None, description="The office as the text gives it.")
    country: str | None = ISO3


class Ministry(_Record):
    """A government body: ministry, division or department (named or implied)."""

    name: str = Field(description='"Ministry of X", X the portfolio as written.')
    country: str | None = ISO3


class Initiative(_Record):
    """A named or clearly delimited joint undertaking."""

    name: str = Field(description="As written, minimal but complete.")


class Location(_Record):
    """Where the event took place: the most specific place the text gives."""

    name: str
    country: str | None = ISO3


class _Aliased(_Record):
    aliases: list[str] | None = Field(
        default=None, description="Other acceptable strings for the name (gold files only)."
    )


class GoldOfficial(Official, _Aliased):
    """An official in a gold file: may carry aliases."""


class GoldMinistry(Ministry, _Aliased):
    """A ministry in a gold file: may carry aliases."""


class GoldInitiative(Initiative, _Aliased):
    """An initiative in a gold file: may carry aliases."""


class GoldLocation(Location, _Aliased):
    """A location in a gold file: may carry aliases."""


class TextSpan(_Record):
    """A span of the cleaned text; `end` is exclusive."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Codes(_Record):
    """Standard event-data codes for the event type."""

    cameo: str | None = None
    plover: str | None = None


class Event(_Record):
    """One event record, one line of ``events.jsonl``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    doc_id: str
    event_id: str = Field(description="`doc_id#n`, n counting events in order of evidence.")
    type: EventType
    status: EventStatus
    date: EventDate | None = None
    officials: list[Official] = Field(default_factory=list)
    ministries: list[Ministry] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    location: Location | None = None
    trigger: TextSpan
    evidence: TextSpan
    confidence: float = Field(ge=0.0, le=1.0)
    codes: Codes | None = None


class DocumentMeta(_Record):
    """Sidecar ``NAME.meta.json``; every key optional."""

    model_config = ConfigDict(extra="allow")

    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: str | None = None
    url: str | None = None
    source: str | None = None


class DocumentRecord(_Record):
    """One line of ``documents.jsonl``: the cleaned text and where the record came from."""

    run_id: str = Field(
        default="",
        description="Hash of the run's inputs, options and versions: the same run, the same id.",
    )
    doc_id: str
    source: str = Field(description="Path of the input file, as found.")
    meta: DocumentMeta
    published: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="The publication date relative dates were resolved against, or null.",
    )
    published_from: Literal["sidecar", "text"] | None = Field(
        default=None, description="Where `published` came from."
    )
    extractor_version: str | None = Field(default=None, description="Version of the extractor.")
    model: str | None = Field(default=None, description="spaCy pipeline that read the text.")
    model_version: str | None = Field(default=None, description="That pipeline's version.")
    text: str = Field(description="The cleaned text that offsets point into.")
    status: Literal["ok", "error"] = "ok"
    warnings: list[str] = Field(default_factory=list)


class ErrorRecord(_Record):
    """One line of ``errors.jsonl``: a document that failed."""

    doc_id: str
    source: str = Field(description="Path of the input file, as found.")
    error: str = Field(description="The file and the reason, in one line.")


def event_json_schema() -> dict:
    """The JSON Schema of the event record, generated from :class:`Event`."""
    return Event.model_json_schema()
