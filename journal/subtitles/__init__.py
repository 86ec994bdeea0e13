"""Subtitles read for what a film repeats and what it leaves unsaid.

Qt-free and store-free: plain functions over :class:`Cue` values.

- :mod:`journal.subtitles.reading` turns a subtitle file into cues and a report of what was kept.
- :mod:`journal.subtitles.align` shifts and rescales cue times.
- :mod:`journal.subtitles.analysis` finds the line at a moment, the stretches without dialogue
  and the phrases the film repeats.
"""

from journal.subtitles.cues import Cue, SubtitleError

__all__ = ["Cue", "SubtitleError"]
