"""GaitScreen's command line: ``gaitscreen <command> ...``.

Every error a user can cause ends with one readable line on stderr and a non-zero
exit status; tracebacks are kept for programming errors (set GAITSCREEN_DEBUG=1 to
see them for user errors too).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from .. import __version__

# Each ``*_cmd`` module of this package is one subcommand: it defines
# ``add_parser(subparsers)`` and sets ``func`` on its parser. They import the
# heavy libraries inside ``run`` so ``gaitscreen --help`` stays fast.
ORDER = ("analyze", "pose", "classify", "train", "batch", "export_onnx", "gui")


def _command_modules() -> list:
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")]
    names.sort(key=lambda n: (ORDER.index(n[:-4]) if n[:-4] in ORDER else len(ORDER), n))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gaitscreen",
        description="Sarcopenia risk screening from a video of tandem walking.",
    )
    parser.add_argument("--version", action="version", version=f"GaitScreen {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation: screen the bundled sample headless, print versions, "
                             "device and models, exit 0 when everything works")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in _command_modules():
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from ..selftest import run_self_test

        return run_self_test()
    if not getattr(args, "command", None):
        args = parser.parse_args(["gui"])  # no command: open the desktop application
    from ..core.errors import GaitScreenError

    try:
        if getattr(args, "lang", None):  # every report-writing command: its PDF and its printed lines
            from ..core.i18n import set_language

            set_language(args.lang)  # an unknown language fails here, before any work
        return int(args.func(args) or 0)
    except GaitScreenError as exc:
        if os.environ.get("GAITSCREEN_DEBUG"):
            raise
        from ..core.i18n import _

        print(_("gaitscreen: error: {message}").format(message=exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from ..core.i18n import _

        print(_("gaitscreen: interrupted"), file=sys.stderr)
        return 130
    except OSError as exc:  # full disk, permissions, a file vanishing under us
        if os.environ.get("GAITSCREEN_DEBUG"):
            raise
        from ..core.i18n import _

        where = f" ({exc.filename})" if exc.filename else ""
        print(_("gaitscreen: error: {message}").format(message=f"{exc.strerror or exc}{where}"), file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
