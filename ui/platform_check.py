"""Before Qt starts on Linux/X11: are the system libraries its xcb platform plugin loads there?

The PySide6 wheels bundle Qt itself but not the X11 client libraries. When one is missing, Qt
prints a plugin-loading error and aborts (a core dump), which tells a newcomer little. This
check tries to load each library the xcb plugin links against, the way the plugin would, and
names what is missing and the package that provides it. It runs only when Qt would use xcb:
on Linux, with an X display, and QT_QPA_PLATFORM unset or ``xcb``; it costs a few milliseconds
(the libraries it loads are the ones Qt loads next anyway).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# What Qt's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6 in the PySide6 wheel) links
# against beyond QtGui, read with `readelf -d`/`ldd`, with the Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def uses_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will start on its xcb (X11) platform plugin."""
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen == "xcb":
        return True
    # Unset: a Wayland session gets Qt's wayland plugin, which needs none of these.
    return chosen == "" and not environ.get("WAYLAND_DISPLAY")


def missing_libraries(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Callable[[str], object] = ctypes.CDLL,
) -> list[tuple[str, str]]:
    """(library, package) for each library the xcb plugin needs that cannot be loaded."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not uses_xcb(environ, platform):
        return []
    missing = []
    for library, package in XCB_LIBRARIES.items():
        try:
            load(library)
        except OSError:
            missing.append((library, package))
    return missing


def message(missing: list[tuple[str, str]]) -> str:
    """What to tell the person: what is missing, how to install it, what still works."""
    libraries = ", ".join(library for library, _ in missing)
    packages = " ".join(package for _, package in missing)
    return (
        f"reflective-journal: the desktop app cannot open a window: Qt's X11 (xcb) platform "
        f"needs system libraries that are not installed: {libraries}.\n"
        f"On Debian or Ubuntu, install them with:\n"
        f"    sudo apt install {packages}\n"
        f"(other systems: install the packages that provide these files), then start the app "
        f"again. Your journal was not opened or changed; the command-line tools "
        f"(reflective-journal --help) work without them."
    )


def report_missing_libraries(environ: Mapping[str, str] | None = None) -> bool:
    """Print what is missing to stderr and return True if Qt's xcb platform would abort."""
    missing = missing_libraries(environ)
    if missing:
        print(message(missing), file=sys.stderr)
    return bool(missing)
