"""Every command of the main window in one table: its menu, text, keys and what it does.

The window builds its actions and menus from ``ACTIONS``; Help → Keyboard shortcuts lists the
same rows; and a test checks README's key table against ``readme_rows()``. Keys handled by the
journal pane itself (kind keys, the Reflection box) are rows with ``built=False``: listed
everywhere a person looks for keys, but never made into menu actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenuBar, QWidget

# Menus in menu-bar order; "Journal pane" collects keys that are not menu actions.
MENUS = ("File", "Edit", "Film", "Entry", "View", "Help")
MENU_TITLES = {
    "File": "&File",
    "Edit": "&Edit",
    "Film": "F&ilm",
    "Entry": "E&ntry",
    "View": "&View",
    "Help": "&Help",
}
PANE = "Journal pane"


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    text: str  # with its & mnemonic
    keys: tuple[str, ...] = ()  # portable text, as QKeySequence reads it
    description: str = ""
    separator_before: bool = False
    built: bool = True  # False: a key the journal pane handles, shown but not a menu action
    keys_label: str = ""  # how to write ``keys`` for a person when listing each is too long
    app_wide: bool = False  # the key works in every window of the app, text fields included

    @property
    def label(self) -> str:
        return self.text.replace("&&", "\0").replace("&", "").replace("\0", "&")

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(key) for key in self.keys]

    def keys_text(self) -> str:
        return self.keys_label or " / ".join(self.keys)


A = ActionSpec
ACTIONS: tuple[ActionSpec, ...] = (
    A("export_film", "File", "Export film to &Markdown…", ("Ctrl+E",),
      "export the current film to Markdown"),
    A("export_all", "File", "Export &all to Markdown…", (), "one .md file per film"),
    A("export_json", "File", "Export journal (&JSON)…", (), "the whole journal, lossless"),
    A("export_letterboxd", "File", "Export for Letter&boxd…", (),
      "one CSV row per viewing, for Letterboxd's importer"),
    A("import_json", "File", "&Import journal (JSON)…", (),
      "add what is new from a journal JSON file", separator_before=True),
    A("import_letterboxd", "File", "Import from &Letterboxd…", (),
      "your Letterboxd diary, ratings, tags and reviews (shows what it adds first)"),
    A("restore", "File", "&Restore from backup…", (),
      "replace the journal with a backup (the current one is backed up first)"),
    A("open_data", "File", "Open &data folder", (), "where the journal and backups live",
      separator_before=True),
    A("quit", "File", "&Quit", ("Ctrl+Q",), "quit (anything still being typed is written first)",
      separator_before=True),
    A("undo", "Edit", "&Undo", ("Ctrl+Z",),
      "undo (films, viewings, entries, motifs)"),
    A("redo", "Edit", "&Redo", ("Ctrl+Shift+Z",), "redo what was undone"),
    A("find", "Edit", "&Search the journal…", ("Ctrl+F",),
      "search the whole journal; Enter opens the entry", separator_before=True),
    A("filter", "Edit", "&Filter films", ("Ctrl+L",), "filter the film list"),
    A("new_film", "Film", "&New film…", ("Ctrl+Shift+N",),
      "new film (title first; Enter adds it)"),
    A("edit_film", "Film", "&Edit film…", ("Ctrl+Shift+E",),
      "edit the film's title, year, director, runtime, link and notes"),
    A("new_viewing", "Film", "New &viewing", ("Ctrl+Alt+N",),
      "another watch of this film, dated today"),
    A("subtitles", "Film", "&Subtitles…", (),
      "attach the film's subtitles, fit them to your copy, or remove them",
      separator_before=True),
    A("silences_refrains", "Film", "Silences && &refrains…", (),
      "the film's stretches without dialogue and the phrases it repeats"),
    A("delete_film", "Film", "&Delete film…", ("Del",),
      "in the film list: delete the film (it asks first)", separator_before=True),
    A("new_entry", "Entry", "&New entry", ("Ctrl+N",),
      "new entry in the current viewing — position prefilled with the last one used; "
      "a viewing dated today is started if the film has none"),
    A("save_next", "Entry", "&Save entry and start the next", ("Ctrl+Return", "Ctrl+Enter"),
      "save this entry and start the next at the same position", keys_label="Ctrl+Return"),
    A("quote_line", "Entry", "&Quote the line", ("Ctrl+D",),
      "add the subtitle line at the entry's position as a Dialogue entry quoting it"),
    A("delete_entry", "Entry", "&Delete entry", ("Del",), "delete the selected entry",
      separator_before=True),
    A("motifs", "View", "&Motifs", ("Ctrl+Shift+M",),
      "the motifs panel: every motif, where it recurs, rename / merge / delete"),
    A("prompts_shown", "View", "Reflection &prompts", (),
      "show reflection prompts with the reflection and in the entry text (remembered)",
      separator_before=True),
    A("next_prompt", "View", "&Next prompt", ("Ctrl+Shift+P",),
      "ask the next reflection prompt for this viewing"),
    A("edit_prompts", "View", "&Edit prompts…", (),
      "add, edit, hide, reorder or restore the reflection prompts"),
    A("statistics", "View", "S&tatistics…", (),
      "films and viewings per month, motifs, kinds of entries, rewatches, intensity",
      separator_before=True),
    # --- watch along (ui/watch/) ---
    A("watch_along", "View", "&Watch along", ("Ctrl+Shift+W",),
      "watch along: a small window with the running time, beside the player (again: leave)",
      separator_before=True, app_wide=True),
    A("stamp", "View", "&Stamp the moment", ("Ctrl+Space",),
      "while watching along, from anywhere: stamp the time of the key press minus the "
      "reaction lag; type a line, Enter saves, Esc keeps a bare marker", app_wide=True),
    A("watch_play", "View", "Start / pause the c&lock or player", ("Ctrl+Shift+Space",),
      "while watching along: start or pause the clock (or the player)", app_wide=True),
    A("resync", "Entry", "Re-s&ync entries…", (),
      "shift the viewing's entries by ±N s, or scale them to a copy at another frame rate"),
    A("mpv_stamp", PANE, "Stamp inside mpv", ("Ctrl+J",),
      "inside a connected mpv (even fullscreen): stamp, as Ctrl+Space does", built=False),
    # --- end of watch along ---
    A("shortcuts", "Help", "&Keyboard shortcuts", ("Ctrl+?",), "this list of every key (Help → Keyboard shortcuts)"),
    A("about", "Help", "&About Reflective Journal", (), "version and where the journal is kept",
      separator_before=True),
    A("entry_kind", PANE, "Entry kind", tuple(f"Alt+{n}" for n in range(1, 7)),
      "entry kind: pause, motif, dialogue, reaction, scene, note", built=False,
      keys_label="Alt+1 … Alt+6"),
    A("reflection", PANE, "Go to the reflection", ("Ctrl+R",),
      "move to the viewing's Reflection box", built=False),
    A("compare_viewings", PANE, "Compare viewings", ("Ctrl+Shift+C",),
      "compare viewings: every viewing of the film on one time axis, curves overlaid "
      "(again: back to this viewing)", built=False),
    A("open_earlier", PANE, "Open the nearest earlier note", ("Ctrl+Shift+O",),
      "open what you wrote nearest this position in an earlier viewing (shown under the "
      "editor)", built=False),
)  # fmt: skip
del A


def spec(action_id: str) -> ActionSpec:
    for row in ACTIONS:
        if row.id == action_id:
            return row
    raise KeyError(action_id)


def with_keys() -> list[ActionSpec]:
    """Every row that has a key, in menu order (the journal pane's own keys last)."""
    return [row for row in ACTIONS if row.keys]


def readme_rows() -> list[tuple[str, str]]:
    """README's "Keys | Does" rows, exactly as they must read."""
    return [(row.keys_text(), row.description) for row in with_keys()]


def readme_table() -> str:
    """The README key table as Markdown (paste it when the table above changes)."""
    lines = ["| Keys | Does |", "|---|---|"]
    lines += [f"| {keys} | {does} |" for keys, does in readme_rows()]
    return "\n".join(lines)


def build_actions(
    owner: QWidget, slots: Mapping[str, Callable[..., object]], undo_stack: QUndoStack
) -> dict[str, QAction]:
    """A QAction for every built row, added to ``owner`` (so its keys work anywhere in it):
    Undo and Redo from ``undo_stack``, the rest triggering ``slots[row.id]``."""
    actions: dict[str, QAction] = {}
    for row in ACTIONS:
        if not row.built:
            continue
        if row.id == "undo":
            action = undo_stack.createUndoAction(owner, row.text)
        elif row.id == "redo":
            action = undo_stack.createRedoAction(owner, row.text)
        else:
            action = QAction(row.text, owner)
            action.triggered.connect(slots[row.id])
        action.setObjectName(f"action_{row.id}")
        action.setShortcuts(row.sequences())
        if row.app_wide:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setStatusTip(row.description[:1].upper() + row.description[1:])
        owner.addAction(action)
        actions[row.id] = action
    return actions


def build_menus(
    menu_bar: QMenuBar,
    actions: Mapping[str, QAction],
    submenus_after: Mapping[str, Sequence[tuple[str, Sequence[QAction]]]] = {},  # noqa: B006
) -> None:
    """The menu bar in table order; ``submenus_after[id]`` are submenus (title, actions)
    placed right after that row's action."""
    menus = {name: menu_bar.addMenu(MENU_TITLES[name]) for name in MENUS}
    for row in ACTIONS:
        if not row.built:
            continue
        menu = menus[row.menu]
        if row.separator_before:
            menu.addSeparator()
        menu.addAction(actions[row.id])
        for title, members in submenus_after.get(row.id, ()):
            submenu = menu.addMenu(title)
            for action in members:
                submenu.addAction(action)


def choice_group(
    owner: QWidget, choices: Iterable[tuple[Any, str]], choose: Callable[[Any], object]
) -> tuple[QActionGroup, dict[Any, QAction]]:
    """Checkable actions of which one is checked (a sort column, an appearance): triggering
    the one for ``value`` calls ``choose(value)``."""
    group = QActionGroup(owner)
    found: dict[Any, QAction] = {}
    for value, label in choices:
        action = QAction(label, owner, checkable=True)
        action.triggered.connect(lambda _checked=False, v=value: choose(v))
        group.addAction(action)
        found[value] = action
    return group, found
