"""Invented posts (fictional events) for tests and benchmarks. Never copies of the corpus."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"

_TOPICS = [
    "Scaling Object Stores on Small Clusters",
    "Zero-Downtime Upgrades: Lessons from Three Data Centres",
    "Billing Hooks, Quotas and the Art of Saying No",
    "Networking for People Who Hate Networking",
    "GPU Passthrough Without Tears",
    "Backups You Can Actually Restore",
]
_PEOPLE = [
    (
        "Ada Quillfeather",
        "https://www.linkedin.com/in/ada-quillfeather/",
        "Northwind Labs",
        "https://northwind.example/",
    ),
    (
        "Bruno Kettleby",
        "https://github.com/bkettleby",
        "Harbourline",
        "https://harbourline.example",
    ),
    (
        "Chiara Voss",
        "https://www.linkedin.com/in/chiara-voss",
        "Voss & Partners",
        "https://voss.example/",
    ),
]


def invented_session(index: int) -> str:
    """Return one reference-dialect session about an invented talk."""
    topic = _TOPICS[index % len(_TOPICS)]
    name, url, org, org_url = _PEOPLE[index % len(_PEOPLE)]
    return (
        f"## {topic} (part {index + 1}), [{name}]({url}), [{org}]({org_url})\n\n"
        f"{name.split()[0]} walked through {topic.lower()} with a live demo and a long list of "
        "things that went wrong first. The session closed with questions from the floor.\n\n"
        f'[![](talk-{index + 1}.png "{topic} - slides")]'
        f"(https://slides.example/deck/{index + 1})\n"
    )


def invented_post_text(sessions: int = 6) -> str:
    """Return a whole invented roundup post with ``sessions`` sessions."""
    head = (
        "---\n"
        "layout: post\n"
        "title: Northwind Open Infrastructure Meetup 2025 Roundup\n"
        "tags: [roundup]\n"
        "authors: [jamie]\n"
        "slug: northwind-meetup-2025-roundup\n"
        "---\n\n"
        '![](header.png "Northwind meetup header")\n\n'
        "The Northwind Open Infrastructure Meetup filled the old ferry terminal\n"
        "with operators, developers and one very patient sound engineer.\n\n"
        "<!-- truncate -->\n\n"
        "We would like to extend our gratitude to event host and sponsor, "
        "[Harbourline](https://harbourline.example/), as well as to the additional event "
        "sponsors, [Northwind Labs](https://northwind.example/) and "
        "[Voss & Partners](https://voss.example/).\n\n"
        '<div class="col col-3 col-lg text-center">\n'
        '<a class="button button--primary" href="https://video.example/playlist/42" '
        'target="_blank">Watch Session Recordings</a>\n'
        "</div>\n\n"
    )
    return head + "\n".join(invented_session(index) for index in range(sessions))
