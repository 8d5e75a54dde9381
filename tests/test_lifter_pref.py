"""The app's lifter setting: chosen in the Models menu, checked, kept, handed to the engine."""

from __future__ import annotations

from pathlib import Path

import torch
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QWidget

from gaitscreen.core.lifting.poseformer import PoseFormerV2
from gaitscreen.engine.jobs import LIFTER_RESOURCE
from gaitscreen.ui import messages
from gaitscreen.ui.lifter_pref import LifterChoice, chosen_lifter
from test_published_path import TINY_LIFTER


class _Engine:
    def __init__(self) -> None:
        self.factories: dict[str, object] = {}

    def set_resource_factory(self, name, factory) -> None:
        self.factories[name] = factory


def test_choice_is_checked_kept_and_given_to_the_engine(qtbot, tmp_path: Path) -> None:
    good = tmp_path / "site.lifter.pt"
    net = PoseFormerV2(TINY_LIFTER)
    torch.save({"model_pos": {"module." + k: v for k, v in net.state_dict().items()},
                "config": TINY_LIFTER.to_dict()}, good)
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a checkpoint")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    parent = QWidget()
    qtbot.addWidget(parent)
    engine = _Engine()
    choice = LifterChoice(QMenu(parent), parent, engine, settings)
    assert engine.factories[LIFTER_RESOURCE] is None and not choice.default.isEnabled()

    with messages.capture() as shown:
        assert not choice.set_path(bad)
    assert len(shown) == 1 and shown[0].kind == "error" and "bad.bin" in shown[0].text
    assert chosen_lifter(settings) is None and engine.factories[LIFTER_RESOURCE] is None

    assert choice.set_path(good)
    assert chosen_lifter(settings) == good.resolve()
    assert engine.factories[LIFTER_RESOURCE]() == good.resolve() and choice.default.isEnabled()
    assert "site.lifter.pt" in choice.choose.text()

    again = LifterChoice(QMenu(parent), parent, _Engine(), settings)  # the next start keeps the choice
    assert again.engine.factories[LIFTER_RESOURCE]() == good.resolve()
    choice.default.trigger()
    assert chosen_lifter(settings) is None and engine.factories[LIFTER_RESOURCE] is None
