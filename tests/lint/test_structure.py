"""Structure rules: truncate marker, images on disk and in Markdown, sessions, people."""

from __future__ import annotations

from pathlib import Path

from roundup_editor.core.post import Session, Speaker, Truncate
from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fix, lint_post

from .conftest import (
    CLEAN,
    FRONT,
    INTRO,
    PNG,
    SESSION,
    SESSION_2,
    LintText,
    rules,
    write_post_folder,
)

IMAGES = {"header.png": PNG, "backups.png": PNG, "gpu.png": PNG}


def test_missing_truncate_marker_and_its_fix(lint: LintText) -> None:
    text = CLEAN.replace("<!-- truncate -->\n\n", "")
    findings = [f for f in lint(text) if f.rule == "structure.no-truncate"]
    assert len(findings) == 1 and findings[0].severity == "warning"
    post = parse_post(text)
    assert apply_fix(post, findings[0])
    assert isinstance(post.blocks[2], Truncate)
    assert render_post(post) == CLEAN
    assert "structure.no-truncate" not in rules(lint(CLEAN))


def test_folder_with_every_image_is_clean(lint: LintText, tmp_path: Path) -> None:
    folder = write_post_folder(tmp_path, "2025-03-14-northwind-2025-roundup", CLEAN, IMAGES)
    findings = lint(CLEAN, folder=folder)
    assert [f for f in findings if f.rule != "site.slug-folder"] == []


def test_header_image_missing_on_disk(lint: LintText, tmp_path: Path) -> None:
    images = {name: data for name, data in IMAGES.items() if name != "header.png"}
    folder = write_post_folder(tmp_path, "2025-03-14-northwind-2025-roundup", CLEAN, images)
    findings = [f for f in lint(CLEAN, folder=folder) if f.rule.startswith("structure.")]
    assert rules(findings) == ["structure.header-missing"]
    assert findings[0].severity == "error"
    assert (findings[0].line, findings[0].column) == (9, 5)


def test_thumbnail_image_missing_on_disk(lint: LintText, tmp_path: Path) -> None:
    images = {name: data for name, data in IMAGES.items() if name != "gpu.png"}
    folder = write_post_folder(tmp_path, "2025-03-14-x", CLEAN, images)
    findings = [f for f in lint(CLEAN, folder=folder) if f.rule == "structure.image-missing"]
    assert len(findings) == 1 and "'gpu.png'" in findings[0].message


def test_folder_without_any_image_gives_one_warning(lint: LintText, tmp_path: Path) -> None:
    folder = write_post_folder(tmp_path, "2025-03-14-x", CLEAN, {})
    structure = [f for f in lint(CLEAN, folder=folder) if f.rule.startswith("structure.")]
    assert rules(structure) == ["structure.images-absent"]
    assert structure[0].severity == "warning"


def test_image_not_referenced(lint: LintText, tmp_path: Path) -> None:
    images = {**IMAGES, "photos/spare.jpg": PNG}
    folder = write_post_folder(tmp_path, "2025-03-14-x", CLEAN, images)
    findings = [f for f in lint(CLEAN, folder=folder) if f.rule == "structure.image-unreferenced"]
    assert len(findings) == 1 and "'photos/spare.jpg'" in findings[0].message


def test_image_over_one_megabyte(lint: LintText, tmp_path: Path) -> None:
    images = {**IMAGES, "gpu.png": PNG + b"\x00" * 1_100_000}
    folder = write_post_folder(tmp_path, "2025-03-14-x", CLEAN, images)
    findings = [f for f in lint(CLEAN, folder=folder) if f.rule == "structure.image-too-large"]
    assert len(findings) == 1 and "'gpu.png' is 1.1 MB" in findings[0].message
    small = write_post_folder(tmp_path, "2025-03-15-y", CLEAN, IMAGES)
    assert "structure.image-too-large" not in rules(lint(CLEAN, folder=small))


def test_thumbnail_without_title_and_its_fix(lint: LintText) -> None:
    text = CLEAN.replace('"GPU Passthrough Without Tears - slides"', "").replace(
        "gpu.png ", "gpu.png"
    )
    findings = [f for f in lint(text) if f.rule == "structure.thumbnail-title"]
    assert len(findings) == 1
    post = parse_post(text)
    assert apply_fix(post, next(f for f in lint_post(post) if f.rule == findings[0].rule))
    assert render_post(post) == CLEAN


def test_broken_image_syntax_as_in_a_real_post(lint: LintText) -> None:
    broken = '[![] "GPU Passthrough Without Tears - slides"](gpu.png https://slides.example/deck/2)'
    text = CLEAN.replace(
        '[![](gpu.png "GPU Passthrough Without Tears - slides")](https://slides.example/deck/2)',
        broken,
    )
    findings = [f for f in lint(text) if f.rule == "structure.broken-image"]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert text.split("\n")[findings[0].line - 1][findings[0].column - 1 :].startswith("![]")
    assert "structure.broken-image" not in rules(lint(CLEAN))


def test_image_with_an_attribute_after_the_title(lint: LintText) -> None:
    text = FRONT + INTRO + '![](crowd.png "Crowd" class="blog-image")\n\n' + SESSION
    assert "structure.image-attribute" in rules(lint(text))
    assert "structure.image-attribute" not in rules(lint(CLEAN))


def test_session_without_speaker_abstract_or_slides() -> None:
    post = parse_post(CLEAN)
    post.blocks.append(Session(title="Closing Drinks on the Roof"))
    post.blocks.append(
        Session(title="Lightning Talks", speakers=[Speaker("Chiara Voss")], abstract="Five talks.")
    )
    findings = [f for f in lint_post(post) if f.rule.startswith("structure.session-")]
    assert [(f.rule, f.severity) for f in findings] == [
        ("structure.session-abstract", "warning"),
        ("structure.session-speaker", "warning"),
        ("structure.session-slides", "info"),
        ("structure.session-slides", "info"),
    ]
    lines = render_post(post).split("\n")
    assert "Closing Drinks on the Roof" in lines[findings[0].line - 1]
    assert not [f for f in lint_post(parse_post(CLEAN)) if f.rule.startswith("structure.session")]


def test_same_person_spelt_two_ways(lint: LintText) -> None:
    second = SESSION_2.replace(
        "[Bruno Kettleby](https://github.com/bkettleby)",
        "[Ada Quilfeather](https://www.linkedin.com/in/ada-quillfeather/)",
    )
    findings = [
        f
        for f in lint(FRONT + INTRO + SESSION + "\n" + second)
        if f.rule == "structure.person-spelling"
    ]
    assert len(findings) == 1
    assert "'Ada Quilfeather' and 'Ada Quillfeather'" in findings[0].message
    assert "structure.person-spelling" not in rules(lint(CLEAN))


def test_same_name_with_lookalike_letter_is_the_same_person(lint: LintText) -> None:
    second = SESSION_2.replace("[Bruno Kettleby]", "[Аda Quillfeather]")  # Cyrillic А
    findings = lint(FRONT + INTRO + SESSION + "\n" + second)
    assert "structure.person-spelling" in rules(findings)


def test_duplicate_sessions(lint: LintText) -> None:
    text = FRONT + INTRO + SESSION + "\n" + SESSION.replace("Ada walked", "Ada again walked")
    findings = [f for f in lint(text) if f.rule == "structure.duplicate-session"]
    assert len(findings) == 1 and findings[0].line > 15
    assert "structure.duplicate-session" not in rules(lint(CLEAN))


def test_truncate_fix_on_a_post_with_one_paragraph_keeps_the_file_ending() -> None:
    text = "---\ntitle: Northwind Notes\n---\n\nThe doors opened at nine.\n"
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "structure.no-truncate")
    assert apply_fix(post, finding)
    assert render_post(post) == text + "\n<!-- truncate -->\n"


def test_social_card_image_in_front_matter_must_exist(lint: LintText, tmp_path: Path) -> None:
    text = CLEAN.replace("layout: post\n", "layout: post\nimage: ./card.png\n")
    folder = write_post_folder(tmp_path, "2025-03-14-x", text, IMAGES)
    findings = [f for f in lint(text, folder=folder) if f.rule == "structure.image-missing"]
    assert [(f.line, f.column) for f in findings] == [(3, 1)]
    with_card = write_post_folder(tmp_path, "2025-03-15-y", text, {**IMAGES, "card.png": PNG})
    assert "structure.image-missing" not in rules(lint(text, folder=with_card))


def test_speaker_bio_name_spelt_differently_from_the_speaker(lint: LintText) -> None:
    bios = "**Ada Quilfeather**\n\nAda runs the restore drills at Northwind Labs.\n\n"
    findings = [
        f
        for f in lint(FRONT + INTRO + SESSION + "\n" + bios)
        if f.rule == "structure.person-spelling"
    ]
    assert len(findings) == 1 and "'Ada Quilfeather' in the text" in findings[0].message
    same = bios.replace("Quilfeather", "Quillfeather")
    assert "structure.person-spelling" not in rules(lint(FRONT + INTRO + SESSION + "\n" + same))
