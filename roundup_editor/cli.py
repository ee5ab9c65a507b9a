"""The command line (a contract: see DESIGN.md). Subcommands other than ``open`` never import Qt.

Errors are printed to stderr as one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from roundup_editor import __version__
from roundup_editor.core.errors import RoundupError

EXIT_ERROR = 2


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_inspect(args: argparse.Namespace) -> int:
    """Print the post's summary as JSON."""
    from roundup_editor.core.summary import summarize
    from roundup_editor.formats.reader import read_post

    _print_json(summarize(read_post(Path(args.path))))
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    """Print the whole model as JSON."""
    from roundup_editor.core.serialize import dump_post
    from roundup_editor.formats.reader import read_post

    _print_json(dump_post(read_post(Path(args.path))))
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Print the index.md that saving would write."""
    from roundup_editor.formats.reader import read_post
    from roundup_editor.formats.writer import render_post

    text = render_post(read_post(Path(args.path)))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Write a post folder from a model JSON file."""
    from roundup_editor.core.errors import ModelError
    from roundup_editor.core.serialize import load_post
    from roundup_editor.formats.writer import write_post

    model_path = Path(args.model)
    try:
        data = json.loads(model_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{model_path} does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{model_path} is not valid JSON ({error})") from None
    except OSError as error:
        raise ModelError(f"{model_path} cannot be read: {error.strerror}") from None
    target = write_post(load_post(data), Path(args.out))
    print(target)
    return 0


def _delegate(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """Run ``module.function(args)``, imported only when the subcommand is used."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        handler: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(module), function
        )
        return int(handler(args))

    return run


def cmd_open(args: argparse.Namespace) -> int:
    """Start the GUI (the only path that imports Qt)."""
    import importlib

    gui_main: Callable[[list[str]], int] = importlib.import_module("roundup_editor.app").main
    argv: list[str] = []
    if args.screenshot:
        argv += ["--screenshot", args.screenshot]
    if args.path:
        argv.append(args.path)
    return int(gui_main(argv))


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="roundup-editor",
        description="Write event roundup posts for Docusaurus blogs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a window screenshot, exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text)
        command.set_defaults(handler=handler)
        return command

    opener = add("open", cmd_open, "open a post in the editor window")
    opener.add_argument("path", nargs="?")
    # also after the path (roundup-editor PATH --screenshot OUT.png); SUPPRESS keeps the value
    # given before the subcommand
    opener.add_argument("--screenshot", metavar="OUT.png", default=argparse.SUPPRESS)
    add("inspect", cmd_inspect, "print a post's summary as JSON").add_argument("path")
    add("dump", cmd_dump, "print the whole model as JSON").add_argument("path")
    add("render", cmd_render, "print the index.md that saving would write").add_argument("path")
    build = add("build", cmd_build, "write a post folder from a model JSON file")
    build.add_argument("model")
    build.add_argument("--out", required=True, help="the post folder to write")
    check = add("check", _delegate("roundup_editor.lint.cli", "run_check"), "lint a post")
    check.add_argument("path")
    check.add_argument("--json", action="store_true", help="print findings as JSON")
    export = add(
        "export",
        _delegate("roundup_editor.export.cli", "run_export"),
        "put a post into a Docusaurus site's blog folder",
    )
    export.add_argument("path")
    export.add_argument("--site", required=True, help="the Docusaurus site folder")
    export.add_argument("--force", action="store_true", help="replace an existing post folder")
    importer = add(
        "import",
        _delegate("roundup_editor.importers.cli", "run_import"),
        "start a post from an agenda (pretalx, frab, frab-xml, sessionize, csv, post)",
    )
    importer.add_argument("format", help="pretalx, frab, frab-xml, sessionize, csv or post")
    importer.add_argument("file")
    importer.add_argument("--out", required=True, help="the post folder to create")
    importer.add_argument("--title", help="the post's title (default: from the agenda)")
    importer.add_argument(
        "--author", action="append", default=[], help="an author key (repeat for more)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args_list = _open_when_no_command(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args, extra = parser.parse_known_args(args_list)
    if args.command is None:
        path = extra[0] if extra else None
        args = argparse.Namespace(path=path, screenshot=args.screenshot)
        return _run(cmd_open, args)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return _run(args.handler, args)


COMMANDS = ("open", "inspect", "dump", "render", "build", "check", "export", "import")


def _open_when_no_command(args: list[str]) -> list[str]:
    """Read ``[--screenshot OUT.png] PATH`` (no subcommand) as ``open PATH``.

    argparse would take PATH for an unknown subcommand; the contract lets the GUI be started
    with a path and no subcommand.
    """
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--screenshot":
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        return args if token in COMMANDS else [*args[:index], "open", *args[index:]]
    return args


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except RoundupError as error:
        print(f"roundup-editor: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
