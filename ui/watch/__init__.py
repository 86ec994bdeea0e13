"""Watching along: keep time beside whatever plays the film and stamp the moment.

``mode`` is the controller (the reaction lag, stamps and their quick entry) and ``sources``
its choice of time source; ``window`` is the compact watch window, ``mpris`` the MPRIS
players over QtDBus, and ``resync`` the dialog and undo command that move a viewing's entries
to another copy of the film. The time sources themselves live in ``journal/watch/`` (no Qt).
"""
