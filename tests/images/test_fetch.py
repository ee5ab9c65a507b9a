"""Thumbnail fetching against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from images import samples
from roundup_editor.images.fetch import (
    FetchConfig,
    FetchError,
    ThumbnailFetcher,
    fetch_in_background,
    og_image,
    youtube_id,
)
from roundup_editor.images.pipeline import process_image

JPEG = samples.to_bytes(samples.photo(640, 360), "JPEG")
PNG = samples.to_bytes(samples.slide(800, 450), "PNG")


@dataclass
class Server:
    base: str
    routes: dict[str, tuple[int, str, bytes]]
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, tuple[int, str, bytes]] = {}
    state = Server("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            path = urlsplit(self.path).path
            if path == "/slow":
                state.release.wait(10)
            status, content_type, body = routes.get(path, (404, "text/plain", b"not here"))
            if path == "/oembed":
                query = parse_qs(urlsplit(self.path).query)
                body = json.dumps(
                    {"thumbnail_url": f"{state.base}/ss/thumb.jpg", "asked": query["url"][0]}
                ).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()


def fetcher(server: Server, timeout: float = 5.0) -> ThumbnailFetcher:
    return ThumbnailFetcher(
        FetchConfig(
            youtube_base=server.base, slideshare_oembed=f"{server.base}/oembed", timeout=timeout
        )
    )


@pytest.mark.parametrize(
    ("url", "video"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtube.com/shorts/abcDEF12345", "abcDEF12345"),
        ("https://m.youtube.com/live/abcDEF12345?feature=share", "abcDEF12345"),
        ("https://www.youtube.com/playlist?list=PL123", None),
        ("https://example.org/watch?v=dQw4w9WgXcQ", None),
        ("https://youtu.be/../../etc", None),
    ],
)
def test_youtube_id(url: str, video: str | None) -> None:
    assert youtube_id(url) == video


def test_youtube_thumbnail_prefers_maxres(server: Server) -> None:
    server.routes["/vi/dQw4w9WgXcQ/maxresdefault.jpg"] = (200, "image/jpeg", JPEG)
    image = fetcher(server).fetch("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert image.data == JPEG
    assert process_image(image.data).format == "jpeg"


def test_youtube_falls_back_to_hqdefault(server: Server) -> None:
    server.routes["/vi/dQw4w9WgXcQ/hqdefault.jpg"] = (200, "image/jpeg", JPEG)
    image = fetcher(server).fetch("https://youtu.be/dQw4w9WgXcQ")
    assert image.url.endswith("/hqdefault.jpg")
    assert server.requests == ["/vi/dQw4w9WgXcQ/maxresdefault.jpg", "/vi/dQw4w9WgXcQ/hqdefault.jpg"]


def test_slideshare_oembed_thumbnail(server: Server) -> None:
    server.routes["/oembed"] = (200, "application/json", b"")
    server.routes["/ss/thumb.jpg"] = (200, "image/jpeg", JPEG)
    deck = "https://www.slideshare.net/northwind/scaling-object-stores"
    image = fetcher(server).fetch(deck)
    assert image.data == JPEG
    assert any("oembed" in request and "format=json" in request for request in server.requests)


def test_slideshare_without_thumbnail(server: Server) -> None:
    server.routes["/oembed"] = (404, "application/json", b"")
    with pytest.raises(FetchError, match="answered 404"):
        fetcher(server).fetch("https://www.slideshare.net/x/y")


def test_og_image_of_a_page(server: Server) -> None:
    page = (
        b"<html><head><title>Deck</title>"
        b'<meta property="og:image" content="/img/cover.png?x=1&amp;y=2"></head></html>'
    )
    server.routes["/talks/42"] = (200, "text/html; charset=utf-8", page)
    server.routes["/img/cover.png"] = (200, "image/png", PNG)
    image = fetcher(server).fetch(f"{server.base}/talks/42")
    assert image.data == PNG
    assert "/img/cover.png?x=1&y=2" in server.requests


def test_page_without_og_image(server: Server) -> None:
    server.routes["/plain"] = (200, "text/html", b"<html><body>No preview</body></html>")
    with pytest.raises(FetchError, match="no preview image"):
        fetcher(server).fetch(f"{server.base}/plain")


def test_og_image_that_is_not_an_image(server: Server) -> None:
    page = b'<meta name="twitter:image" content="/fake.png">'
    server.routes["/p"] = (200, "text/html", page)
    server.routes["/fake.png"] = (200, "text/html", b"<html>login wall</html>")
    with pytest.raises(FetchError, match="is not an image"):
        fetcher(server).fetch(f"{server.base}/p")


def test_direct_image_url(server: Server) -> None:
    server.routes["/deck.png"] = (200, "image/png", PNG)
    assert fetcher(server).fetch(f"{server.base}/deck.png").data == PNG


def test_timeout_gives_a_clear_message(server: Server) -> None:
    with pytest.raises(FetchError, match=r"did not answer within 0\.3 s"):
        fetcher(server, timeout=0.3).fetch(f"{server.base}/slow")
    server.release.set()


def test_offline_gives_a_clear_message() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens on this port now
    config = FetchConfig(youtube_base=f"http://127.0.0.1:{port}", timeout=2)
    with pytest.raises(FetchError, match=r"cannot reach 127\.0\.0\.1.*offline"):
        ThumbnailFetcher(config).fetch("https://youtu.be/dQw4w9WgXcQ")


def test_only_http_urls() -> None:
    with pytest.raises(FetchError, match="not an http or https address"):
        ThumbnailFetcher().fetch("file:///etc/passwd")


def test_og_image_parser() -> None:
    html = '<meta content="https://cdn.example/a.jpg" property="og:image"/>'
    assert og_image(html, "https://site.example/") == "https://cdn.example/a.jpg"
    assert og_image("<p>nothing</p>", "https://site.example/") is None


def test_fetch_in_background_reports_from_a_worker_thread(server: Server) -> None:
    server.routes["/vi/dQw4w9WgXcQ/maxresdefault.jpg"] = (200, "image/jpeg", JPEG)
    outcomes: list[tuple[object, str | None, str]] = []
    finished = threading.Event()

    def done(image: object, error: str | None) -> None:
        outcomes.append((image, error, threading.current_thread().name))
        finished.set()

    fetch_in_background("https://youtu.be/dQw4w9WgXcQ", done, fetcher(server))
    assert finished.wait(10)
    image, error, thread = outcomes[0]
    assert error is None and getattr(image, "format", None) == "jpeg"
    assert thread != threading.current_thread().name


def test_fetch_in_background_reports_errors(server: Server) -> None:
    outcomes: list[str | None] = []
    finished = threading.Event()

    def done(image: object, error: str | None) -> None:
        outcomes.append(error)
        finished.set()

    fetch_in_background(f"{server.base}/missing", done, fetcher(server))
    assert finished.wait(10)
    assert outcomes[0] is not None and "answered 404" in outcomes[0]
