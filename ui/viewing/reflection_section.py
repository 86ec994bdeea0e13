"""The reflection and the reflection prompts, as one section of the journal page.

Where the page is wide the questions sit beside the reflection; where it is not, the two are
tabs of one section ("Reflection" · "Prompts"), so the reflection keeps the page's full width
and the questions are one key (or click) away. Either way the section's height is the
reflection's (the journal pane asks for it: ``JournalView._fit_reflection``); the questions
scroll within it rather than push the entries down.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabBar, QVBoxLayout, QWidget

from ui.prompts.panel import PromptsPanel
from ui.viewing.reflection import ReflectionEdit
from ui.widgets import ElidedLabel, muted

REFLECTION, PROMPTS = range(2)
# Below this width the prompts become a tab: beside, the reflection would be narrower than a
# comfortable line to write in.
BESIDE_WIDTH = 1000


class _LineLabel(ElidedLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ReflectionSection(QWidget):
    """See the module docstring."""

    layout_changed = Signal()  # beside ↔ tabs, or the other tab chosen: heights change
    reflection_requested = Signal()  # the folded section's line clicked: open the reflection

    def __init__(
        self, reflection: ReflectionEdit, prompts: PromptsPanel, key: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reflectionSection")
        self.reflection = reflection
        self.prompts = prompts
        self._prompts_on = True
        self._beside = False
        self._folded = False

        self.heading = QLabel("Reflection", self)
        self.heading.setObjectName("sectionHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setBuddy(reflection)
        self.heading.setToolTip(f"{key} moves here")
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("reflectionTabs")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab("Reflection")
        self.tabs.addTab("Prompts")
        self.tabs.setTabToolTip(REFLECTION, f"The viewing's reflection ({key})")
        self.tabs.setTabToolTip(PROMPTS, "Questions to write from — answer any, skip any")
        self.tabs.setFont(font)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._key = key
        self.hint = _LineLabel(key, self)
        muted(self.hint)
        self.hint.clicked.connect(self._on_line_clicked)
        self.tabs.tabBarClicked.connect(self._on_tab_clicked)
        reflection.textChanged.connect(self._update_line)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        top.addWidget(self.heading)
        top.addWidget(self.tabs)
        top.addWidget(self.hint, 1)
        self._top = top
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(14)
        body.addWidget(reflection, 3)
        body.addWidget(prompts, 2)
        reflection.setParent(self)
        prompts.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(body)
        self._apply()

    # --- what shows ----------------------------------------------------------------------------

    def set_prompts_on(self, on: bool) -> None:
        """View → Reflection prompts: with them off the section is the reflection alone."""
        if on != self._prompts_on:
            self._prompts_on = on
            self._apply()

    def is_beside(self) -> bool:
        """The questions beside the reflection (a wide page), not a tab."""
        return self._beside

    def showing_prompts(self) -> bool:
        """The questions are in view (beside the reflection, or their tab chosen)."""
        return self._prompts_on and (self._beside or self.tabs.currentIndex() == PROMPTS)

    def show_reflection(self) -> None:
        self.tabs.setCurrentIndex(REFLECTION)

    def show_prompts(self) -> None:
        """Bring the questions into view (their tab, where they are one)."""
        if self._prompts_on:
            self.tabs.setCurrentIndex(PROMPTS)

    def set_folded(self, folded: bool) -> None:
        """On a very low window, while the entries are being written: the section is its
        heading line, with the reflection's first words in it (a click, or the key, opens it)."""
        if folded != self._folded:
            self._folded = folded
            self._apply()

    def is_folded(self) -> bool:
        return self._folded

    def top_height(self) -> int:
        """The heading line's height (above the box)."""
        shown = self.tabs if self.tabs.isVisibleTo(self) else self.heading
        return max(shown.sizeHint().height(), self.hint.sizeHint().height()) + 4

    # --- inside --------------------------------------------------------------------------------

    def _apply(self) -> None:
        tabs = self._prompts_on and not self._beside
        self.tabs.setVisible(tabs)
        self.heading.setVisible(not tabs)
        self.prompts.heading.setVisible(self._beside)
        # As tabs, the questions' "Another" and "Edit…" sit on the section's heading line
        # (shown with the questions): their own line would only hold them.
        for button in (self.prompts.next_button, self.prompts.edit_button):
            self._top.removeWidget(button)
            self.prompts.top.removeWidget(button)
            (self.prompts.top if not tabs else self._top).addWidget(button)
        on_tab = tabs and self.tabs.currentIndex() == PROMPTS and not self._folded
        for button in (self.prompts.next_button, self.prompts.edit_button):
            button.setVisible(self._prompts_on and (self._beside or on_tab))
        on_prompts = tabs and self.tabs.currentIndex() == PROMPTS
        self.reflection.setVisible(not on_prompts and not self._folded)
        self.prompts.setVisible(
            self._prompts_on and (self._beside or on_prompts) and not self._folded
        )
        self._update_line()
        self.layout_changed.emit()

    def _update_line(self) -> None:
        """The heading line's hint: the key, or (folded) the reflection's first words."""
        if not self._folded:
            self.hint.set_full_text(self._key)
            self.hint.setToolTip("")
            return
        text = " ".join(self.reflection.toPlainText().split())
        self.hint.set_full_text(
            f"{text} — {self._key}" if text else f"Nothing written yet — {self._key}"
        )
        self.hint.setToolTip("Open the reflection")

    def _on_line_clicked(self) -> None:
        if self._folded:
            self.show_reflection()
            self.reflection_requested.emit()

    def _on_tab_clicked(self, index: int) -> None:
        if index == REFLECTION and self._folded:
            self.reflection_requested.emit()

    def _on_tab_changed(self, _index: int) -> None:
        self._apply()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        beside = event.size().width() >= BESIDE_WIDTH
        if beside != self._beside:
            self._beside = beside
            self._apply()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Narrow enough for the tabs shape; the section picks its shape from its width.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 240), hint.height())
