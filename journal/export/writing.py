"""Writing a set of files all or nothing: the Markdown export's film notes, motif notes and
timeline pictures (journal/export/markdown.py renders them; this writes them).

Every changed file is first written to a temporary name beside its target (``.NAME.PID.tmp``,
which journal/files.py's clean-up recognises); only when all are on disk, made durable by one
``sync`` for the whole set, are they renamed into place, each rename atomic, and then each
folder that had one is synced. A crash leaves either the old file or the new one, never a
part, and at worst temporary files that the next export's clean-up removes. Nothing is
written when a name is refused or a file cannot be written; a file that already holds exactly
its text is left alone, so exporting again touches only what changed. Should a rename itself
be refused (a note held open elsewhere), the message says how many files are new: every file
is whole, and the motif notes are renamed before the film notes that link to them.

The files are written on one thread while the caller renders the next texts: creating
thousands of small files costs the OS as much as rendering them costs Python, and the two
overlap where a second core is free.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from journal import files, rules
from journal.errors import JournalError


def prepare_folder(folder: Path) -> None:
    """Make sure ``folder`` is a writable folder, creating it (and missing parents) as 0700."""
    # A NUL or unencodable name would make the OS calls below raise ValueError.
    rules.file_path(folder, repr(os.fspath(folder)))
    if folder.exists() and not folder.is_dir():
        raise JournalError(f"{folder} is a file, not a folder; nothing was written")
    if not folder.exists():
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        try:
            for path in reversed(missing):
                path.mkdir(mode=0o700)
        except FileExistsError as exc:
            raise JournalError(
                f"{exc.filename} is a file, not a folder; nothing was written"
            ) from exc
        except OSError as exc:
            raise JournalError(
                f"cannot create the folder {folder}: {exc.strerror}; nothing was written"
            ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(f"cannot write into {folder} (permission denied); nothing was written")


def write_all(folder: Path, names: list[str], texts: Iterable[str]) -> list[Path]:
    """Write each text under its name in ``folder``; return the paths in the same order.

    All or nothing: every changed file is first written to a temporary name; only when all
    are on disk are they renamed into place. The data is made durable with one ``sync`` for
    the whole batch rather than an fsync per file (2,000 of those took seconds), then each
    rename is atomic, and each folder that had one is synced once after the last. A file
    that already holds exactly the text is left alone, so exporting again into a vault
    touches only the films that changed. Refuses before writing anything if a folder
    already has one of the names.
    """
    targets = [folder / name for name in names]
    present = present_names({target.parent for target in targets})
    refuse_folders(targets, present)
    batches: list[Future[_Batch]] = []
    written: list[tuple[Path, Path]] = []
    try:
        try:
            # One thread creates the files while this one renders the next texts: creating
            # a file costs more than rendering one on some file systems, and the calls into
            # the OS release the interpreter for the renderer. Files go over in batches, so
            # that handing them over costs little beside writing them.
            with ThreadPoolExecutor(max_workers=1) as writer:
                batch: list[tuple[Path, str, bool]] = []
                for target, text in zip(targets, texts, strict=True):
                    maybe_present = present is None or _name_key(target.name) in present
                    batch.append((target, text, maybe_present))
                    if len(batch) == _BATCH_FILES:
                        batches.append(writer.submit(_write_batch, batch))
                        batch = []
                if batch:
                    batches.append(writer.submit(_write_batch, batch))
        finally:
            # Every batch has run by now (leaving the ``with`` waits for them), also when
            # rendering failed: collect what they wrote, so that it is removed on failure.
            failure: BaseException | None = None
            for future in batches:
                done, error = future.result()
                written.extend(done)
                failure = failure or error
        if failure is not None:
            raise failure
        _make_durable([temporary for temporary, _ in written])
        _replace_all(written)
    except OSError as error:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise JournalError(
            f"could not write into {folder}: {reason}; nothing was written"
        ) from error
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    return targets


# Files handed to the writing thread at once (see write_all).
_BATCH_FILES = 32
# What a batch wrote ((temporary file, target) pairs) and the error that stopped it, if any.
_Batch = tuple[list[tuple[Path, Path]], BaseException | None]


def _write_batch(batch: list[tuple[Path, str, bool]]) -> _Batch:
    """Write a batch of ``(target, text, whether a file of that name may exist)`` to
    temporary files; stop at the first error and say what was written before it."""
    written: list[tuple[Path, Path]] = []
    for target, text, maybe_present in batch:
        try:
            temporary = _write_if_changed(target, text, maybe_present)
        except BaseException as error:  # handed to the caller's thread, which raises it
            return written, error
        if temporary is not None:
            written.append((temporary, target))
    return written, None


def refuse_folders(targets: Iterable[Path], present: set[str] | None) -> None:
    """Refuse, before anything is written, a name that a folder already has. Only a name in
    its folder's listing (``present``, see :func:`present_names`) can be one, so only those
    are looked at (a new export folder needs no look at all)."""
    for target in targets:
        if (present is None or _name_key(target.name) in present) and target.is_dir():
            raise JournalError(
                f"{target} is a folder, so the export cannot use that name; nothing was written"
            )


def present_names(folders: Iterable[Path]) -> set[str] | None:
    """The names in ``folders``, as :func:`_name_key` compares them:
    a target not among them needs no look at an old file. None if a folder cannot be listed
    (then every target is looked at)."""
    names: set[str] = set()
    for folder in folders:
        try:
            names.update(_name_key(name) for name in os.listdir(folder))
        except OSError:
            return None
    return names


def _name_key(name: str) -> str:
    """A name as a file system may match it: case-insensitively, and in either Unicode form
    (macOS and some network drives list names decomposed, as NFD)."""
    return unicodedata.normalize("NFC", name).casefold()


def _write_if_changed(target: Path, text: str, maybe_present: bool = True) -> Path | None:
    """A temporary file holding ``text`` beside ``target``, or None if ``target`` has it.
    ``maybe_present`` False: no file of that name was in its folder, so none is looked at."""
    data = text.encode("utf-8")
    if maybe_present:
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return None
        except OSError:
            pass  # missing or unreadable: write it
    return _write_temporary(target, data)


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (mode 0600), named after it and this process;
    made durable later, with the whole batch."""
    return files.write_temporary(target, data, durable=False)


def _make_durable(paths: list[Path]) -> None:
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - platforms without sync()
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())


def _replace_all(written: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file over its target, folder by folder, then sync the folder so
    that its renames are durable too. Where the OS allows, a rename names both files inside
    the open folder, so no path is looked up again per file (an export renames thousands)."""
    by_folder: dict[Path, list[tuple[str, str]]] = {}
    for temporary, target in written:  # a temporary file is always beside its target
        by_folder.setdefault(target.parent, []).append((temporary.name, target.name))
    done = 0
    # Deepest folder first: the motif notes are new before the film notes that link to them.
    for folder, names in sorted(by_folder.items(), reverse=True):
        descriptor = _open_folder(folder)
        try:
            for old, new in names:
                if descriptor is not None and os.replace in os.supports_dir_fd:
                    os.replace(old, new, src_dir_fd=descriptor, dst_dir_fd=descriptor)
                else:
                    os.replace(folder / old, folder / new)
                done += 1
        except OSError as error:
            # Every file is whole, old or new, but not all are new: say so, truly.
            reason = error.strerror or str(error)
            raise JournalError(
                f"could not replace {folder / new}: {reason}; {done} of {len(written)} "
                "changed files have the new text and the others keep the old — export "
                "again once it can be replaced"
            ) from error
        finally:
            if descriptor is not None:
                _sync_and_close(descriptor)


def _open_folder(folder: Path) -> int | None:
    """A descriptor of ``folder`` (POSIX), or None where folders cannot be opened."""
    try:
        return os.open(folder, os.O_RDONLY)
    except OSError:
        return None


def _sync_and_close(descriptor: int) -> None:
    """Make a folder's renames durable (its own fsync; a failure to sync is not an error of
    the export: every file is whole either way), then close it."""
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
