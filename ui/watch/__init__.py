"""Watching along: keep time beside whatever plays the film and stamp the moment.

``mode`` is the controller (the time source, the reaction lag, stamps and their quick entry),
``window`` the compact watch window, ``mpris`` the MPRIS players over QtDBus, ``resync`` the
dialog and undo command that move a viewing's entries to another copy of the film. The time
sources themselves live in ``journal/watch/`` (no Qt).
"""
