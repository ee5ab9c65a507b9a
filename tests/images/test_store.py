"""Safe, unique file names from session titles, and identical images stored once."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from images import samples
from roundup_editor.images.pipeline import process_image
from roundup_editor.images.store import ImageStore, is_safe_name, slugify


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Scaling Object Stores on Small Clusters", "scaling-object-stores-on-small-clusters"),
        ("Zürich Façade: Ünïcödé & «quotes»", "zurich-facade-unicode-quotes"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "image"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("CON", "con-image"),
        ("nul", "nul-image"),
        ("Com1", "com1-image"),
        ("LPT9", "lpt9-image"),
        ("会议", "image"),
        ("", "image"),
        ("  --Spaces   and---dashes--  ", "spaces-and-dashes"),
        ('a/b\\c:d*e?f"g<h>i|j\x00k', "a-b-c-d-e-f-g-h-i-j-k"),
    ],
)
def test_slugify(title: str, expected: str) -> None:
    assert slugify(title) == expected


def test_slugify_is_short() -> None:
    stem = slugify("word " * 100)
    assert len(stem) <= 60 and not stem.endswith("-")


def test_store_names_are_safe_and_unique(tmp_path: Path) -> None:
    store = ImageStore(tmp_path / "post")
    names = []
    for seed in range(3):
        image = process_image(samples.to_bytes(samples.photo(300, 200, seed=seed), "JPEG"))
        names.append(store.store(image, "GPU Passthrough Without Tears"))
    assert names == [
        "gpu-passthrough-without-tears.jpg",
        "gpu-passthrough-without-tears-2.jpg",
        "gpu-passthrough-without-tears-3.jpg",
    ]
    assert all(is_safe_name(name) for name in names)
    assert sorted(path.name for path in (tmp_path / "post").iterdir()) == sorted(names)


def test_hostile_titles_stay_inside_the_folder(tmp_path: Path) -> None:
    store = ImageStore(tmp_path / "post")
    image = process_image(samples.to_bytes(samples.slide(400, 300), "PNG"))
    for index, title in enumerate(["../../outside", "/etc/passwd", "CON", "..", "a\\..\\b"]):
        variant = process_image(samples.to_bytes(samples.slide(400, 300, f"v{index}"), "PNG"))
        name = store.store(variant, title)
        assert is_safe_name(name), name
        assert (tmp_path / "post" / name).is_file()
    assert store.store(image, "x") not in ("", ".", "..")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["post"]


def test_identical_images_are_stored_once(tmp_path: Path) -> None:
    store = ImageStore(tmp_path)
    image = process_image(samples.to_bytes(samples.slide(), "PNG"))
    first = store.store(image, "Backups You Can Actually Restore")
    second = store.store(image, "Another title for the same slide")
    assert first == second
    assert len(list(tmp_path.iterdir())) == 1
    # A new store on the same folder finds the existing copy by content too.
    assert ImageStore(tmp_path).store(image, "Third") == first


def test_names_unique_regardless_of_case(tmp_path: Path) -> None:
    (tmp_path / "Keynote.PNG").write_bytes(b"not the same image")
    image = process_image(samples.to_bytes(samples.slide(), "PNG"))
    assert ImageStore(tmp_path).store(image, "Keynote") == "keynote-2.png"


def test_never_writes_through_an_existing_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"precious")
    post = tmp_path / "post"
    post.mkdir()
    os.symlink(outside, post / "keynote.png")
    image = process_image(samples.to_bytes(samples.slide(), "PNG"))
    name = ImageStore(post).store(image, "Keynote")
    assert name == "keynote-2.png"
    assert outside.read_bytes() == b"precious"


def test_concurrent_stores_get_distinct_names(tmp_path: Path) -> None:
    store = ImageStore(tmp_path)
    images = [
        process_image(samples.to_bytes(samples.slide(300, 200, f"t{n}"), "PNG")) for n in range(8)
    ]
    names: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        name = store.store(images[index], "Same Title")
        with lock:
            names.append(name)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 8
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]
