"""Convert Markdown to HTML in a helper process while this process goes on with other work.

At start-up the window needs its first page's HTML before Chromium can load it. Converting it
here would mean importing Python-Markdown (~20 ms) and running the first conversions (~8 ms) on
the main thread, while the machine's other core idles through PySide6's import (~130 ms).
``start_conversion(texts)`` spawns a helper interpreter (``posix_spawn``: this process is not
copied), hands it the texts through a pipe and returns at once; ``Conversion.result()`` later
reads the HTML back. The helper runs ``markdown_to_html``, the same function with the same
Python-Markdown, so its HTML is the HTML this process would make.

Where no helper can run (no ``posix_spawn``, as on Windows; a frozen bundle without a Python to
start; any error) ``start_conversion`` returns None, and a helper that fails, or has not answered
within the timeout, gives None from ``result()``: the caller then converts in-process as before.
Nothing is written to disk; the helper's error output is discarded.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import threading
import time
from collections.abc import Sequence

#: The helper's program: put the package on the path, convert what stdin holds, answer on stdout.
_HELPER = (
    "import sys; sys.path.insert(0, {root!r}); "
    "from roundup_editor.render.offload import serve; serve()"
)
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Conversion:
    """A helper process converting a list of Markdown texts (see the module's docstring)."""

    def __init__(self, pid: int, texts: list[str], answer_fd: int) -> None:
        """Wrap the running helper ``pid``, converting ``texts``, answering on ``answer_fd``."""
        self.pid = pid
        self.texts = texts
        self._answer_fd = answer_fd
        self._result: dict[str, str] | None = None
        self._done = False

    def result(self, timeout: float = 3.0) -> dict[str, str] | None:
        """Return each text's HTML (waiting at most ``timeout`` s), or None if the helper failed."""
        if self._done:
            return self._result
        self._done = True
        data = _read_all(self._answer_fd, timeout)
        if data is None:  # too slow: stop it, the caller converts in-process
            _kill(self.pid)
        status = _reap(self.pid)
        if data is None or status != 0:
            return None
        try:
            origin, htmls = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        if origin != _markdown_origin():  # another Python-Markdown than this process would use
            return None
        if not isinstance(htmls, list) or len(htmls) != len(self.texts):
            return None
        if not all(isinstance(html, str) for html in htmls):
            return None
        self._result = dict(zip(self.texts, htmls, strict=True))
        return self._result


def start_conversion(texts: Sequence[str], python: str | None = None) -> Conversion | None:
    """Start converting ``texts`` in a helper process; None when no helper can be started.

    ``python`` is the interpreter to run (this one by default).
    """
    python = python or sys.executable
    spawn = getattr(os, "posix_spawn", None)
    if not texts or spawn is None or not python or getattr(sys, "frozen", False):
        return None
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    actions = [
        (os.POSIX_SPAWN_DUP2, request_read, 0),
        (os.POSIX_SPAWN_DUP2, answer_write, 1),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_CLOSE, request_write),
        (os.POSIX_SPAWN_CLOSE, answer_read),
    ]
    arguments = [python, "-c", _HELPER.format(root=_PACKAGE_ROOT)]
    try:
        pid = spawn(python, arguments, os.environ, file_actions=actions)
    except OSError:
        for fd in (request_read, request_write, answer_read, answer_write):
            os.close(fd)
        return None
    os.close(request_read)
    os.close(answer_write)
    chosen = list(texts)
    # A request larger than the pipe would block until the helper has started and reads it.
    writer = threading.Thread(
        target=_write_all, args=(request_write, marshal.dumps(chosen)), daemon=True
    )
    writer.start()
    return Conversion(pid, chosen, answer_read)


def _write_all(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        pass  # the helper died: result() sees it
    finally:
        os.close(fd)


def _read_all(fd: int, timeout: float) -> bytes | None:
    """Read ``fd`` to its end within ``timeout`` seconds; None when time runs out."""
    import select

    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def _kill(pid: int) -> None:
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> int:
    """Wait for the helper to exit; return its exit code (-1 if it cannot be told)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return os.waitstatus_to_exitcode(status)


def _markdown_origin() -> str | None:
    """Return the file Python-Markdown is (or would be) imported from in this process."""
    module = sys.modules.get("markdown")
    if module is not None:
        origin = getattr(module, "__file__", None)
    else:
        import importlib.util

        spec = importlib.util.find_spec("markdown")
        origin = spec.origin if spec is not None else None
    return os.path.realpath(origin) if origin else None


def serve() -> None:
    """Run the helper's side: read marshalled texts on stdin, write their HTML to stdout.

    The answer also names the Python-Markdown file used, so that the caller can tell it is the
    one it would use itself (the helper may see another path, e.g. under ``python -E``).
    """
    from roundup_editor.render.markdown import markdown_to_html

    texts = marshal.loads(sys.stdin.buffer.read())
    htmls = [markdown_to_html(text) for text in texts]
    sys.stdout.buffer.write(marshal.dumps((_markdown_origin(), htmls)))
    sys.stdout.buffer.flush()
