"""The look: a calm, muted palette that follows the system's light or dark scheme, a small
palette-based stylesheet, and the app icon. Static files come from the ``resources`` package
through importlib.resources, so they work the same from a checkout and from a wheel.
"""

from __future__ import annotations

from importlib import resources as importlib_resources

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

ICON_NAME = "icon.svg"
# View → Appearance: follow the system, or keep one scheme whatever the system says.
APPEARANCES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
STYLESHEET_NAME = "style.qss"

# Warm paper and ink, with one quiet slate-blue accent. Few colours on purpose: everything else
# in the stylesheet is derived from the palette.
LIGHT = {
    "window": "#f3f1ec",
    "base": "#fbfaf7",
    "alternate": "#f0ede6",
    "text": "#2c2b28",
    "muted": "#76726a",
    "button": "#ebe8e1",
    "mid": "#cfcac0",
    "dark": "#a8a296",
    "highlight": "#5f7d8c",
    "highlighted_text": "#ffffff",
    "link": "#3f6474",
    "tooltip": "#fffdf6",
    "error": "#a4442c",
}
# The same paper-and-ink calm after dark: warm charcoal rather than black, ink a little softer
# than white, and a slate accent dimmed so a selected row does not glare.
DARK = {
    "window": "#272623",
    "base": "#1f1e1c",
    "alternate": "#252421",
    "text": "#dedacf",
    "muted": "#99948a",
    "button": "#312f2b",
    "mid": "#4a4740",
    "dark": "#161513",
    "highlight": "#587583",
    "highlighted_text": "#f4f1ea",
    "link": "#9cbccb",
    "tooltip": "#312f2b",
    "error": "#dc917c",
}


def resource_text(name: str) -> str:
    return importlib_resources.files("resources").joinpath(name).read_text(encoding="utf-8")


def app_icon() -> QIcon:
    """The app icon from resources/icon.svg (an empty icon if the file is missing)."""
    traversable = importlib_resources.files("resources").joinpath(ICON_NAME)
    # Installed packages are plain folders, so the file is used in place; a zipped install
    # would get a temporary copy that lives as long as the process.
    with importlib_resources.as_file(traversable) as path:
        icon = QIcon(str(path))
        icon.pixmap(64, 64)  # render now, while the file certainly exists
    return icon


def is_dark_scheme() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    # Unknown scheme: judge by the platform's own window colour.
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def stylesheet(dark: bool) -> str:
    """resources/style.qss with its one scheme-dependent colour filled in."""
    colours = DARK if dark else LIGHT
    return resource_text(STYLESHEET_NAME).replace("@error", colours["error"])


def build_palette(dark: bool) -> QPalette:
    colours = DARK if dark else LIGHT
    palette = QPalette()
    role = QPalette.ColorRole

    def put(which: QPalette.ColorRole, name: str) -> None:
        palette.setColor(which, QColor(colours[name]))

    put(role.Window, "window")
    put(role.WindowText, "text")
    put(role.Base, "base")
    put(role.AlternateBase, "alternate")
    put(role.Text, "text")
    put(role.Button, "button")
    put(role.ButtonText, "text")
    put(role.BrightText, "highlighted_text")
    put(role.Mid, "mid")
    put(role.Midlight, "alternate")
    put(role.Light, "base")
    put(role.Dark, "dark")
    put(role.Shadow, "dark")
    put(role.Highlight, "highlight")
    put(role.HighlightedText, "highlighted_text")
    put(role.Link, "link")
    put(role.LinkVisited, "link")
    put(role.ToolTipBase, "tooltip")
    put(role.ToolTipText, "text")
    put(role.PlaceholderText, "muted")
    accent = getattr(role, "Accent", None)
    if accent is not None:
        put(accent, "highlight")
    disabled = QPalette.ColorGroup.Disabled
    muted = QColor(colours["muted"])
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, which, muted)
    palette.setColor(disabled, role.Highlight, QColor(colours["mid"]))
    return palette


class Theme(QObject):
    """Applies the palette and stylesheet; in "system" mode re-applies them when the system
    scheme flips, in "light" or "dark" mode keeps that scheme."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dark = False
        self.mode = "system"
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_scheme_changed)

    def apply(self, dark: bool | None = None) -> None:
        if dark is None:
            dark = {"light": False, "dark": True}.get(self.mode)
        self.dark = is_dark_scheme() if dark is None else dark
        self.app.setStyle("Fusion")
        self.app.setPalette(build_palette(self.dark))
        self.app.setStyleSheet(stylesheet(self.dark))

    def set_mode(self, mode: str) -> None:
        """ "system", "light" or "dark" (anything else is taken as "system")."""
        self.mode = mode if mode in APPEARANCES else "system"
        self.apply()

    def _on_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.mode != "system":
            return
        if scheme == Qt.ColorScheme.Dark:
            self.apply(dark=True)
        elif scheme == Qt.ColorScheme.Light:
            self.apply(dark=False)
        else:
            self.apply()


def current_theme(app: QApplication) -> Theme | None:
    """The theme applied to ``app``, if the look was applied at all (tests often skip it)."""
    return app.findChild(Theme)


def apply_theme(app: QApplication) -> Theme:
    """Apply the look to ``app`` (once per application; later calls re-apply it)."""
    theme = app.findChild(Theme)
    if theme is None:
        theme = Theme(app)
    theme.apply()
    return theme


def restore_appearance(app: object, mode: str) -> None:
    """At start: the saved appearance, where the look is applied at all (the app does; most
    tests do not)."""
    applied = current_theme(app) if isinstance(app, QApplication) else None
    if applied is not None and applied.mode != mode:
        applied.set_mode(mode)
