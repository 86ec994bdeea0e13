"""One table builds the menus, the Help → Keyboard shortcuts window and README's key table:
these tests keep the three from disagreeing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from ui import actions

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_key_rows() -> list[tuple[str, str]]:
    """The rows of the "Keys | Does" table in README's "Using the app" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Using the app", 1)[1].split("\n## ", 1)[0]
    rows = []
    in_table = False
    for line in section.splitlines():
        if line.startswith("| Keys | Does |"):
            in_table = True
            continue
        if in_table and re.fullmatch(r"\|-+\|-+\|", line):
            continue
        if in_table and line.startswith("|"):
            keys, does = (cell.strip() for cell in line.strip("|").split("|", 1))
            rows.append((keys, does))
        elif in_table:
            break
    return rows


def test_the_readme_key_table_is_the_action_table():
    assert readme_key_rows() == actions.readme_rows()
    keys = " ".join(k for k, _ in readme_key_rows())
    assert "Ctrl+Alt+N" in keys  # once missing from the README


def test_every_key_of_the_table_is_on_its_menu_action(window):
    menus = {}
    for top in window.menuBar().actions():
        menus[top.text().replace("&", "")] = [a for a in top.menu().actions() if a.text()]
    for row in actions.ACTIONS:
        if not row.built:
            continue
        action = window.actions_by_id[row.id]
        assert action.shortcuts() == row.sequences(), row.id
        assert action in menus[row.menu], f"{row.id} is not in the {row.menu} menu"
    # The journal pane's own keys are listed but never made into window actions (they would
    # take the key from the pane).
    pane_keys = {seq for row in actions.ACTIONS if not row.built for seq in row.sequences()}
    window_keys = {seq for a in window.actions() for seq in a.shortcuts()}
    assert pane_keys and not (pane_keys & window_keys)
    # Nothing with a key is missing from the table.
    for action in window.actions():
        if action.shortcuts():
            assert action in window.actions_by_id.values(), action.text()


def test_keys_are_not_given_twice_except_del_in_its_two_places():
    seen: dict[str, str] = {}
    for row in actions.ACTIONS:
        for key in row.keys:
            portable = QKeySequence(key).toString()
            assert portable, f"{key!r} is not a key Qt reads"
            if portable in seen:
                assert {seen[portable], row.id} == {"delete_film", "delete_entry"}, key
            seen[portable] = row.id


def test_help_keyboard_shortcuts_lists_every_key(window, qtbot):
    from ui.dialogs.shortcuts import ShortcutsDialog

    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    listed = dialog.rows()
    assert len(listed) == len(actions.with_keys())
    commands = [command for _keys, command, _does in listed]
    assert "New viewing" in commands and "Go to the reflection" in commands
    keys = [k for k, _c, _d in listed]
    assert "Alt+1 … Alt+6" in keys
    assert QKeySequence("Ctrl+Alt+N").toString(QKeySequence.SequenceFormat.NativeText) in keys
    # Asking again raises the same window rather than opening a second.
    window.shortcuts_action.trigger()
    assert len(window.findChildren(ShortcutsDialog)) == 1
    dialog.close()


def test_ctrl_question_mark_opens_the_shortcuts_window(window, qtbot):
    from PySide6.QtCore import Qt

    from ui.dialogs.shortcuts import ShortcutsDialog

    qtbot.keyClick(window, Qt.Key.Key_Question, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()
