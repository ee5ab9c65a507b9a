"""Settings: TOML round trip, defaults for damaged files, recent posts."""

from __future__ import annotations

import tomllib
from pathlib import Path

from roundup_editor.core.settings import Settings


def test_defaults_when_missing() -> None:
    settings = Settings.load()
    assert settings == Settings()
    assert settings.thumbnail_width == 600


def test_round_trip_under_user_home(isolated_user_dirs: Path) -> None:
    settings = Settings(default_authors=["jamie", 'q"uote'], blog_repository="C:\\blog\\ä")
    settings.thumbnail_width = 480
    path = settings.save()
    assert path.is_relative_to(isolated_user_dirs)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["thumbnail_width"] == 480
    assert Settings.load() == settings


def test_damaged_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('thumbnail_width = "big"\ndefault_authors = [1, 2]\nunknown = 3\n')
    settings = Settings.load(path)
    assert settings.thumbnail_width == 600
    assert settings.default_authors == []
    path.write_text("this is [not toml")
    broken = Settings.load(path)
    assert broken.problem
    assert broken == Settings()


def test_recent_posts_newest_first_without_duplicates(tmp_path: Path) -> None:
    settings = Settings()
    for name in ["a", "b", "a", *[f"p{i}" for i in range(12)]]:
        settings.add_recent(tmp_path / name)
    assert len(settings.recent) == 10
    assert settings.recent[0].endswith("p11")
    assert len(set(settings.recent)) == 10
