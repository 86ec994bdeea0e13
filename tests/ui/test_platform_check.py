"""Launching on an X11 desktop that lacks a library Qt's xcb platform needs: a clear message
naming the library and the package to install, instead of Qt's plugin error and abort."""

from __future__ import annotations

import pytest

from ui import app as app_module
from ui import platform_check

X11 = {"DISPLAY": ":0"}


def _loader_without(*absent: str):
    """A library loader (like ctypes.CDLL) on a system where ``absent`` are not installed."""
    loaded = []

    def load(name: str) -> object:
        if name in absent:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        loaded.append(name)
        return object()

    return load, loaded


def test_a_missing_library_is_named_with_its_package():
    load, loaded = _loader_without("libxcb-icccm.so.4", "libxcb-cursor.so.0")

    missing = platform_check.missing_libraries(X11, "linux", load)

    assert missing == [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ]
    assert len(loaded) == len(platform_check.XCB_LIBRARIES) - 2
    text = platform_check.message(missing)
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in text
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "not opened or changed" in text


def test_nothing_is_reported_when_every_library_loads():
    load, loaded = _loader_without()
    assert platform_check.missing_libraries(X11, "linux", load) == []
    assert loaded == list(platform_check.XCB_LIBRARIES)


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux"),  # Qt picks wayland
        ({}, "linux"),  # no X display: Qt's own message about the display is clear enough
        ({"DISPLAY": ":0"}, "darwin"),
        ({"DISPLAY": ":0"}, "win32"),
    ],
)
def test_no_check_where_qt_will_not_use_xcb(environ, platform):
    load, loaded = _loader_without(*platform_check.XCB_LIBRARIES)
    assert platform_check.missing_libraries(environ, platform, load) == []
    assert loaded == []  # not even tried: no cost at launch


def test_xcb_chosen_explicitly_is_checked_even_in_a_wayland_session():
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    load, _ = _loader_without("libxkbcommon-x11.so.0")
    assert platform_check.missing_libraries(environ, "linux", load) == [
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0")
    ]


def test_the_real_loader_finds_what_is_there_and_names_what_is_not(monkeypatch):
    monkeypatch.setattr(
        platform_check,
        "XCB_LIBRARIES",
        {"libc.so.6": "libc6", "libreflective-journal-absent.so.0": "no-such-package"},
    )
    assert platform_check.missing_libraries(X11, "linux") == [
        ("libreflective-journal-absent.so.0", "no-such-package")
    ]


def test_launch_stops_with_the_message_before_qt_starts(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    load, _ = _loader_without("libxcb-keysyms.so.1")
    monkeypatch.setattr(platform_check.missing_libraries, "__defaults__", (None, None, load))

    def no_qt(*_args):
        raise AssertionError("Qt was started although its platform plugin would abort")

    monkeypatch.setattr(app_module, "application", no_qt)

    assert app_module.run_app(["--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "libxcb-keysyms.so.1" in err
    assert "sudo apt install libxcb-keysyms1" in err
    assert not (tmp_path / "data").exists()  # the journal was not touched
