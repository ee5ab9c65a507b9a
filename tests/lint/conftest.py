"""Invented posts for the lint tests, and a helper that lints post text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from roundup_editor.formats.reader import parse_post
from roundup_editor.lint import Finding, Site, lint_post

FRONT = """---
layout: post
title: Northwind Open Infrastructure Meetup 2025 Roundup
tags: [roundup]
authors: [jamie]
slug: northwind-2025-roundup
---

"""

INTRO = """![](header.png "Northwind 2025 header")

The Northwind meetup gathered ninety operators in a converted harbour warehouse.

<!-- truncate -->

"""

SESSION = (
    "## Backups You Can Actually Restore, "
    "[Ada Quillfeather](https://www.linkedin.com/in/ada-quillfeather/), "
    "[Northwind Labs](https://northwind.example/)\n\n"
    "Ada walked through restore drills that went wrong first and right later.\n\n"
    '[![](backups.png "Backups You Can Actually Restore - slides")](https://slides.example/deck/1)\n'
)

SESSION_2 = (
    "## GPU Passthrough Without Tears, [Bruno Kettleby](https://github.com/bkettleby), "
    "[Harbourline](https://harbourline.example/)\n\n"
    "Bruno showed how to hand a whole GPU to a guest and get it back.\n\n"
    '[![](gpu.png "GPU Passthrough Without Tears - slides")](https://slides.example/deck/2)\n'
)

CLEAN = FRONT + INTRO + SESSION + "\n" + SESSION_2

LintText = Callable[..., list[Finding]]


def lint_text(
    text: str, folder: Path | None = None, site: Site | None = None, mdx: bool = False
) -> list[Finding]:
    """Parse ``text`` and lint it."""
    return lint_post(parse_post(text), folder, site, mdx=mdx)


def rules(findings: list[Finding]) -> list[str]:
    """The rule ids of ``findings``, in order."""
    return [finding.rule for finding in findings]


@pytest.fixture
def lint() -> LintText:
    """Lint post text (folder, site and mdx as keywords)."""
    return lint_text


def write_post_folder(root: Path, name: str, text: str, images: dict[str, bytes]) -> Path:
    """Write an invented post folder with ``images`` (name -> bytes) beside ``index.md``."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(text, encoding="utf-8")
    for image, data in images.items():
        path = folder / image
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
