"""The options several commands share are one definition (gaitscreen/cli/options.py).

An option that means the same in two commands must not drift apart there: same
choices, default, type and help wherever it appears (help texts that name their own
command's output, --pdf/--json, are the exception). Before the shared parents, --model,
--lifter, --device and --runtime read differently from command to command.
"""

from __future__ import annotations

import argparse

import pytest

from gaitscreen.cli import build_parser

SHARED = ("--quiet", "--device", "--model", "--runtime", "--lifter", "--rate-rule", "--floor-calibration",
          "--course-m", "--out", "--name", "--version")
#: Options whose help names what the command makes (a model, a lifter): all but the help must agree.
OWN_HELP = {"--out", "--name", "--version"}
#: Commands whose option of this name is a different thing (pose: the pose network's runtime;
#: train: a lifter for synthetic 3-D training data; batch --out: the reports folder).
OWN = {("pose", "--runtime"), ("train", "--lifter"), ("batch", "--out")}


def _commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _option(parser: argparse.ArgumentParser, flag: str) -> argparse.Action | None:
    return next((a for a in parser._actions if flag in a.option_strings), None)


@pytest.mark.parametrize("flag", SHARED)
def test_a_shared_option_reads_the_same_in_every_command(flag: str) -> None:
    seen = {}
    for name, parser in _commands().items():
        action = _option(parser, flag)
        if action is None or (name, flag) in OWN:
            continue
        seen[name] = (action.dest, action.default, action.choices, action.type,
                      None if flag in OWN_HELP else action.help, action.metavar,
                      action.required, type(action).__name__)
    assert len(seen) >= 2, f"{flag} is not shared"
    assert len(set(seen.values())) == 1, seen


def test_batch_takes_the_walk_options_of_analyze() -> None:
    commands = _commands()
    for flag in ("--floor-calibration", "--course-m", "--test", "--model", "--lifter", "--device", "--rate-rule"):
        assert _option(commands["batch"], flag) is not None, flag
        assert _option(commands["analyze"], flag) is not None, flag
    assert _option(commands["batch"], "--test").choices == ("tandem-walk", "usual-walk")
