"""Fetch a session's thumbnail from its slides or video URL (blocking; run it off the GUI thread).

* YouTube: the video's thumbnail image (``{youtube_base}/vi/<id>/maxresdefault.jpg``, falling
  back to ``hqdefault.jpg``).
* SlideShare: the ``thumbnail_url`` of its oEmbed answer.
* Anything else: the page's ``og:image`` (or ``twitter:image``).

Base URLs and the timeout are configurable (tests serve answers from 127.0.0.1). Every failure is
a :class:`FetchError` with one sentence (offline, timeout, not found, not an image...).
"""

from __future__ import annotations

import json
import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from roundup_editor import __version__
from roundup_editor.core.errors import RoundupError
from roundup_editor.images.pipeline import ImageOptions, ProcessedImage, process_image

MAX_PAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF")


class FetchError(RoundupError):
    """A thumbnail could not be fetched (offline, timeout, not found, no image on the page)."""


@dataclass(frozen=True)
class FetchConfig:
    """Where thumbnails come from and how long to wait for each answer."""

    youtube_base: str = "https://img.youtube.com"
    slideshare_oembed: str = "https://www.slideshare.net/api/oembed/2"
    timeout: float = 10.0
    user_agent: str = f"roundup-editor/{__version__}"


@dataclass
class FetchedImage:
    """The bytes of a fetched thumbnail and where they came from."""

    data: bytes
    url: str
    content_type: str = ""


def youtube_id(url: str) -> str | None:
    """Return the video id of a YouTube URL (watch, youtu.be, embed, shorts, live), else None."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().split(":")[0]
    if host.startswith("www.") or host.startswith("m."):
        host = host.split(".", 1)[1]
    candidate: str | None = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host in ("youtube.com", "youtube-nocookie.com", "music.youtube.com"):
        segments = [segment for segment in parts.path.split("/") if segment]
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [None])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


def is_slideshare(url: str) -> bool:
    """Tell whether ``url`` is a SlideShare page."""
    host = urlsplit(url.strip()).netloc.lower()
    return host == "slideshare.net" or host.endswith(".slideshare.net")


class _MetaImage(HTMLParser):
    """Collect ``og:image`` / ``twitter:image`` from a page's meta tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = {key.lower(): value or "" for key, value in attrs}
        key = (values.get("property") or values.get("name") or "").lower()
        if key in ("og:image", "og:image:url", "og:image:secure_url", "twitter:image"):
            self.found.setdefault(key, values.get("content", "").strip())


def og_image(html: str, base_url: str) -> str | None:
    """Return the absolute URL of a page's ``og:image`` (or ``twitter:image``), else None."""
    parser = _MetaImage()
    parser.feed(html)
    for key in ("og:image:secure_url", "og:image", "og:image:url", "twitter:image"):
        value = parser.found.get(key)
        if value:
            return urljoin(base_url, value)
    return None


class ThumbnailFetcher:
    """Fetch thumbnails over HTTP(S) with a timeout; safe to use from any thread."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()

    def _get(self, url: str, limit: int) -> tuple[bytes, str, str]:
        """GET ``url``; return (body, content type, final URL) or raise :class:`FetchError`."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"{url} is not an http or https address")
        host = urlsplit(url).netloc or url
        request = urllib.request.Request(url, headers={"User-Agent": self.config.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
                body = response.read(limit + 1)
                content_type = response.headers.get("Content-Type", "")
                final = response.geturl()
        except urllib.error.HTTPError as error:
            raise FetchError(f"{host} answered {error.code} ({error.reason}) for {url}") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise FetchError(self._timeout_text(host)) from None
            if isinstance(reason, socket.gaierror):
                raise FetchError(f"cannot find {host}: are you offline?") from None
            raise FetchError(f"cannot reach {host}: are you offline? ({reason})") from None
        except TimeoutError:
            raise FetchError(self._timeout_text(host)) from None
        except (OSError, ValueError) as error:
            raise FetchError(f"cannot fetch {url}: {error}") from None
        if len(body) > limit:
            raise FetchError(f"{url} is larger than {limit // (1024 * 1024)} MB")
        return body, content_type, final

    def _timeout_text(self, host: str) -> str:
        return f"{host} did not answer within {self.config.timeout:g} s"

    def _image(self, url: str) -> FetchedImage:
        data, content_type, final = self._get(url, MAX_IMAGE_BYTES)
        if not (content_type.startswith("image/") or data.startswith(_IMAGE_SIGNATURES)):
            raise FetchError(f"{url} is not an image")
        return FetchedImage(data, final, content_type)

    def youtube(self, video: str) -> FetchedImage:
        """Fetch the largest thumbnail YouTube has for the video id ``video``."""
        base = self.config.youtube_base.rstrip("/")
        try:
            return self._image(f"{base}/vi/{video}/maxresdefault.jpg")
        except FetchError as error:
            if "answered 404" not in str(error):
                raise
        return self._image(f"{base}/vi/{video}/hqdefault.jpg")

    def slideshare(self, url: str) -> FetchedImage:
        """Fetch a SlideShare deck's thumbnail through its oEmbed endpoint."""
        query = urlencode({"url": url, "format": "json"})
        body, _type, _final = self._get(f"{self.config.slideshare_oembed}?{query}", MAX_PAGE_BYTES)
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise FetchError("SlideShare's oEmbed answer is not valid JSON") from None
        thumbnail = answer.get("thumbnail_url") if isinstance(answer, dict) else None
        if not isinstance(thumbnail, str) or not thumbnail:
            raise FetchError(f"SlideShare gives no thumbnail for {url}")
        if thumbnail.startswith("//"):
            thumbnail = "https:" + thumbnail
        return self._image(urljoin(self.config.slideshare_oembed, thumbnail))

    def page(self, url: str) -> FetchedImage:
        """Fetch the ``og:image`` of a web page (or the URL itself when it is an image)."""
        body, content_type, final = self._get(url, MAX_PAGE_BYTES)
        if content_type.startswith("image/"):
            return FetchedImage(body, final, content_type)
        charset = "utf-8"
        match = re.search(r"charset=([\w-]+)", content_type)
        if match:
            charset = match.group(1)
        try:
            html = body.decode(charset, errors="replace")
        except LookupError:
            html = body.decode("utf-8", errors="replace")
        image_url = og_image(html, final)
        if image_url is None:
            raise FetchError(f"{url} has no preview image (og:image)")
        return self._image(image_url)

    def fetch(self, url: str) -> FetchedImage:
        """Fetch the thumbnail for a slides or video URL (YouTube, SlideShare, og:image)."""
        url = url.strip()
        video = youtube_id(url)
        if video is not None:
            return self.youtube(video)
        if is_slideshare(url):
            return self.slideshare(url)
        return self.page(url)

    def thumbnail(self, url: str, options: ImageOptions | None = None) -> ProcessedImage:
        """Fetch the thumbnail for ``url`` and run it through the image pipeline."""
        fetched = self.fetch(url)
        name = fetched.url.rsplit("/", 1)[-1] or "the fetched thumbnail"
        return process_image(fetched.data, options, name=name)


FetchCallback = Callable[[ProcessedImage | None, str | None], None]


def fetch_in_background(
    url: str,
    done: FetchCallback,
    fetcher: ThumbnailFetcher | None = None,
    options: ImageOptions | None = None,
) -> threading.Thread:
    """Fetch and process a thumbnail on a worker thread, never the caller's.

    ``done(image, None)`` or ``done(None, message)`` is called from that thread (a GUI forwards it
    to its own thread with a queued signal).
    """
    worker = fetcher or ThumbnailFetcher()

    def run() -> None:
        try:
            image = worker.thumbnail(url, options)
        except RoundupError as error:
            done(None, str(error))
            return
        done(image, None)

    thread = threading.Thread(target=run, name="thumbnail-fetch", daemon=True)
    thread.start()
    return thread
