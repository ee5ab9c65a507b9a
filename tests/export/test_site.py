"""Detecting a Docusaurus site: config, version, blog folder, authors, tags, existing posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from export.sites import make_site
from roundup_editor.export.site import (
    SiteError,
    blog_path_from_config,
    dated_slug,
    detect_site,
)


@pytest.mark.parametrize(
    "config", ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"]
)
def test_detects_each_config_kind(tmp_path: Path, config: str) -> None:
    site = detect_site(make_site(tmp_path / "site", config_name=config))
    assert site.config.name == config
    assert site.version == "3.10.2" and site.major_version == 3
    assert site.blog_dir == (tmp_path / "site" / "blog").resolve()
    assert set(site.authors) == {"jamie", "riley"}
    assert site.tags is not None and set(site.tags) == {"roundup", "news"}


def test_blog_path_from_env_fallback_and_custom_folder(tmp_path: Path) -> None:
    text = "blog: { path: process.env.DOCUSAURUS_CHECK_BLOG_DIR || 'blog', routeBasePath: 'blog' }"
    assert blog_path_from_config(text) == "blog"
    site = detect_site(make_site(tmp_path / "s", blog="'news/posts'", version="^2.4.3"))
    assert site.blog_dir.name == "posts" and site.major_version == 2
    assert blog_path_from_config("module.exports = {}") == "blog"


def test_nested_paths_do_not_count() -> None:
    text = "blog: { feedOptions: { path: 'feed' }, routeBasePath: 'news' }"
    assert blog_path_from_config(text) == "blog"


def test_not_a_site(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="is not a folder"):
        detect_site(tmp_path / "missing")
    with pytest.raises(SiteError, match=r"no docusaurus\.config"):
        detect_site(tmp_path)
    (tmp_path / "docusaurus.config.js").write_text("module.exports = {};")
    with pytest.raises(SiteError, match=r"no package\.json"):
        detect_site(tmp_path)
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"react": "1"}}))
    with pytest.raises(SiteError, match="lacks @docusaurus/core"):
        detect_site(tmp_path)
    (tmp_path / "package.json").write_text("{ not json")
    with pytest.raises(SiteError, match="cannot be read as JSON"):
        detect_site(tmp_path)


def test_blog_outside_the_site_is_refused(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / "docusaurus.config.js").write_text("blog: { path: '../elsewhere' }")
    with pytest.raises(SiteError, match="outside the site"):
        detect_site(root)


def test_broken_authors_yml(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    (root / "blog" / "authors.yml").write_text("jamie: [unclosed\n")
    with pytest.raises(SiteError, match=r"authors\.yml cannot be read as YAML"):
        detect_site(root)


def test_no_tags_yml_means_no_tag_check(tmp_path: Path) -> None:
    assert detect_site(make_site(tmp_path / "site", tags=False)).tags is None


def test_existing_posts_and_their_slugs(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    blog = root / "blog"
    (blog / "2024-05-01-spring-meetup").mkdir()
    (blog / "2024-05-01-spring-meetup" / "index.md").write_text("---\ntitle: A\n---\nx\n")
    (blog / "2023-01-02-flat.md").write_text("---\nslug: /winter-roundup/\n---\nx\n")
    (blog / "_draft.md").write_text("---\nslug: hidden\n---\n")
    (blog / "empty-folder").mkdir()
    posts = {post.folder: post.slug for post in detect_site(root).existing_posts()}
    assert posts == {
        "2024-05-01-spring-meetup": "2024/05/01/spring-meetup",
        "2023-01-02-flat": "winter-roundup",
    }


def test_dated_slug() -> None:
    assert dated_slug("2024-10-01-cseug-roundup") == "2024/10/01/cseug-roundup"
    assert dated_slug("undated") == "undated"
