"""Fixtures for watch mode: the real main window on a film, a fake mpv, an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from journal.watch import Clock
from tests.journal.watch.fake_mpv import FakeMpv


class FakeTime:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def fake_mpv(tmp_path: Path) -> Iterator[FakeMpv]:
    server = FakeMpv(tmp_path / "mpv.sock")
    yield server
    server.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def film(store):
    return store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")


@pytest.fixture
def watching(window, film, fake_time, qtbot):
    """The main window on the film, watch mode on, its clock driven by ``fake_time``."""
    assert window.select_film(film.id)
    mode = window.watch
    mode.now = fake_time
    mode.clock = Clock(fake_time)
    mode.source = mode.clock
    assert mode.enter()
    qtbot.waitUntil(lambda: mode.window is not None and mode.window.isVisible())
    yield mode
    mode.shut_down()


def today_viewings(store, film_id):
    return [v for v in store.list_viewings(film_id) if v.watched_on == date.today()]
