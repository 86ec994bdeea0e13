"""Subtitles read for what a film repeats and what it leaves unsaid.

Qt-free. The domain modules are plain functions over :class:`Cue` values:

- :mod:`journal.subtitles.reading` turns a subtitle file into cues and a report of what was kept.
- :mod:`journal.subtitles.align` shifts and rescales cue times.
- :mod:`journal.subtitles.analysis` finds the line at a moment, the stretches without dialogue
  and the phrases the film repeats.

Their place in the journal:

- :mod:`journal.subtitles.storage` keeps a film's tracks and cues (tables ``subtitle_track`` and
  ``cue``, migration 0004); ``Store`` exposes it through thin methods.
- :mod:`journal.subtitles.jsonform` carries tracks in the Journal JSON document (version 2).
- :mod:`journal.subtitles.commands` is the command line's ``subtitles add``, ``silences`` and
  ``refrains``. The app's widgets live in ``ui/subtitles/``.
"""

from journal.subtitles.cues import Cue, SubtitleError

__all__ = ["Cue", "SubtitleError"]
