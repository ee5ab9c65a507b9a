"""Link rules: tracking parameters, http, malformed URLs, LinkedIn forms, mixed encodings."""

from __future__ import annotations

import pytest

from roundup_editor.formats.reader import parse_post
from roundup_editor.formats.writer import render_post
from roundup_editor.lint import apply_fix, apply_fixes, lint_post

from .conftest import CLEAN, FRONT, INTRO, SESSION, LintText, rules

ADA = "https://www.linkedin.com/in/ada-quillfeather/"


def with_ada_url(url: str) -> str:
    return CLEAN.replace(ADA, url)


def test_tracking_parameters_in_a_speaker_link_and_the_fix(lint: LintText) -> None:
    text = with_ada_url(ADA + "?utm_source=share&utm_medium=member_desktop&trk=public")
    findings = [f for f in lint(text) if f.rule == "links.tracking"]
    assert len(findings) == 1
    assert "trk, utm_medium, utm_source" in findings[0].message
    post = parse_post(text)
    finding = next(f for f in lint_post(post) if f.rule == "links.tracking")
    assert apply_fix(post, finding)
    assert render_post(post) == CLEAN


def test_tracking_parameter_in_an_iframe_keeps_the_other_parameters() -> None:
    iframe = (
        '<iframe src="https://www.youtube.com/embed/abc123?si=XyZ&amp;controls=0" '
        'title="Talk"></iframe>'
    )
    text = FRONT + INTRO + iframe + "\n\n" + SESSION
    post = parse_post(text)
    findings = [f for f in lint_post(post) if f.rule == "links.tracking"]
    assert len(findings) == 1
    assert apply_fix(post, findings[0])
    assert 'src="https://www.youtube.com/embed/abc123?controls=0"' in render_post(post)


def test_links_without_tracking_are_fine(lint: LintText) -> None:
    text = with_ada_url("https://www.youtube.com/watch?v=abc123&list=PL1&index=2")
    assert "links.tracking" not in rules(lint(text))


def test_http_link_where_https_is_usual(lint: LintText) -> None:
    text = with_ada_url("http://www.linkedin.com/in/ada-quillfeather/")
    findings = [f for f in lint(text) if f.rule == "links.http"]
    assert len(findings) == 1 and findings[0].fix == "use https:"
    post = parse_post(text)
    apply_fixes(post, lint_post(post))
    assert render_post(post) == CLEAN


def test_http_link_to_an_unknown_site_has_no_automatic_fix(lint: LintText) -> None:
    text = CLEAN.replace("https://northwind.example/", "http://northwind-labs.org/")
    findings = [f for f in lint(text) if f.rule == "links.http"]
    assert len(findings) == 1 and findings[0].fix is None
    local = CLEAN.replace("https://northwind.example/", "http://localhost:3000/")
    assert "links.http" not in rules(lint(local))


@pytest.mark.parametrize(
    "url",
    [
        "htps://northwind.example/",
        "https//northwind.example/",
        "https:/northwind.example/",
        "www.northwind.example",
        "https://https://northwind.example/",
        "https://northwind/",
        "javascript:alert(1)",
    ],
)
def test_malformed_urls_are_errors(lint: LintText, url: str) -> None:
    text = CLEAN.replace("https://northwind.example/", url)
    findings = [f for f in lint(text) if f.rule == "links.malformed"]
    assert len(findings) == 1 and findings[0].severity == "error"


def test_invisible_character_in_a_url_in_prose_is_malformed(lint: LintText) -> None:
    text = FRONT + INTRO + "Photos at [the album](https://photos.example/\u200bnorthwind).\n\n"
    findings = [f for f in lint(text + SESSION) if f.rule == "links.malformed"]
    assert len(findings) == 1 and "invisible" in findings[0].message


def test_well_formed_and_relative_urls_are_fine(lint: LintText) -> None:
    text = CLEAN.replace("https://northwind.example/", "/blog/northwind-2024-roundup")
    assert "links.malformed" not in rules(lint(text))
    assert "links.malformed" not in rules(lint(CLEAN))


@pytest.mark.parametrize(
    ("url", "fixed"),
    [
        ("https://uk.linkedin.com/in/ada-quillfeather/", ADA),
        ("https://linkedin.com/in/ada-quillfeather/", ADA),
        ("https://www.linkedin.com/in/ada-quillfeather/en", ADA),
        ("https://www.linkedin.com/in/ada-quillfeather/details/experience/", ADA),
        ("https://www.linkedin.com/pub/ada-quillfeather/1/2/3", None),
    ],
)
def test_odd_linkedin_profile_forms(url: str, fixed: str | None) -> None:
    post = parse_post(with_ada_url(url))
    findings = [f for f in lint_post(post) if f.rule == "links.linkedin"]
    assert len(findings) == 1
    if fixed is None:
        assert findings[0].fix is None
    else:
        assert apply_fix(post, findings[0])
        assert post.sessions()[0].speakers[0].url == fixed


def test_canonical_linkedin_profiles_are_fine(lint: LintText) -> None:
    plain = with_ada_url("https://www.linkedin.com/in/ada-quillfeather")
    assert "links.linkedin" not in rules(lint(plain))
    company = with_ada_url("https://www.linkedin.com/company/northwind-labs/")
    assert "links.linkedin" not in rules(lint(company))


def test_encoded_and_raw_forms_of_the_same_url(lint: LintText) -> None:
    raw = "https://www.linkedin.com/in/zoë-brüseke/"
    encoded = "https://www.linkedin.com/in/zo%C3%AB-br%C3%BCseke/"
    text = FRONT + INTRO + f"Thanks to [Zoë]({encoded}) for hosting.\n\n"
    text += SESSION.replace(ADA, raw).replace("Ada Quillfeather", "Zoë Brüseke")
    post = parse_post(text)
    findings = [f for f in lint_post(post) if f.rule == "links.encoding"]
    assert len(findings) == 1 and encoded in findings[0].message
    assert apply_fix(post, findings[0])
    assert post.sessions()[0].speakers[0].url == encoded
    assert "links.encoding" not in rules(lint(CLEAN))
