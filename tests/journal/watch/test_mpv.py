"""The mpv source against a fake mpv speaking the real JSON IPC protocol on a Unix socket."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.watch import StampRequest, TimeSource, TimeSourceError
from journal.watch.ipc import MpvIpc
from journal.watch.mpv import STAMP_KEY, STAMP_MESSAGE, MpvSource
from tests.journal.watch.conftest import wait_until
from tests.journal.watch.fake_mpv import FakeMpv

# Short, so a test that proves "no hang" finishes quickly; the app uses 1 s.
TIMEOUT = 0.3


@pytest.fixture
def mpv(fake_mpv: FakeMpv) -> Iterator[MpvSource]:
    source = MpvSource.connect(fake_mpv.path, timeout=TIMEOUT)
    yield source
    source.close()


def test_an_mpv_source_is_a_time_source(mpv: MpvSource) -> None:
    assert isinstance(mpv, TimeSource)
    assert mpv.name == "mpv"
    assert mpv.connected and not mpv.launched


def test_position_is_mpvs_time_pos_in_whole_ms(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    assert mpv.position_ms() == 12_346  # 12.3456 s, rounded to the millisecond
    fake_mpv.time_pos = 2530.0004
    assert mpv.position_ms() == 2_530_000
    fake_mpv.time_pos = -0.04  # some files start a hair before 0
    assert mpv.position_ms() == 0


def test_no_file_loaded_means_no_position(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    fake_mpv.time_pos = None
    assert mpv.position_ms() is None


def test_pause_play_and_toggle_drive_the_player(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    assert mpv.is_playing() and mpv.state == "playing"
    mpv.pause()
    assert fake_mpv.paused and not mpv.is_playing() and mpv.state == "paused"
    assert ["set_property", "pause", True] in fake_mpv.received
    mpv.play()
    assert not fake_mpv.paused and mpv.is_playing()
    mpv.toggle()
    assert fake_mpv.paused
    wait_until(lambda: not mpv.is_playing())


def test_a_pause_pressed_in_the_player_shows_without_a_request(
    mpv: MpvSource, fake_mpv: FakeMpv
) -> None:
    requests_before = len(fake_mpv.received)
    fake_mpv.set_paused(True)
    wait_until(lambda: mpv.state == "paused")
    fake_mpv.idle = True
    fake_mpv.send_event({"event": "property-change", "id": 2, "name": "idle-active", "data": True})
    wait_until(lambda: mpv.state == "no file loaded")
    assert len(fake_mpv.received) == requests_before


def test_connecting_binds_the_stamp_key_inside_mpv(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    assert mpv.stamp_key_bound
    assert fake_mpv.bindings[STAMP_KEY].startswith(f"script-message {STAMP_MESSAGE} ")


def test_the_key_in_mpv_stamps_at_the_moment_it_was_pressed(
    mpv: MpvSource, fake_mpv: FakeMpv
) -> None:
    stamps: list[StampRequest] = []
    mpv.set_stamp_callback(stamps.append)
    fake_mpv.time_pos = 30.0
    fake_mpv.press(STAMP_KEY, then_time_pos=31.5)  # the film moves on before the journal hears
    wait_until(lambda: len(stamps) == 1)
    assert stamps == [StampRequest(raw_position_ms=30_000, source_name="mpv")]


def test_a_stamp_message_without_a_position_asks_mpv(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    stamps: list[StampRequest] = []
    mpv.set_stamp_callback(stamps.append)
    fake_mpv.time_pos = 75.25
    fake_mpv.send_event({"event": "client-message", "args": [STAMP_MESSAGE]})
    wait_until(lambda: len(stamps) == 1)
    assert stamps[0].raw_position_ms == 75_250


def test_other_script_messages_are_not_stamps(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    stamps: list[StampRequest] = []
    mpv.set_stamp_callback(stamps.append)
    fake_mpv.send_event({"event": "client-message", "args": ["someone-elses-script", "1"]})
    fake_mpv.press(STAMP_KEY)
    wait_until(lambda: len(stamps) == 1)
    assert len(stamps) == 1


def test_a_slow_stamp_callback_never_blocks_the_caller(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    release = threading.Event()
    seen: list[StampRequest] = []

    def slow(stamp: StampRequest) -> None:
        seen.append(stamp)
        release.wait(5)

    mpv.set_stamp_callback(slow)
    fake_mpv.press(STAMP_KEY)
    wait_until(lambda: len(seen) == 1)
    started = time.monotonic()
    assert mpv.position_ms() == 12_346  # answered while the callback is still busy
    mpv.pause()
    assert time.monotonic() - started < TIMEOUT
    release.set()


def test_a_failing_stamp_callback_does_not_stop_later_stamps(
    mpv: MpvSource, fake_mpv: FakeMpv
) -> None:
    calls: list[StampRequest] = []

    def flaky(stamp: StampRequest) -> None:
        calls.append(stamp)
        if len(calls) == 1:
            raise RuntimeError("first one fails")

    mpv.set_stamp_callback(flaky)
    fake_mpv.press(STAMP_KEY)
    fake_mpv.press(STAMP_KEY)
    wait_until(lambda: len(calls) == 2)


def test_a_player_that_stops_answering_raises_within_the_timeout(
    mpv: MpvSource, fake_mpv: FakeMpv
) -> None:
    fake_mpv.answering = False
    started = time.monotonic()
    with pytest.raises(TimeSourceError, match="did not answer 'get_property' within 0.3 s"):
        mpv.position_ms()
    assert time.monotonic() - started < TIMEOUT + 0.5
    assert mpv.state == "not answering"
    with pytest.raises(TimeSourceError, match="clock remains available"):
        mpv.pause()
    fake_mpv.answering = True  # it recovers: so does the source
    assert mpv.position_ms() == 12_346
    assert mpv.state == "playing"


def test_a_player_that_quits_says_so_at_once(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    fake_mpv.disconnect_all()
    wait_until(lambda: not mpv.connected)
    assert mpv.state == "not connected: mpv closed the connection (it was quit)"
    assert not mpv.is_playing()
    started = time.monotonic()
    with pytest.raises(TimeSourceError, match="Not connected to mpv"):
        mpv.position_ms()
    assert time.monotonic() - started < 0.1


def test_a_request_waiting_when_mpv_quits_fails_at_once(fake_mpv: FakeMpv) -> None:
    with MpvSource.connect(fake_mpv.path, timeout=5.0) as slow_limit:
        fake_mpv.answering = False
        threading.Timer(0.05, fake_mpv.disconnect_all).start()
        started = time.monotonic()
        with pytest.raises(TimeSourceError, match="it was quit"):
            slow_limit.position_ms()
        assert time.monotonic() - started < 2.0


def test_a_socket_that_does_not_exist_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such.sock"
    with pytest.raises(TimeSourceError) as refused:
        MpvSource.connect(missing, timeout=TIMEOUT)
    message = str(refused.value)
    assert f"there is no socket at {missing}" in message
    assert "--input-ipc-server=" in message
    assert message.endswith("The clock remains available.")


def test_a_regular_file_is_not_taken_for_a_socket(tmp_path: Path) -> None:
    not_a_socket = tmp_path / "notes.txt"
    not_a_socket.write_text("hello")
    with pytest.raises(TimeSourceError, match="is a file, not mpv's socket"):
        MpvSource.connect(not_a_socket, timeout=TIMEOUT)


def test_a_socket_left_by_a_quit_mpv_is_a_clear_error(tmp_path: Path) -> None:
    stale = tmp_path / "stale.sock"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(stale))
    listener.close()  # the file stays, nobody listens
    with pytest.raises(TimeSourceError, match="has mpv quit"):
        MpvSource.connect(stale, timeout=TIMEOUT)


def test_a_player_silent_on_connect_fails_the_connect_without_a_hang(fake_mpv: FakeMpv) -> None:
    fake_mpv.answering = False
    started = time.monotonic()
    with pytest.raises(TimeSourceError, match="did not answer"):
        MpvSource.connect(fake_mpv.path, timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + 0.5


def test_an_mpv_without_keybind_still_connects(fake_mpv: FakeMpv, monkeypatch) -> None:
    original = fake_mpv._answer
    monkeypatch.setattr(
        fake_mpv,
        "_answer",
        lambda command: (
            {"error": "invalid parameter"} if command[0] == "keybind" else original(command)
        ),
    )
    with MpvSource.connect(fake_mpv.path, timeout=TIMEOUT) as old_mpv:
        assert not old_mpv.stamp_key_bound
        assert old_mpv.position_ms() == 12_346


def test_pause_while_writing_pauses_and_resumes_on_save(fake_mpv: FakeMpv) -> None:
    with MpvSource.connect(fake_mpv.path, timeout=TIMEOUT, pause_while_writing=True) as mpv:
        mpv.writing_started()
        assert fake_mpv.paused
        mpv.writing_finished()
        assert not fake_mpv.paused


def test_pause_while_writing_leaves_a_paused_player_paused(fake_mpv: FakeMpv) -> None:
    fake_mpv.paused = True
    with MpvSource.connect(fake_mpv.path, timeout=TIMEOUT, pause_while_writing=True) as mpv:
        mpv.writing_started()
        mpv.writing_finished()
        assert fake_mpv.paused  # the user had paused it: writing must not start the film
        assert not any(command[0] == "set_property" for command in fake_mpv.received)


def test_a_player_resumed_and_paused_again_by_hand_stays_paused(fake_mpv: FakeMpv) -> None:
    with MpvSource.connect(fake_mpv.path, timeout=TIMEOUT, pause_while_writing=True) as mpv:
        mpv.writing_started()
        fake_mpv.set_paused(False)  # the user resumes in mpv while still typing…
        wait_until(mpv.is_playing)
        fake_mpv.set_paused(True)  # …and pauses it again themselves
        wait_until(lambda: not mpv.is_playing())
        mpv.writing_finished()
        assert fake_mpv.paused


def test_without_pause_while_writing_the_film_plays_on(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    mpv.writing_started()
    mpv.writing_finished()
    assert not fake_mpv.paused
    assert not any(command[0] == "set_property" for command in fake_mpv.received)


def test_a_saved_stamp_is_confirmed_on_mpvs_screen(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    mpv.show_message("Saved at 0:00:28")
    assert fake_mpv.shown == ["Saved at 0:00:28"]


def test_disconnecting_gives_the_user_their_key_back(fake_mpv: FakeMpv) -> None:
    fake_mpv.bindings["ctrl+j"] = "cycle sub"  # from the user's input.conf
    with MpvSource.connect(fake_mpv.path, timeout=TIMEOUT):
        assert fake_mpv.bindings[STAMP_KEY].startswith("script-message")
    assert fake_mpv.bindings[STAMP_KEY] == "cycle sub"


def test_disconnecting_unbinds_a_key_that_was_free(mpv: MpvSource, fake_mpv: FakeMpv) -> None:
    mpv.close()
    assert fake_mpv.bindings[STAMP_KEY] == "ignore"


def test_closing_disconnects_but_leaves_a_connected_mpv_playing(
    mpv: MpvSource, fake_mpv: FakeMpv
) -> None:
    mpv.close()
    mpv.close()
    assert mpv.state == "not connected: closed"
    assert not fake_mpv.quit_requested.is_set()
    with pytest.raises(TimeSourceError):
        mpv.position_ms()


def test_answers_split_across_reads_and_unknown_lines_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "raw.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen()
    events: list[dict] = []

    def serve() -> None:
        client, _ = server.accept()
        client.recv(4096)
        for piece in (
            b'not json\n{"event":"seek"}\n{"request_id": 1, "err',
            b'or": "success", "data": 4.5}\n',
        ):
            client.sendall(piece)
            time.sleep(0.02)
        client.recv(4096)  # until the client closes
        client.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ipc = MpvIpc(path, on_event=events.append, timeout=2.0)
    assert ipc.request("get_property", "time-pos") == 4.5
    assert events == [{"event": "seek"}]
    ipc.close()
    thread.join(2)
    server.close()


def test_launch_without_mpv_installed_says_the_clock_remains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no mpv there
    clip = tmp_path / "film.mkv"
    clip.write_bytes(b"")
    with pytest.raises(TimeSourceError) as refused:
        MpvSource.launch(clip)
    assert "mpv is not installed" in str(refused.value)
    assert "clock remains available" in str(refused.value)


def test_launch_on_a_missing_file_says_which(tmp_path: Path) -> None:
    with pytest.raises(TimeSourceError, match="no such file"):
        MpvSource.launch(tmp_path / "gone.mkv", mpv_executable="/bin/true")


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for mpv")
def test_an_mpv_that_stops_at_once_reports_its_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_temp = tmp_path / "temp"
    private_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_temp))
    broken = tmp_path / "mpv"
    broken.write_text("#!/bin/sh\necho 'Error parsing option vo (option not found)' >&2\nexit 1\n")
    broken.chmod(0o755)
    clip = tmp_path / "film.mkv"
    clip.write_bytes(b"")
    with pytest.raises(TimeSourceError, match=r"exit code 1\): Error parsing option vo"):
        MpvSource.launch(clip, mpv_executable=str(broken), start_timeout=5)
    assert list(private_temp.iterdir()) == []  # its private folder is gone too
