"""MPRIS over QtDBus against fake players on a private session bus (skipped without dbus)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from ui.watch import mpris

pytestmark = [
    pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon"),
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"),
]

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def bus(qapp) -> Iterator[QDBusConnection]:
    """A private session bus with two players: one reporting its position, one (a browser)
    reporting none."""
    folder = tempfile.mkdtemp(prefix="rj-bus-")  # short: a socket path has a length limit
    daemon = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:dir={folder}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    players: list[subprocess.Popen[str]] = []
    try:
        address = daemon.stdout.readline().strip() if daemon.stdout else ""
        if not address:
            pytest.skip("dbus-daemon did not start a session bus here")
        for name, identity, position in (
            ("fakeplayer", "Fake Player", "1830250000"),
            ("browser", "Browser", "none"),
        ):
            player = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.ui.watch.fake_mpris",
                    address,
                    name,
                    identity,
                    position,
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                text=True,
            )
            players.append(player)
            assert player.stdout is not None and player.stdout.readline().strip() == "ready"
        connection = QDBusConnection.connectToBus(address, "journal-tests")
        assert connection.isConnected()
        yield connection
        QDBusConnection.disconnectFromBus("journal-tests")
    finally:
        for process in (*players, daemon):
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)
            if process.stdout:
                process.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_players_are_listed_and_those_without_a_position_say_so(bus) -> None:
    players = mpris.list_players(bus)
    assert [(p.identity, p.reports_position) for p in players] == [
        ("Browser", False),
        ("Fake Player", True),
    ]
    with pytest.raises(mpris.TimeSourceError, match="Browser reports no position"):
        mpris.MprisSource(players[0])


def test_an_mpris_player_is_a_time_source(bus) -> None:
    player = next(p for p in mpris.list_players(bus) if p.reports_position)
    source = mpris.MprisSource(player)
    assert source.position_ms() == 1_830_250  # microseconds to ms
    assert source.state == "playing" and source.is_playing()
    source.toggle()
    assert source.state == "paused" and not source.is_playing()
    source.play()
    assert source.is_playing()
    source.close()
    with pytest.raises(mpris.TimeSourceError):
        source.position_ms()


def test_watch_mode_follows_an_mpris_player_chosen_from_the_source_menu(
    bus, watching, monkeypatch
) -> None:
    monkeypatch.setattr(mpris, "session_bus", lambda: bus)
    view = watching.window
    view._fill_source_menu()
    actions = {action.text(): action for action in view.source_menu.actions()}
    assert not actions["MPRIS: Browser (reports no position)"].isEnabled()
    actions["MPRIS: Fake Player"].trigger()
    assert watching.source.name == "Fake Player"
    assert watching.stamp()
    assert watching.pending.position_ms == 1_828_250  # minus the 2 s lag
    watching.save_pending("heard over D-Bus")
    assert [e.position_ms for e in watching.store.list_entries(watching.viewing().id)] == [
        1_828_250
    ]
