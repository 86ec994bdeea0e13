"""Alembic migrations, packaged with the app and run when a journal is opened.

``REVISIONS`` lists every revision this version knows, oldest first; a test keeps it equal
to Alembic's own history so that opening an up-to-date journal never has to import Alembic.
"""

REVISIONS: tuple[str, ...] = ("0001_initial",)
HEAD = REVISIONS[-1]
