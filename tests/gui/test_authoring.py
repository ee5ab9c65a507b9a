"""Author the reference post through the widgets (typing, picking, dropping) and compare HTML.

The values typed are read from the reference post in the corpus; the post itself is built only
by the widgets: keys typed into fields, speakers picked from the list of known speakers, slide
images dropped on the thumbnail wells. The saved post must give the same Python-Markdown HTML
as the reference (whitespace and entity encoding aside).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from gui_helpers import drop, file_mime, make_png, normalise_html, type_into
from PySide6.QtCore import Qt

from roundup_editor.core.post import Button, HeaderImage, Session, Sponsors, TextBlock, Truncate
from roundup_editor.formats.dialects import render_block
from roundup_editor.formats.frontmatter import split_front_matter
from roundup_editor.formats.reader import read_post
from roundup_editor.gui.session_form import SessionForm

pytestmark = [pytest.mark.gui, pytest.mark.slow]

REFERENCE = "2024-10-01-cseug-roundup"


def _body_html(text: str) -> str:
    _front, body = split_front_matter(text.replace("\r\n", "\n"))
    return normalise_html(markdown.markdown(body))


def _button(form, text: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    return next(b for b in form.findChildren(QPushButton) if b.text().replace("&", "") == text)


def _select(window, block) -> None:  # type: ignore[no-untyped-def]
    window.select_block(block.id)
    window.outline.setFocus()


COLOURS = ("steelblue", "orange", "teal", "navy", "olive", "maroon", "purple", "gray")


def _drop_image(window, qtbot, well, image: Path) -> None:  # type: ignore[no-untyped-def]
    """Drop an image and wait until it was processed off the GUI thread and used."""
    with qtbot.waitSignal(window.images.finished, timeout=60_000):
        drop(well, file_mime(image))


def _type_session(window, qtbot, reference: Session, images: Path, renamed: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    form = window.forms["session"]
    assert isinstance(form, SessionForm)
    type_into(qtbot, form.session_title, reference.title)
    session = window.document.block(form.block_id)
    for position, speaker in enumerate(reference.speakers):
        labels = form.known_speakers
        if position < len(session.speakers):
            form.speaker_list.setCurrentRow(position)  # the template's placeholder speaker
        elif speaker in labels:
            form.known.setCurrentIndex(labels.index(speaker))
            qtbot.mouseClick(_button(form, "Add selected"), Qt.MouseButton.LeftButton)
            continue
        else:
            qtbot.mouseClick(_button(form, "New speaker"), Qt.MouseButton.LeftButton)
        for key in ("name", "url", "org", "org_url", "role"):
            type_into(qtbot, form.speaker_edits[key], getattr(speaker, key) or "")
    form.abstract.setFocus()
    type_into(qtbot, form.abstract, reference.abstract)
    type_into(qtbot, form.slides_url, reference.slides_url or "")
    type_into(qtbot, form.video_url, reference.video_url or "")
    for thumbnail in reference.thumbnails:
        colour = COLOURS[len(renamed) % len(COLOURS)]
        image = make_png(images / thumbnail.file, (160, 90), colour)
        _drop_image(window, qtbot, form.well, image)
        # Stored images are named from the session title, not from the dropped file.
        renamed[thumbnail.file] = window.document.block(form.block_id).thumbnails[0].file
        type_into(qtbot, form.thumb_title, thumbnail.title or "")
    expected = copy.deepcopy(reference)
    expected.thumbnails = [replace(t, file=renamed[t.file]) for t in expected.thumbnails]
    assert window.document.block(form.block_id) == expected


def test_author_reference_post_through_widgets(  # type: ignore[no-untyped-def]
    make_window, corpus: Path, tmp_path: Path, qtbot
) -> None:
    reference_file = corpus / REFERENCE / "index.md"
    ref = read_post(reference_file)
    window = make_window()
    window.files.new()
    images = tmp_path / "incoming"
    post = window.document.post
    renamed: dict[str, str] = {}

    # Post details
    form = window.forms["post"]
    _select(window, post.blocks[0])
    window.select_block(0)
    front = ref.front_matter
    assert front is not None
    type_into(qtbot, form.title, front.get("title"))  # type: ignore[attr-defined]
    type_into(qtbot, form.slug, front.get("slug"))  # type: ignore[attr-defined]
    type_into(qtbot, form.authors, ", ".join(front.get("authors")))  # type: ignore[attr-defined]
    type_into(qtbot, form.tags, ", ".join(front.get("tags")))  # type: ignore[attr-defined]

    # Header image: dropped, then its title typed
    ref_header, header = ref.blocks[0], post.blocks[0]
    assert isinstance(ref_header, HeaderImage) and isinstance(header, HeaderImage)
    _select(window, header)
    header_image = make_png(images / ref_header.src, (600, 200))
    _drop_image(window, qtbot, window.forms["header"].well, header_image)  # type: ignore[attr-defined]
    renamed[ref_header.src] = header.src
    type_into(qtbot, window.forms["header"].image_title, ref_header.title or "")  # type: ignore[attr-defined]

    # Intro (the template's text block)
    intro = post.blocks[1]
    assert isinstance(intro, TextBlock)
    _select(window, intro)
    type_into(qtbot, window.forms["text"].text, ref.blocks[1].text)  # type: ignore[attr-defined,union-attr]

    # The sponsors' thanks in the reference's own wording: delete the template's generated
    # paragraph and type the reference's as text; then the sentence after it.
    sponsors = next(b for b in post.blocks if isinstance(b, Sponsors))
    _select(window, sponsors)
    qtbot.keyClick(window.outline, Qt.Key.Key_Delete)
    truncate = next(b for b in post.blocks if isinstance(b, Truncate))
    _select(window, truncate)
    for ref_block in ref.blocks[3:5]:
        qtbot.keyClick(
            window.outline,
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        type_into(qtbot, window.forms["text"].text, render_block(ref_block))  # type: ignore[attr-defined]
        window.outline.setFocus()

    # Button
    ref_button = next(b for b in ref.blocks if isinstance(b, Button))
    button = next(b for b in post.blocks if isinstance(b, Button))
    _select(window, button)
    type_into(qtbot, window.forms["button"].label, ref_button.label)  # type: ignore[attr-defined]
    type_into(qtbot, window.forms["button"].href, ref_button.href)  # type: ignore[attr-defined]

    # The text before the sessions (template's), then the sessions
    closing = post.blocks[post.block_index(button.id) + 1]
    _select(window, closing)
    type_into(qtbot, window.forms["text"].text, ref.blocks[6].text)  # type: ignore[attr-defined,union-attr]
    for number, ref_session in enumerate(ref.sessions()):
        if number == 0:
            _select(window, post.sessions()[0])
        else:
            _select(window, post.sessions()[-1])
            qtbot.keyClick(window.outline, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        _type_session(window, qtbot, ref_session, images, renamed)

    assert [type(b) for b in post.blocks] == [
        HeaderImage,
        TextBlock,
        Truncate,
        TextBlock,
        TextBlock,
        Button,
        TextBlock,
        *[Session] * 6,
    ]
    folder = tmp_path / REFERENCE
    assert window.files.save_to(folder)
    saved = (folder / "index.md").read_text(encoding="utf-8")
    reference_text = reference_file.read_text(encoding="utf-8")
    for old, new in renamed.items():
        reference_text = reference_text.replace(f"]({old}", f"]({new}")
    assert _body_html(saved) == _body_html(reference_text)
    saved_front, _ = split_front_matter(saved)
    assert saved_front is not None
    for key in ("title", "slug", "authors", "tags"):
        assert saved_front.get(key) == front.get(key)
    for thumbnail in (t for s in ref.sessions() for t in s.thumbnails):
        assert (folder / renamed[thumbnail.file]).is_file()
    assert (folder / renamed[ref_header.src]).is_file()
