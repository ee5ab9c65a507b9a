"""The speaker and sponsor directory: scanning a blog, merging, flagging, completions, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roundup_editor.core.post import Speaker, Sponsor, Sponsors
from roundup_editor.formats.reader import parse_post
from roundup_editor.importers.directory import (
    Directory,
    DirectoryError,
    Organisation,
    Person,
    load_directory,
    scan_blog,
)
from roundup_editor.importers.directory_scan import ScanCancelled
from roundup_editor.importers.names import name_key, near_duplicate, url_key
from roundup_editor.paths import app_paths

SWEN_RAW = "https://www.linkedin.com/in/swen-brüseke-391912193/"
SWEN_ENCODED = "https://www.linkedin.com/in/swen-br%C3%BCseke-391912193"


def _post(title: str, sessions: list[str], sponsors: str = "") -> str:
    body = "\n\n".join(sessions)
    thanks = f"\n\n{sponsors}" if sponsors else ""
    return f"---\ntitle: {title}\ntags: [roundup]\n---\n\nIntro text.{thanks}\n\n{body}\n"


def _session(title: str, speakers: str) -> str:
    return f"## {title}, {speakers}\n\nA talk about {title.lower()}.\n"


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    """An invented blog repository: three posts about fictional events, spelling drift included."""
    root = tmp_path / "blog"
    posts = {
        "2024-04-02-northwind-spring": _post(
            "Northwind Spring Meetup",
            [
                _session(
                    "Object Stores",
                    "[Ada Quillfeather](https://www.linkedin.com/in/ada-qu%C3%AFllfeather), "
                    "[Northwind Labs](https://northwind.example)",
                ),
                _session("GPU Passthrough", "[Bruno Kettleby](https://github.com/bkettleby)"),
            ],
        ),
        "2024-10-09-northwind-autumn": _post(
            "Northwind Autumn Meetup",
            [
                _session(
                    "Object Stores Again",
                    "[ada quillfeather](https://linkedin.com/in/ada-quïllfeather/?trk=x), "
                    "CTO at [Northwind labs](https://northwind.example/)",
                ),
                _session("Quotas", "[Chiara Voß](https://www.linkedin.com/in/chiara-voss)"),
            ],
        ),
        "2025-03-20-harbourline-days": _post(
            "Harbourline Days",
            [
                _session("Backups", "[Ada Quilfeather](https://ada.example/), Northwind Labs"),
                _session(
                    "Quotas Revisited", "[Chiara Voss](https://www.linkedin.com/in/chiara-voss/)"
                ),
            ],
        ),
    }
    for name, text in posts.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(text, encoding="utf-8")
    (root / "notes.md").write_text("no front matter here\n", encoding="utf-8")
    return root


def test_keys_ignore_case_accents_encoding_slashes_and_queries() -> None:
    """One person written differently has one key; different people do not."""
    assert url_key(SWEN_RAW) == url_key(SWEN_ENCODED) == url_key(SWEN_ENCODED + "/?trk=1")
    assert url_key("http://Example.org/a/") == url_key("https://www.example.org/a")
    assert name_key("Swen Brüseke") == name_key("swen  bruseke")
    assert name_key("\u0410lireza Eskendari") == "alireza eskendari"  # Cyrillic A folded
    assert near_duplicate(name_key("Phillip Reisner"), name_key("Philipp Reisner"))
    assert near_duplicate(name_key("Alireza Eskendari"), name_key("Alireza Eskandari"))
    assert not near_duplicate(name_key("Ada Quillfeather"), name_key("Bruno Kettleby"))
    assert not near_duplicate(name_key("Ann Li"), name_key("Ann Lu"))


def test_scan_merges_spellings_and_flags_near_duplicates(blog: Path) -> None:
    """Case, accents, encoded URLs, trailing slashes and queries merge; near-misses are flagged."""
    report = scan_blog(blog)
    directory = report.directory
    assert report.posts == 3
    assert [path.name for path, _reason in report.skipped] == ["notes.md"]
    ada = directory.person("Ada Quillfeather")
    assert ada is not None
    assert ada.url is not None and url_key(ada.url) == "linkedin.com/in/ada-quillfeather"
    assert "ada quillfeather" in ada.variants
    assert (ada.org, ada.role) == ("Northwind labs", "CTO")  # the latest post that gives them
    assert directory.person("Ada Quilfeather") is not None  # flagged, not merged
    chiara = directory.person("Chiara Voss")
    assert chiara is not None and chiara.name == "Chiara Voss"  # latest spelling breaks the tie
    assert "Chiara Voß" not in [person.name for person in directory.people]
    pairs = {(pair.first, pair.second) for pair in directory.near_duplicates}
    assert ("Ada Quilfeather", "Ada Quillfeather") in pairs
    northwind = directory.organisation("Northwind Labs")
    assert northwind is not None and northwind.url == "https://northwind.example/"
    assert len([org for org in directory.organisations if "northwind" in org.name.lower()]) == 1
    assert report.merged_people == 2 and report.merged_organisations == 1


def test_scan_can_be_cancelled(blog: Path) -> None:
    """A progress callback that returns False stops the scan."""
    calls: list[int] = []

    def progress(done: int, total: int, path: Path) -> bool:
        calls.append(done)
        return done < 1

    with pytest.raises(ScanCancelled):
        scan_blog(blog, progress)
    assert calls == [0, 1]


def test_scan_corpus(corpus: Path) -> None:
    """The shared corpus as a blog repository: Swen's two link forms merge; drift is flagged."""
    report = scan_blog(corpus)
    directory = report.directory
    print(
        f"\ncorpus directory: {len(directory.people)} people, "
        f"{len(directory.organisations)} organisations, "
        f"merged {report.merged_people} people and {report.merged_organisations} organisations, "
        f"flagged {report.flagged} near-duplicates, from {report.posts} posts"
    )
    swens = [person for person in directory.people if name_key(person.name) == "swen bruseke"]
    assert len(swens) == 1
    swen = swens[0]
    forms = {swen.url, *swen.variants}
    assert any("%C3%BC" in form for form in forms if form)
    assert any("ü" in form for form in forms if form)
    pairs = {frozenset((pair.first, pair.second)) for pair in directory.near_duplicates}
    assert frozenset(("Philipp Reisner", "Phillip Reisner")) in pairs
    assert frozenset(("Alireza Eskandari", "\u0410lireza Eskendari")) in pairs
    assert frozenset(("Marco Sinhoreli", "Marco Sinhorelli")) in pairs
    assert directory.person("Marco Sinhoreli") is not directory.person("Marco Sinhorelli")
    shapeblue = [org for org in directory.organisations if org_name(org) == "shapeblue"]
    assert len(shapeblue) == 1 and shapeblue[0].sponsor
    assert report.merged_people >= 1 and report.flagged >= 3


def org_name(organisation: Organisation) -> str:
    """The organisation's name in lower case."""
    return organisation.name.lower()


def test_completions_by_prefix() -> None:
    """Completions match the start of the name or of any word, accents ignored."""
    directory = Directory(
        people=[Person("Swen Brüseke"), Person("Svetla Ivanova"), Person("Ada Quillfeather")],
        organisations=[Organisation("Northwind Labs", sponsor=True), Organisation("Nordlicht")],
    )
    assert [p.name for p in directory.complete_people("sw")] == ["Swen Brüseke"]
    assert [p.name for p in directory.complete_people("brus")] == ["Swen Brüseke"]
    assert [p.name for p in directory.complete_people("S")] == ["Swen Brüseke", "Svetla Ivanova"]
    assert [o.name for o in directory.complete_organisations("nor")] == [
        "Northwind Labs",
        "Nordlicht",
    ]
    assert [o.name for o in directory.complete_sponsors("nor")] == ["Northwind Labs"]
    assert directory.person("swen bruseke") is directory.people[0]
    assert directory.people[0].speaker() == Speaker("Swen Brüseke")


def test_edit_save_load_export_import(tmp_path: Path) -> None:
    """The directory lives in the user data folder and travels as a file."""
    directory = Directory()
    directory.add_person(Person("Ada Quillfeather", "https://ada.example/"))
    directory.add_person(Person("ada quillfeather", org="Northwind Labs"))
    directory.add_organisation(Organisation("Harbourline", "https://harbourline.example/", True))
    assert len(directory.people) == 1 and directory.people[0].org == "Northwind Labs"
    assert directory.people[0].variants == ["ada quillfeather"]
    saved = directory.save()
    assert saved == app_paths().directory_file
    assert load_directory() == directory
    exported = directory.export_file(tmp_path / "shared-directory.json")
    other = Directory(people=[Person("Bruno Kettleby")])
    other.import_file(exported)
    assert [person.name for person in other.people] == ["Ada Quillfeather", "Bruno Kettleby"]
    assert other.remove_person("Bruno Kettleby") and not other.remove_person("Nobody")
    assert other.remove_organisation("harbourline")
    assert load_directory(tmp_path / "absent.json") == Directory()
    with pytest.raises(DirectoryError, match="does not exist"):
        other.import_file(tmp_path / "absent.json")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"version": 1, "people": [{"nom": "x"}]}), encoding="utf-8")
    with pytest.raises(DirectoryError, match=r"broken\.json has an entry"):
        load_directory(broken)
    broken.write_text(json.dumps({"version": 1, "people": [{"name": "Ann", "url": 5}]}), "utf-8")
    with pytest.raises(DirectoryError, match="'Ann' has a value that is not text"):
        load_directory(broken)
    broken.write_text(json.dumps({"version": 1, "people": [{"name": " "}]}), "utf-8")
    with pytest.raises(DirectoryError, match="an entry without a name"):
        load_directory(broken)


def test_resolving_near_duplicates(blog: Path) -> None:
    """The user merges a flagged pair or marks it as two people; a re-scan respects the choice."""
    directory = scan_blog(blog).directory
    pair = next(item for item in directory.near_duplicates if "Ada Quilfeather" in item.first)
    directory.resolve(pair, same=False)
    assert directory.distinct == [(pair.first, pair.second)]
    directory.merge_from(scan_blog(blog).directory)
    assert pair not in directory.near_duplicates
    fresh = scan_blog(blog).directory
    pair = next(item for item in fresh.near_duplicates if "Ada Quilfeather" in item.first)
    fresh.resolve(pair, same=True)
    assert fresh.person("Ada Quilfeather") is fresh.person("Ada Quillfeather")
    assert len([p for p in fresh.people if "quil" in p.name.lower()]) == 1


def test_remember_post() -> None:
    """Saving a post remembers its speakers, their organisations and its sponsors."""
    post = parse_post(
        _post(
            "Northwind Meetup",
            [_session("Object Stores", "[Ada Quillfeather](https://ada.example/), Northwind Labs")],
        )
    )
    post.blocks.append(Sponsors(sponsors=[Sponsor("Harbourline", "https://harbourline.example/")]))
    directory = Directory()
    directory.remember_post(post, "2025-01-01-northwind")
    assert directory.people == [
        Person(
            "Ada Quillfeather",
            "https://ada.example/",
            "Northwind Labs",
            None,
            None,
            [],
            ["2025-01-01-northwind"],
        )
    ]
    assert [(org.name, org.sponsor) for org in directory.organisations] == [
        ("Harbourline", True),
        ("Northwind Labs", False),
    ]
    assert [org.name for org in directory.complete_sponsors("h")] == ["Harbourline"]


def test_similar_pairs_match_a_brute_force_comparison() -> None:
    """The deletion index finds exactly the pairs a full pairwise comparison finds."""
    from itertools import combinations

    from roundup_editor.importers.directory_scan import _similar_pairs

    names = [
        "Phillip Reisner",
        "Philipp Reisner",
        "Philip Reisner",
        "Ada Quillfeather",
        "Ada Quilfeather",
        "Ada Quillfeathers",
        "Bruno Kettleby",
        "Bruno Ketleby",
        "Ann Li",
        "Ann Lu",
        "Marco Sinhoreli",
        "Marco Sinhorelli",
        "Chiara Voss",
        "Chiara Vos",
        "Dmitri Halvorsen",
        "Dimitri Halvorson",
        "Élodie Marchetti",
        "Elodie Marcheti",
    ]
    keys = [name_key(name) for name in names]
    brute = [
        (a, b) for a, b in combinations(range(len(keys)), 2) if near_duplicate(keys[a], keys[b])
    ]
    assert _similar_pairs(keys) == brute
    assert (0, 1) in brute and (8, 9) not in brute
