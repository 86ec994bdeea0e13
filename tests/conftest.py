"""Shared fixtures. Every test runs headless and away from the user's real journal and settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user location (data, config, settings) into a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    monkeypatch.delenv("REFLECTIVE_JOURNAL_HOME", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder (not yet created on disk)."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    """A store on a real SQLite file in tmp_path."""
    from journal.store import Store

    opened = Store.open(data_dir)
    yield opened
    opened.close()
