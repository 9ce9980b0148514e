"""Invented articles and output readers shared by the batch tests (no real names or text)."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.batch import BatchOptions

OUTPUTS = ("events.jsonl", "documents.jsonl", "errors.jsonl")

_PEOPLE = [
    ("Ambassador", "Lorin Vask", "Estmark"),
    ("Foreign Minister", "Tessa Orell", "Valdoria"),
    ("Minister for Trade", "Hamid Qorvan", "Sarkhand"),
    ("Deputy Prime Minister", "Ilse Brandow", "Norveth"),
    ("Minister of Energy", "Daro Pestin", "Kalmora"),
    ("Ambassador", "Mirela Tosk", "Ostravia"),
]
_PLACES = ["Pellan", "Varossa", "Kettering Bay", "Old Lesk", "Marrow Point", "Tavin"]
_TOPICS = [
    "a joint working group on rail freight",
    "direct flights between the two capitals",
    "a memorandum of understanding on water management",
    "cooperation in information technology",
    "a cultural exchange programme for students",
    "a renewable energy corridor",
]


def article(n: int) -> str:
    """A short invented press article; ``n`` varies names, places, topics and length."""
    t1, p1, c1 = _PEOPLE[n % len(_PEOPLE)]
    t2, p2, c2 = _PEOPLE[(n + 2) % len(_PEOPLE)]
    place, topic = _PLACES[n % len(_PLACES)], _TOPICS[(n * 5) % len(_TOPICS)]
    paragraphs = [
        f"{c1} and {c2} agree to deepen ties",
        (
            f"{place}, {3 + n % 25} March 2025. {t1} {p1} of {c1} met {t2} {p2} of {c2} in "
            f"{place} on Tuesday to discuss {topic}."
        ),
        (
            f"The two sides agreed to establish {topic} and to meet again later this year. "
            f"{p2.split()[-1]} invited {p1.split()[-1]} to visit {c2} in the autumn."
        ),
    ]
    paragraphs += [
        f"Officials of both ministries reviewed progress on {_TOPICS[(n + k) % len(_TOPICS)]} "
        f"and welcomed the steady growth of trade, which rose by {k + 4} per cent last year."
        for k in range(n % 4)
    ]
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(root: Path, count: int, start: int = 0, published: bool = True) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = root / f"article-{n:03d}.txt"
        path.write_text(article(n), encoding="utf-8")
        if published and n % 2 == 0:
            meta = {"published": f"2025-03-{10 + n % 18:02d}", "title": f"Article {n}"}
            (root / f"article-{n:03d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(path)
    return paths


def read_outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def lines(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def inline(**overrides) -> BatchOptions:
    return BatchOptions(**{"engine": "inline", "workers": 1, "progress": False, **overrides})
