"""Keeping time beside whatever plays the film, so a note can be stamped at the moment.

The app embeds no video. A *time source* tells where the film is: a :class:`Clock` started at
the first frame (a cinema, a TV, a streaming tab), or a running mpv reached over its JSON IPC
socket. Every source follows :class:`TimeSource`; ``stamp`` turns a source's raw position into
the position a note is written at (minus the viewer's reaction lag) and re-syncs positions to
another copy of the film. Nothing here imports Qt; MPRIS (which needs QtDBus) lives in ``ui/``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.watch.clock import Clock
    from journal.watch.mpv import MpvSource
    from journal.watch.source import StampRequest, TimeSource, TimeSourceError

__all__ = ["Clock", "MpvSource", "StampRequest", "TimeSource", "TimeSourceError"]

# Loaded on first use: the record specs import journal.watch.stamp, and the window must not
# pay for the mpv client (sockets, threads) before anyone watches along.
_WHERE = {
    "Clock": "journal.watch.clock",
    "MpvSource": "journal.watch.mpv",
    "StampRequest": "journal.watch.source",
    "TimeSource": "journal.watch.source",
    "TimeSourceError": "journal.watch.source",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'journal.watch' has no attribute {name!r}")
