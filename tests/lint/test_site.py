"""Site rules: authors.yml, tags.yml, slug collisions, slug and folder name."""

from __future__ import annotations

from pathlib import Path

from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import Site, apply_fix, find_site, lint_post

from .conftest import CLEAN, PNG, LintText, rules, write_post_folder

IMAGES = {"header.png": PNG, "backups.png": PNG, "gpu.png": PNG}
FOLDER = "2025-03-14-northwind-2025-roundup"


def make_blog(tmp_path: Path, tags: bool = False) -> Path:
    blog = tmp_path / "blog"
    blog.mkdir(parents=True)
    (blog / "authors.yml").write_text(
        "jamie:\n  name: Jamie Example\n  title: Organiser\nrin:\n  name: Rin Example\n",
        encoding="utf-8",
    )
    if tags:
        (blog / "tags.yml").write_text("roundup:\n  label: Roundup\nnews:\n", encoding="utf-8")
    return blog


def site_findings(lint: LintText, text: str, blog: Path, name: str = FOLDER) -> list[str]:
    folder = write_post_folder(blog, name, text, IMAGES)
    return rules(
        [f for f in lint(text, folder=folder, site=Site.load(blog)) if f.rule.startswith("site.")]
    )


def test_clean_post_in_a_blog_has_no_site_findings(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path, tags=True)
    text = CLEAN.replace("slug: northwind-2025-roundup\n", "")
    assert site_findings(lint, text, blog) == []


def test_unknown_author_is_an_error(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    text = CLEAN.replace("authors: [jamie]", "authors: [jamie, morgan]")
    folder = write_post_folder(blog, FOLDER, text, IMAGES)
    findings = [
        f
        for f in lint(text, folder=folder, site=Site.load(blog))
        if f.rule == "site.unknown-author"
    ]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert "'morgan'" in findings[0].message
    assert (findings[0].line, findings[0].column) == (5, 18)


def test_unknown_tag_only_when_tags_yml_exists(lint: LintText, tmp_path: Path) -> None:
    text = CLEAN.replace("tags: [roundup]", "tags: [roundup, meetups]")
    with_tags = make_blog(tmp_path / "a", tags=True)
    assert "site.unknown-tag" in site_findings(lint, text, with_tags)
    without = make_blog(tmp_path / "b", tags=False)
    assert "site.unknown-tag" not in site_findings(lint, text, without)


def test_slug_collision_with_another_post(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    write_post_folder(blog, "2024-03-10-northwind-2024", CLEAN, IMAGES)  # same slug
    assert "site.slug-collision" in site_findings(lint, CLEAN, blog)
    other = make_blog(tmp_path / "other")
    write_post_folder(
        other, "2024-03-10-northwind-2024", CLEAN.replace("2025-roundup", "2024"), IMAGES
    )
    assert "site.slug-collision" not in site_findings(lint, CLEAN, other)


def test_folder_slug_collision_without_front_matter_slug(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    text = CLEAN.replace("slug: northwind-2025-roundup\n", "")
    write_post_folder(blog, "2024-01-01-northwind-2025-roundup", text, IMAGES)
    assert "site.slug-collision" in site_findings(lint, text, blog)


def test_slug_and_folder_name_disagree(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    findings = site_findings(lint, CLEAN, blog, name="2025-03-14-northwind-meetup")
    assert findings == ["site.slug-folder"]
    assert site_findings(lint, CLEAN, make_blog(tmp_path / "b")) == []


def test_slug_with_a_space_and_its_fix() -> None:
    post = parse_post(CLEAN.replace("slug: northwind-2025-roundup", "slug: northwind 2025"))
    findings = [f for f in lint_post(post) if f.rule == "site.bad-slug"]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert apply_fix(post, findings[0])
    assert post.front_matter is not None and post.front_matter.get("slug") == "northwind-2025"
    assert "site.bad-slug" not in rules(lint_post(parse_post(CLEAN)))


def test_folder_without_a_date(lint: LintText, tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    assert "site.folder-date" in site_findings(lint, CLEAN, blog, name="northwind-2025-roundup")
    dated = CLEAN.replace("layout: post\n", "layout: post\ndate: 2025-03-14\n")
    assert "site.folder-date" not in site_findings(
        lint, dated, make_blog(tmp_path / "b"), name="northwind-2025-roundup"
    )


def test_find_site_from_a_blog_folder_and_a_site_root(tmp_path: Path) -> None:
    blog = make_blog(tmp_path)
    folder = write_post_folder(blog, FOLDER, CLEAN, IMAGES)
    site = find_site(folder)
    assert site is not None and site.authors == {"jamie", "rin"} and site.tags is None
    assert site.slugs[folder] == "northwind-2025-roundup"
    root = tmp_path / "site"
    (root / "blog").mkdir(parents=True)
    (root / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")
    inner = write_post_folder(root / "blog", FOLDER, CLEAN, IMAGES)
    found = find_site(inner)
    assert found is not None and found.blog_dir == (root / "blog").resolve()
    assert found.authors is None
    assert find_site(write_post_folder(tmp_path / "loose", FOLDER, CLEAN, IMAGES)) is None


def test_front_matter_values_yaml_misreads_and_their_fix() -> None:
    text = CLEAN.replace(
        "title: Northwind Open Infrastructure Meetup 2025 Roundup", "title: Roundup #1"
    ).replace("slug: northwind-2025-roundup", "slug: 2025-03-14")
    post = parse_post(text)
    findings = [f for f in lint_post(post) if f.rule == "site.front-matter-trap"]
    assert [(f.line, f.severity) for f in findings] == [(3, "error"), (6, "error")]
    assert "comment" in findings[0].message and "date" in findings[1].message
    for finding in findings:
        assert apply_fix(post, finding)
    assert render_post(post).startswith(
        '---\nlayout: post\ntitle: "Roundup #1"\ntags: [roundup]\nauthors: [jamie]\n'
        'slug: "2025-03-14"\n---\n'
    )
    assert "site.front-matter-trap" not in rules(lint_post(post))
    assert "site.front-matter-trap" not in rules(lint_post(parse_post(CLEAN)))


def test_flat_post_file_in_a_blog_folder(tmp_path: Path) -> None:
    from roundup_editor.lint import lint_path

    blog = make_blog(tmp_path)
    for name in ("header.png", "backups.png", "someone-elses.png"):
        (blog / name).write_bytes(PNG)
    flat = blog / "2025-03-14-northwind-2025-roundup.md"
    flat.write_text(CLEAN, encoding="utf-8")
    write_post_folder(blog, "2024-03-10-northwind-2024", CLEAN, IMAGES)  # same slug
    file, findings = lint_path(flat)
    assert file == flat
    assert sorted(rules(findings)) == ["site.slug-collision", "structure.image-missing"]
    assert "'gpu.png'" in next(f for f in findings if f.rule == "structure.image-missing").message
