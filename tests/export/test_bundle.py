"""Exporting a post folder into a site: the folder, its images, collisions, atomicity, the CLI."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from export.sites import make_post, make_site
from roundup_editor.cli import main
from roundup_editor.core.errors import WriteError
from roundup_editor.export import bundle
from roundup_editor.export.bundle import ExportError, export_post, folder_name, local_references
from roundup_editor.export.cli import export_path
from roundup_editor.export.site import detect_site
from roundup_editor.formats.reader import parse_post, read_post

from support.posts import invented_post_text


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_export_writes_folder_index_and_images(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "drafts" / "2025-06-14-northwind-meetup", sessions=2)
    (post / "unused-notes.txt").write_text("not part of the post")
    result = export_path(post, site)
    target = site / "blog" / "2025-06-14-northwind-meetup"
    assert result.folder == target
    assert sorted(path.name for path in target.iterdir()) == [
        "header.png",
        "index.md",
        "talk-1.png",
        "talk-2.png",
    ]
    assert (target / "index.md").read_bytes() == (post / "index.md").read_bytes()
    assert (target / "talk-2.png").read_bytes() == (post / "talk-2.png").read_bytes()
    assert result.warnings == []
    assert not [path for path in (site / "blog").iterdir() if path.name.startswith(".")]


def test_undated_folder_gets_the_date_of_today_or_front_matter(tmp_path: Path) -> None:
    post = parse_post(invented_post_text(1))
    assert folder_name(post, "my draft!", date(2025, 1, 2)) == "2025-01-02-my-draft"
    assert folder_name(post, None, date(2025, 1, 2)) == "2025-01-02-northwind-meetup-2025-roundup"
    post.front_matter.set("date", "2024-11-30T10:00:00Z")  # type: ignore[union-attr]
    assert folder_name(post, "x", date(2025, 1, 2)) == "2024-11-30-x"


def test_existing_folder_needs_force(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "2025-06-14-meetup")
    export_path(post, site)
    target = site / "blog" / "2025-06-14-meetup"
    (target / "stale.png").write_bytes(b"old")
    before = snapshot(site / "blog")
    with pytest.raises(ExportError, match="already exists; export with --force"):
        export_path(post, site)
    assert snapshot(site / "blog") == before
    export_path(post, site, force=True)
    assert not (target / "stale.png").exists()
    assert (target / "index.md").is_file()
    assert not [path for path in (site / "blog").iterdir() if path.name.startswith(".")]


def test_slug_used_by_another_post_is_refused_even_with_force(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    other = site / "blog" / "2020-01-01-older-post"
    other.mkdir()
    (other / "index.md").write_text(
        "---\ntitle: Older\nslug: northwind-meetup-2025-roundup\n---\nx\n", encoding="utf-8"
    )
    post = make_post(tmp_path / "2025-06-14-meetup")
    before = snapshot(site / "blog")
    with pytest.raises(ExportError, match="slug 'northwind-meetup-2025-roundup' is already used"):
        export_path(post, site, force=True)
    assert snapshot(site / "blog") == before


def test_folder_name_used_by_a_flat_post_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "blog" / "2025-06-14-meetup.md").write_text("---\ntitle: Flat\n---\nx\n")
    with pytest.raises(ExportError, match="already uses the name 2025-06-14-meetup"):
        export_path(make_post(tmp_path / "2025-06-14-meetup"), site)


def test_unknown_author_is_an_error_unknown_tag_a_warning(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    text = invented_post_text(1).replace("authors: [jamie]", "authors: [morgan]")
    post = make_post(tmp_path / "2025-06-14-a", 1, text)
    with pytest.raises(ExportError, match=r"author 'morgan' is not in .*authors\.yml"):
        export_path(post, site)
    text = invented_post_text(1).replace("tags: [roundup]", "tags: [roundup, gossip]")
    result = export_path(make_post(tmp_path / "2025-06-14-b", 1, text), site)
    assert result.warnings == ["tag 'gossip' is not in tags.yml"]


def test_missing_image_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "2025-06-14-meetup")
    (post / "talk-2.png").unlink()
    with pytest.raises(ExportError, match=r"talk-2\.png, which is not in the post folder"):
        export_path(post, site)
    assert sorted(path.name for path in (site / "blog").iterdir()) == ["authors.yml", "tags.yml"]


def test_image_outside_the_post_folder_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    text = invented_post_text(1).replace("](header.png", "](../secret.png")
    with pytest.raises(ExportError, match="outside its folder"):
        export_path(make_post(tmp_path / "2025-06-14-x", 1, text), site)


def test_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "2025-06-14-meetup")
    calls = {"count": 0}
    real = bundle._write_file

    def failing(path: Path, data: bytes) -> None:
        calls["count"] += 1
        if calls["count"] == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(bundle, "_write_file", failing)
    with pytest.raises(WriteError, match="No space left on device"):
        export_path(post, site)
    assert sorted(path.name for path in (site / "blog").iterdir()) == ["authors.yml", "tags.yml"]


def test_failed_replace_keeps_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "2025-06-14-meetup")
    export_path(post, site)
    target = site / "blog" / "2025-06-14-meetup"
    before = snapshot(target)
    real_rename = os.rename

    def rename(source: object, destination: object) -> None:
        if str(source).endswith(
            tuple(f"{os.sep}{name}" for name in [])
        ) or ".roundup-export-" in str(source):
            raise OSError(5, "Input/output error")
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(WriteError, match="Input/output error"):
        export_path(post, site, force=True)
    monkeypatch.undo()
    assert snapshot(target) == before
    assert not [path for path in (site / "blog").iterdir() if path.name.startswith(".")]


def test_local_references() -> None:
    text = (
        '![](header.png "Header")\n'
        "[![](./slides/deck one.png)](https://slides.example/1)\n"
        '<img src="photo.jpg" /> <a href="handout.pdf">handout</a>\n'
        "[next post](../2024-01-01-x/index.md) [site](/blog/x) [web](https://x.example/a.png)\n"
        "[![](<spaced name.png>)](https://x.example)\n"
    )
    found = {(ref.path, ref.is_image) for ref in local_references(text, {"image": "./card.jpg"})}
    assert found == {
        ("header.png", True),
        ("photo.jpg", True),
        ("handout.pdf", False),
        ("spaced name.png", True),
        ("card.jpg", True),
    }


def test_cli_export_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "site")
    post = make_post(tmp_path / "2025-06-14-meetup")
    assert main(["export", str(post), "--site", str(site)]) == 0
    out = capsys.readouterr().out.strip()
    assert out == str(site / "blog" / "2025-06-14-meetup")
    assert read_post(Path(out)) == read_post(post)
    assert main(["export", str(post / "index.md"), "--site", str(site)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "already exists; export with --force" in error
    assert main(["export", str(post), "--site", str(site), "--force"]) == 0
    capsys.readouterr()
    assert main(["export", str(post), "--site", str(tmp_path)]) == 2
    assert "is not a Docusaurus site" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nope"), "--site", str(site)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_export_a_model_without_a_source_folder(tmp_path: Path) -> None:
    site = detect_site(make_site(tmp_path / "site"))
    post = parse_post(
        invented_post_text(1).replace('![](header.png "Northwind meetup header")\n\n', "")
    )
    post.blocks = [block for block in post.blocks if "talk-1.png" not in str(block)]
    result = export_post(post, site, None, name="2025-06-14-model-only")
    assert (result.folder / "index.md").is_file()


def test_unknown_authors_and_tags_for_the_forms(tmp_path: Path) -> None:
    from roundup_editor.export.bundle import unknown_authors_and_tags

    site = detect_site(make_site(tmp_path / "site"))
    text = invented_post_text(1).replace("authors: [jamie]", "authors: [jamie, morgan]")
    post = parse_post(text.replace("tags: [roundup]", "tags: [roundup, gossip]"))
    assert unknown_authors_and_tags(post, site) == (["morgan"], ["gossip"])
    assert sorted(site.authors) == ["jamie", "riley"]
    site.tags = None
    assert unknown_authors_and_tags(post, site) == (["morgan"], [])


def test_reexport_a_post_from_its_own_site_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first = export_path(make_post(tmp_path / "2025-06-14-meetup"), site).folder
    before = snapshot(first)
    with pytest.raises(ExportError, match="--force"):
        export_path(first, site)
    again = export_path(first, site, force=True)
    assert again.folder == first and snapshot(first) == before


def test_flat_post_file_becomes_a_post_folder(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    drafts = make_post(tmp_path / "drafts", 1)
    flat = drafts / "2025-03-03-spring-meetup.md"
    (drafts / "index.md").rename(flat)
    result = export_path(flat, site)
    assert result.folder == site / "blog" / "2025-03-03-spring-meetup"
    assert sorted(result.files) == ["header.png", "index.md", "talk-1.png"]
    assert (result.folder / "index.md").read_bytes() == flat.read_bytes()
