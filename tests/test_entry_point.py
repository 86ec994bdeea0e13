"""The entry point: a command runs the command line without loading Qt; the bare command
opens the app; ``journal/`` never imports ``ui/``."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_the_journal_package_never_imports_the_user_interface():
    offenders = []
    for path in (REPO / "journal").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name == "ui" or name.startswith(("ui.", "PySide6")):
                    offenders.append(f"{path.relative_to(REPO)}: {name}")
    assert offenders == []


def test_a_command_loads_no_qt(tmp_path):
    script = (
        "import sys\n"
        "from ui.launch import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'data')!r}, 'check'])\n"
        "print(code, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["1", "False"]  # no journal there yet: an error, no Qt
    assert "no journal" in result.stderr


def test_the_bare_command_starts_the_app_on_the_data_dir_given_once(tmp_path, monkeypatch):
    import journal.db as db
    import ui.app as app_module
    from ui import launch

    seen: dict[str, object] = {}
    monkeypatch.setattr(db, "inspect_early", lambda path: seen.setdefault("inspected", path))
    monkeypatch.setattr(
        app_module,
        "start_app",
        lambda data_dir, qt_args, mpv_socket=None: (
            seen.update(started=(data_dir, qt_args, mpv_socket)) or 0
        ),
    )
    assert launch.main(["--data-dir", str(tmp_path / "j"), "-style", "fusion"]) == 0
    assert seen["inspected"] == tmp_path / "j" / "journal.sqlite3"
    assert seen["started"] == (tmp_path / "j", ["-style", "fusion"], None)
    # --mpv SOCKET starts the app watching along with that mpv (a socket named like a
    # command is still a socket, not a command).
    assert launch.main(["--mpv", "check", "--data-dir", str(tmp_path / "j")]) == 0
    assert seen["started"] == (tmp_path / "j", [], "check")
    assert launch.main([f"--mpv={tmp_path / 'mpv.sock'}", "--data-dir", str(tmp_path / "j")]) == 0
    assert seen["started"] == (tmp_path / "j", [], str(tmp_path / "mpv.sock"))


def test_python_m_journal_is_the_command_line(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    bare = subprocess.run(
        [sys.executable, "-m", "journal"], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert bare.returncode == 0
    assert "reflective-journal" in bare.stdout and "python -m ui" in bare.stderr


@pytest.mark.parametrize("module", ["ui"])
def test_python_m_ui_runs_commands_too(tmp_path, module):
    result = subprocess.run(
        [sys.executable, "-m", module, "--data-dir", str(tmp_path / "d"), "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "no journal" in result.stderr
