"""Guards against Qt binding bugs that would crash the app in a person's hands."""

import sys

import pytest
from PySide6.QtWidgets import QWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_that_return_nothing_keep_none_alive(qapp):
    """PySide6 6.12.0 dropped a reference to None on every call of a void method; on Python
    3.11 the interpreter aborts ("deallocating None") after some tens of thousands of calls,
    which a journal session reaches in minutes. pyproject.toml excludes that release."""
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 10
