"""Domain errors. Every message is meant to be read by a person and acted on."""


class JournalError(Exception):
    """Base class for every error the journal raises on purpose."""


class ValidationError(JournalError):
    """A value was rejected at the edge; nothing was written.

    ``field`` names the offending field (or JSON path) so a form can point at it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.reason = message


class NotFoundError(JournalError):
    """A record the caller named no longer exists (deleted elsewhere, or a stale id)."""


class ConflictError(JournalError):
    """The write would break a uniqueness rule (for example a motif name already in use)."""


class StorageError(JournalError):
    """The journal file cannot be used: damaged, from a newer version, or locked."""
