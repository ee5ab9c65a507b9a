"""The app icon is bundled in every size the desktop file expects and loads in Qt."""

from __future__ import annotations

import pytest

from roundup_editor.gui.icons import ICON_SIZES, app_icon

pytestmark = pytest.mark.gui


def test_app_icon_has_every_size(qapp: object) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert sizes == set(ICON_SIZES)
