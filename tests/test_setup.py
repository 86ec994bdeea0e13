"""Setup as a newcomer meets it: `make run` installs the app, not the test tools."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "pytest-qt", "hypothesis", "ruff", "build", "markdown-it-py"}


def _runtime_closure(name: str) -> set[str]:
    """Every distribution installing ``name`` without extras pulls in (from installed metadata)."""
    seen: set[str] = set()
    pending = [canonicalize_name(name)]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            requirements = distribution(current).requires or []
        except PackageNotFoundError:
            continue
        for text in requirements:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(canonicalize_name(requirement.name))
    return seen


def test_the_app_needs_none_of_the_test_tools():
    closure = _runtime_closure("reflective-journal")
    assert "pyside6-essentials" in closure and "sqlmodel" in closure
    assert "pyside6-addons" not in closure  # the meta-package's extras the app never imports
    assert closure.isdisjoint(TEST_TOOLS), closure & TEST_TOOLS


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_installs_the_app_without_its_test_extra():
    plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in plan.splitlines() if re.search(r"pip install", line)]
    assert installs, plan
    assert all("[test]" not in line for line in installs), installs
    assert any(line.rstrip().endswith("-e .") for line in installs), installs

    test_plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "-e '.[test]'" in test_plan
