"""The real client: exported posts must build on Docusaurus 3.10 and 2.4.3 without a warning.

One build per version, all posts in it: the reference corpus post after an edit, an invented post
with hostile characters in every field (built through the model), a post made of dropped images
(through the image pipeline), a post imported from each agenda format (pretalx, frab XML,
Sessionize, CSV, an agenda post) and every corpus post after parse and render (placeholder images
for each ``IMAGES.txt`` entry). Needs npm (``.ci/run`` installs it); skips elsewhere with a reason.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from images import samples
from PIL import Image

from integration.docusaurus_site import BuildResult, build, locked, prepared_site
from roundup_editor.core.post import (
    Button,
    FrontMatter,
    FrontMatterEntry,
    HeaderImage,
    Post,
    Session,
    Speaker,
    Sponsor,
    Sponsors,
    TextBlock,
    Thumbnail,
    Truncate,
)
from roundup_editor.export.bundle import export_post
from roundup_editor.export.site import DocusaurusSite, detect_site
from roundup_editor.formats.reader import read_post
from roundup_editor.formats.writer import render_post, write_post
from roundup_editor.images.batch import ImageBatch, ImageJob
from roundup_editor.images.pipeline import ImageOptions
from roundup_editor.images.store import ImageStore
from roundup_editor.importers import load_schedule
from roundup_editor.importers.build import build_post, write_new_post

from support.posts import CORPUS, SHARED

pytestmark = pytest.mark.slow

REFERENCE = "2024-10-01-cseug-roundup"
AGENDAS = Path(__file__).resolve().parents[1] / "data" / "agendas"
#: Every character that has broken (or silently changed) an MDX 1 or MDX 3 build.
HOSTILE = (
    "{x} ${y} {1+1} } a<b <3 <= < c <Cap> </p> <br> <https://x.example> <a@b.example> "
    ":fire: a:b:c Room:A[1] :::note {#id} & &amp; &#123; \" ' ` * _ ~ | # \\ [z](q) ! % @ ^ = + "
    "« » “curly” – é 中文 😀 \u200b\u00a0end"
)
#: The same for Markdown fields (abstracts), minus what is Markdown syntax there: a link.
#: (``<https://x.example>`` is an autolink there: see the report on escape_markdown).
HOSTILE_MARKDOWN = HOSTILE.replace("[z](q) ", "").replace("<https://x.example> <a@b.example> ", "")
_SITE_FILE = re.compile(r"""(?:src|href)=["'](/img/[^"']+)["']|\]\((/img/[^)\s]+)""")
HOSTILE_URL = "https://example.org/p_(1)/%7Bx%7D/~me?a=1&b='2'&c=%3C3#frag"


def _placeholder(path: Path, colour: tuple[int, int, int] = (90, 120, 150)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}.get(path.suffix.lower(), "PNG")
    Image.new("RGB", (48, 27), colour).save(path, fmt)


def _copy_corpus_post(name: str, into: Path) -> Path:
    folder = into / name
    folder.mkdir(parents=True)
    shutil.copyfile(CORPUS / name / "index.md", folder / "index.md")
    images = CORPUS / name / "IMAGES.txt"
    if images.is_file():
        for line in images.read_text(encoding="utf-8").splitlines():
            if line.strip():
                _placeholder(folder / line.strip())
    return folder


def _static_placeholders(static: Path) -> None:
    """Files the old corpus posts show or link at the site root (``/img/imported/<uuid>``)."""
    static.mkdir(parents=True, exist_ok=True)
    paths: set[str] = set()
    for listing in CORPUS.glob("*/STATIC_IMAGES.txt"):
        paths.update(line.strip() for line in listing.read_text(encoding="utf-8").splitlines())
    for post in CORPUS.glob("*/index.md"):
        for match in _SITE_FILE.finditer(post.read_text(encoding="utf-8")):
            paths.add(match.group(1) or match.group(2))
    for path in sorted(paths):
        if path.startswith("/") and ".." not in path:
            _placeholder(static / path.lstrip("/"))


def _merged_authors(site: Path, blog: Path) -> dict[str, object]:
    authors: dict[str, object] = {}
    for source in (CORPUS / "authors.yml", site / "blog" / "authors.yml"):
        if source.is_file():
            authors.update(yaml.safe_load(source.read_text(encoding="utf-8")) or {})
    (blog / "authors.yml").write_text(yaml.safe_dump(authors, allow_unicode=True), "utf-8")
    return authors


def hostile_post() -> Post:
    """An invented post with every hostile character in every field the model has."""
    front = FrontMatter(
        entries=[
            FrontMatterEntry("title", f"Roundup #1: {HOSTILE}"),
            FrontMatterEntry("authors", ["jamie"]),
            FrontMatterEntry("tags", ["roundup"]),
            FrontMatterEntry("slug", "hostile-characters-roundup"),
            FrontMatterEntry("description", HOSTILE),
        ]
    )
    speaker = Speaker(
        name=f"Ada {HOSTILE}",
        url=HOSTILE_URL,
        org=f"Northwind {HOSTILE}",
        org_url=HOSTILE_URL,
        role=f"Chief {HOSTILE}",
    )
    session = Session(
        title=f"Talk {HOSTILE}",
        speakers=[speaker, Speaker(name=f"Bruno {HOSTILE}", url=HOSTILE_URL)],
        abstract=(
            f"Abstract {HOSTILE_MARKDOWN}\n\nimport x from 'y'\nexport const z = 1\n"
            f"<div>{HOSTILE_MARKDOWN}</div>\n\n- list {HOSTILE_MARKDOWN}\n"
            f"- `code {HOSTILE_MARKDOWN.replace('`', '')}`"
        ),
        slides_url=HOSTILE_URL,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1",
        thumbnails=[
            Thumbnail(file="talk.png", title=f"Slides {HOSTILE}", kind="slides", alt=HOSTILE),
            Thumbnail(file="video.jpg", title=f"Video {HOSTILE}", kind="video", alt=HOSTILE),
        ],
        time="10:30",
    )
    return Post(
        front_matter=front,
        blocks=[
            HeaderImage(src="header.png", title=f"Header {HOSTILE}", alt=HOSTILE),
            TextBlock(text="The Hostile Characters Meetup met in a room with a very long name."),
            Truncate(),
            Sponsors(
                sponsors=[
                    Sponsor(name=f"Harbourline {HOSTILE}", url=HOSTILE_URL, role="host"),
                    Sponsor(name=f"Voss {HOSTILE}", url=HOSTILE_URL),
                ]
            ),
            Button(label=f"Watch {HOSTILE}", href=HOSTILE_URL),
            session,
            Session(title=f"Bare {HOSTILE}", speakers=[Speaker(name=f"Chiara {HOSTILE}")]),
        ],
    )


def dropped_images_post(folder: Path) -> Post:
    """A post whose sessions were created by dropping image files (and a PDF) on the editor."""
    drops = folder.parent / f"{folder.name}-drops"
    drops.mkdir(parents=True)
    files = {
        "IMG_2041.JPG": samples.exif_rotated_photo_with_gps(),
        "Keynote Slides.png": samples.to_bytes(samples.slide(), "PNG"),
        "deck.pdf": samples.pdf_deck(),
        "cmyk.jpg": samples.cmyk_jpeg(),
        "scan16.png": samples.png16(),
        "loop.gif": samples.animated_gif(),
        "logo.png": samples.alpha_png(),
        "again.png": samples.to_bytes(samples.slide(), "PNG"),  # identical: stored once
    }
    jobs = []
    for index, (name, data) in enumerate(files.items()):
        path = drops / name
        path.write_bytes(data)
        jobs.append(ImageJob(path, f"Dropped talk {index + 1}: {name} {{x}} <y>"))
    results = ImageBatch(jobs, store=ImageStore(folder), options=ImageOptions(width=800)).run()
    assert all(result.ok for result in results), [result.error for result in results]
    assert results[-1].file == results[1].file
    sessions = [
        Session(
            title=job.title,
            speakers=[Speaker(name="Riley Example", url="https://riley.example/")],
            abstract="Created from a dropped file.",
            slides_url=f"https://slides.example/{result.index}",
            thumbnails=[Thumbnail(file=str(result.file), title=f"{job.title} - slides")],
        )
        for job, result in zip(jobs, results, strict=True)
    ]
    front = FrontMatter(
        entries=[
            FrontMatterEntry("title", "Dropped Images Roundup"),
            FrontMatterEntry("authors", ["jamie"]),
            FrontMatterEntry("tags", ["roundup"]),
            FrontMatterEntry("slug", "dropped-images-roundup"),
        ]
    )
    intro = TextBlock(text="Every session below was created by dropping a file.")
    return Post(front_matter=front, blocks=[intro, Truncate(), *sessions])


def edited_reference(into: Path) -> Path:
    """The reference post with one session edited and its own slug and folder."""
    folder = _copy_corpus_post(REFERENCE, into / "edited")
    post = read_post(folder)
    assert post.front_matter is not None
    post.front_matter.set("slug", "cseug-2024-roundup-edited")
    session = post.sessions()[0]
    session.title = session.title + " (edited: {x} <y> a:b)"
    session.speakers[0].org = "Northwind {Labs} <GmbH>"
    write_post(post, folder)
    target = into / "2024-10-02-cseug-roundup-edited"
    folder.rename(target)
    return target


def _export_everything(site_root: Path, blog: Path, work: Path) -> dict[str, str]:
    """Export every post into ``blog``; return {post: slug} for the pages to check."""
    authors = _merged_authors(site_root, blog)
    site = dataclasses.replace(detect_site(site_root), blog_dir=blog, authors=authors, tags=None)
    pages: dict[str, str] = {}
    corpus_copies = work / "corpus"
    for folder in sorted(path for path in CORPUS.iterdir() if (path / "index.md").is_file()):
        copy = _copy_corpus_post(folder.name, corpus_copies)
        text = (copy / "index.md").read_text(encoding="utf-8")
        assert render_post(read_post(copy)) == text, f"{folder.name} does not render back"
        exported = export_post(read_post(copy), site, copy, name=folder.name)
        pages[folder.name] = str(read_post(exported.folder).front_matter.get("slug"))  # type: ignore[union-attr]
    edited = edited_reference(work)
    export_post(read_post(edited), site, edited, name=edited.name)
    pages["edited reference"] = "cseug-2024-roundup-edited"

    hostile_folder = work / "2025-01-15-hostile-characters"
    write_post(hostile_post(), hostile_folder)
    for name in ("header.png", "talk.png", "video.jpg"):
        _placeholder(hostile_folder / name, (200, 60, 60))
    export_post(read_post(hostile_folder), site, hostile_folder, name=hostile_folder.name)
    pages["hostile"] = "hostile-characters-roundup"

    dropped_folder = work / "2025-02-20-dropped-images"
    write_post(dropped_images_post(dropped_folder), dropped_folder)
    export_post(read_post(dropped_folder), site, dropped_folder, name=dropped_folder.name)
    pages["dropped images"] = "dropped-images-roundup"
    pages.update(_export_imported(site, work))
    return pages


IMPORTED = {
    "pretalx": "hocd-2025-schedule.json",
    "frab-xml": "hocd-2025-schedule.xml",
    "sessionize": "kps-2025-sessionize-all.json",
    "csv": "nwcm-autumn-2025.csv",
}


def _export_imported(site: DocusaurusSite, work: Path) -> dict[str, str]:
    """Posts started from each agenda format (issue 6), and one from a corpus agenda post."""
    pages: dict[str, str] = {}
    sources = [(name, AGENDAS / file) for name, file in IMPORTED.items()]
    sources.append(("post", CORPUS / "2024-08-09-cseug2024-agenda" / "index.md"))
    for number, (format_name, source) in enumerate(sources, start=1):
        slug = f"imported-{format_name}"
        folder = work / "imported" / f"2025-03-{number:02d}-{slug}"
        post = build_post(load_schedule(format_name, source), slug=slug, authors=("jamie",))
        write_new_post(post, folder)
        export_post(read_post(folder), site, folder, name=folder.name)
        pages[f"imported from {format_name}"] = slug
    return pages


@dataclasses.dataclass
class Built:
    """One finished build of every exported post on one Docusaurus version."""

    version: str
    result: BuildResult
    pages: dict[str, str]

    def page(self, slug: str) -> Path:
        return self.result.out_dir / "blog" / slug / "index.html"

    def text(self, slug: str) -> str:
        """The visible text of a post's article (tags removed, entities decoded)."""
        page = self.page(slug).read_text(encoding="utf-8")
        match = re.search(r"<article.*?</article>", page, re.DOTALL)
        body = re.sub(r"<[^>]+>", "", match.group(0) if match else page)
        return html.unescape(body)


@pytest.fixture(scope="module", params=["docusaurus", "docusaurus2"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Export every post into a fresh blog folder and build the site once per version."""
    version = str(request.param)
    if shutil.which("npm") is None or shutil.which("npx") is None:
        pytest.skip("npm is not installed: the Docusaurus build test needs node and npm")
    shared_site = SHARED / version
    if not (shared_site / "package-lock.json").is_file() or not CORPUS.is_dir():
        pytest.skip(f"../shared/{version} or ../shared/corpus is not present")
    site = prepared_site(shared_site)
    # The same absolute paths every run, so webpack's cache (in node_modules/.cache) is reused.
    blog, static, out = (
        site.parent / f"{site.name}-{part}" for part in ("blog", "static", "build")
    )
    # One build at a time per site: another test run would clobber these folders.
    with locked(site.parent / f"{site.name}.build.lock"):
        for folder in (blog, static, out):
            shutil.rmtree(folder, ignore_errors=True)
        blog.mkdir()
        pages = _export_everything(site, blog, tmp_path_factory.mktemp(f"work-{version}"))
        _static_placeholders(static)
        result = build(site, blog, static, out)
        # Keep the pages the tests read: copy them out of the shared folder.
        kept = tmp_path_factory.mktemp(f"build-{version}")
        if (out / "blog").is_dir():
            shutil.copytree(out / "blog", kept / "blog", dirs_exist_ok=True)
    return Built(version, dataclasses.replace(result, out_dir=kept), pages)


def test_build_passes_without_warnings(built: Built) -> None:
    result = built.result
    assert result.returncode == 0, result.output[-6000:]
    assert result.problems == [], "\n".join(result.problems) + "\n" + result.output[-4000:]


def test_every_post_has_its_page(built: Built) -> None:
    assert built.result.returncode == 0
    missing = [post for post, slug in built.pages.items() if not built.page(slug).is_file()]
    assert missing == []


def test_hostile_characters_are_shown_literally(built: Built) -> None:
    assert built.result.returncode == 0
    text = built.text("hostile-characters-roundup")
    assert "Talk {x} ${y} {1+1} } a<b <3 <= < c <Cap> </p> <br>" in text
    assert "Room:A[1] :::note {#id} & &amp; &#123;" in text
    assert "import x from 'y'" in text and "export const z = 1" in text
    assert "Abstract {x}" in text and "Chief {x}" in text and "Northwind {x}" in text


def test_no_emoji_appears_from_colons(built: Built) -> None:
    assert built.result.returncode == 0
    text = built.text("hostile-characters-roundup")
    assert "🔥" not in text and "🅱" not in text
