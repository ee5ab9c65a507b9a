"""Invented Docusaurus sites and post folders for the export tests."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from support.posts import invented_post_text

CONFIG = """// @ts-check
const config = {
  title: 'Northwind community',
  presets: [
    [
      'classic',
      ({
        docs: false,
        blog: {
          path: %s,
          routeBasePath: 'blog',
          feedOptions: { type: 'all', path: 'not-the-blog' },
          authorsMapPath: 'authors.yml',
        },
      }),
    ],
  ],
};
module.exports = config;
"""

AUTHORS = """jamie:
  name: Jamie Placeholder
  title: Community Contributor
riley:
  name: Riley Example
"""

TAGS = """roundup:
  label: Roundup
news:
  label: News
"""


def make_site(
    root: Path,
    blog: str = "'blog'",
    config_name: str = "docusaurus.config.js",
    version: str = "3.10.2",
    tags: bool = True,
) -> Path:
    """Write a minimal site (no node_modules: enough for detection and export)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / config_name).write_text(CONFIG % blog, encoding="utf-8")
    package = {"name": "site", "dependencies": {"@docusaurus/core": version, "react": "^19"}}
    (root / "package.json").write_text(json.dumps(package), encoding="utf-8")
    blog_dir = root / blog.strip("'\"").split("|| ")[-1].strip("'\"")
    blog_dir.mkdir(parents=True, exist_ok=True)
    (blog_dir / "authors.yml").write_text(AUTHORS, encoding="utf-8")
    if tags:
        (blog_dir / "tags.yml").write_text(TAGS, encoding="utf-8")
    return root


def make_post(folder: Path, sessions: int = 2, text: str | None = None) -> Path:
    """Write an invented post folder with placeholder images for every file it shows."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(text or invented_post_text(sessions), encoding="utf-8")
    Image.new("RGB", (64, 32), (10, 20, 30)).save(folder / "header.png")
    for index in range(sessions):
        Image.new("RGB", (64, 36), (index * 40, 90, 120)).save(folder / f"talk-{index + 1}.png")
    return folder
