"""The watch window: compact and calm, small enough to sit beside a player.

It shows the film, the viewing, the running time (large), the time source and its state, the
kind of the next stamp, the reaction lag and the last few stamps. A stamp opens a one-line
quick entry at the captured position (Enter saves, Esc keeps a bare marker). Everything it
does goes through :class:`ui.watch.mode.WatchMode`; it holds no journal data of its own.

Just over 400 lines on purpose: one small window's layout, its keys and its quick entry read best together.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal import timecode
from journal.fields import ENTRY_KINDS, KIND_LABELS
from journal.watch import MpvSource
from journal.watch.stamp import MAX_LAG_MS
from ui.watch.mode import ON_TOP_KEY, PendingStamp, WatchMode, read_flag

MPV_SOCKET_KEY = "watch/mpv_socket"
MPV_FOLDER_KEY = "watch/media_folder"
UNKNOWN_TIME = "–:––:––"
LAG_STEP_MS = 500


def _lag_text(lag_ms: int) -> str:
    return f"{lag_ms / 1000:g} s"


class WatchWindow(QWidget):
    """A tool-sized window of its own (it may stay on top of the player)."""

    def __init__(self, mode: WatchMode, host: QWidget) -> None:
        super().__init__(host, Qt.WindowType.Window)
        self.mode = mode
        self.settings: QSettings = mode.settings
        self.setObjectName("watchWindow")
        self.setWindowTitle("Watch along")
        self._sync_read_at: float | None = None
        self._build()
        self._connect()
        on_top = read_flag(self.settings, ON_TOP_KEY, True)
        self.on_top_button.setChecked(on_top)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        self.refresh()
        self.resize(380, self.sizeHint().height())

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.film_label = QLabel(self)
        self.film_label.setObjectName("watchFilm")
        bold = self.film_label.font()
        bold.setBold(True)
        self.film_label.setFont(bold)
        self.on_top_button = QToolButton(self)
        self.on_top_button.setText("Stay on top")
        self.on_top_button.setCheckable(True)
        self.on_top_button.setToolTip("Keep this window above the player")
        self.on_top_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.on_top_button.setAutoRaise(True)
        top.addWidget(self.film_label, 1)
        top.addWidget(self.on_top_button)
        layout.addLayout(top)

        self.viewing_label = QLabel(self)
        self.viewing_label.setObjectName("watchViewing")
        self.viewing_label.setEnabled(False)  # the quieter colour of secondary text
        layout.addWidget(self.viewing_label)

        self.time_label = QLabel(UNKNOWN_TIME, self)
        self.time_label.setObjectName("watchTime")
        big = QFont(self.font())
        big.setPointSizeF(max(28.0, self.font().pointSizeF() * 3.2))
        big.setStyleHint(QFont.StyleHint.Monospace)
        big.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "monospace"])
        self.time_label.setFont(big)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_label.setAccessibleName("Running time")
        layout.addWidget(self.time_label)

        self.state_label = QLabel(self)
        self.state_label.setObjectName("watchState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.state_label)

        controls = QHBoxLayout()
        self.play_button = QPushButton("Start", self)
        self.play_button.setToolTip("Start or pause the clock or the player (Ctrl+Shift+Space)")
        self.sync_button = QPushButton("Sync…", self)
        self.sync_button.setToolTip("Set the clock to the time the player shows")
        self.source_button = QToolButton(self)
        self.source_button.setText("Source")
        self.source_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.source_menu = QMenu(self)
        self.source_button.setMenu(self.source_menu)
        self.lag = QComboBox(self)
        self.lag.setObjectName("watchLag")
        for lag_ms in range(0, MAX_LAG_MS + 1, LAG_STEP_MS):
            self.lag.addItem(_lag_text(lag_ms), lag_ms)
        self.lag.setToolTip(
            "Reaction lag, taken off every stamp: you press the key a moment after the moment"
        )
        lag_label = QLabel("&Lag", self)
        lag_label.setBuddy(self.lag)
        controls.addWidget(self.play_button)
        controls.addWidget(self.sync_button)
        controls.addWidget(self.source_button)
        controls.addStretch(1)
        controls.addWidget(lag_label)
        controls.addWidget(self.lag)
        layout.addLayout(controls)

        self.sync_row = QWidget(self)
        sync_layout = QHBoxLayout(self.sync_row)
        sync_layout.setContentsMargins(0, 0, 0, 0)
        self.sync_edit = QLineEdit(self.sync_row)
        self.sync_edit.setPlaceholderText("The time the player shows, e.g. 0:42:10")
        sync_layout.addWidget(QLabel("Player shows", self.sync_row))
        sync_layout.addWidget(self.sync_edit, 1)
        self.sync_row.hide()
        layout.addWidget(self.sync_row)

        kinds = QHBoxLayout()
        kinds.setSpacing(2)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QToolButton] = {}
        for number, kind in enumerate(ENTRY_KINDS, 1):
            button = QToolButton(self)
            button.setText(KIND_LABELS[kind])
            button.setCheckable(True)
            button.setToolTip(f"Alt+{number}: stamp as {KIND_LABELS[kind]}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            self.kind_group.addButton(button, number)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda k=kind: self.mode.set_kind(k))
        kinds.addStretch(1)
        layout.addLayout(kinds)

        self.quick_row = QWidget(self)
        quick_layout = QVBoxLayout(self.quick_row)
        quick_layout.setContentsMargins(0, 4, 0, 0)
        quick_layout.setSpacing(2)
        self.quick_label = QLabel(self.quick_row)
        self.quick_label.setObjectName("watchQuickLabel")
        self.quick_edit = QLineEdit(self.quick_row)
        self.quick_edit.setObjectName("watchQuickEntry")
        self.quick_edit.setPlaceholderText("A line — Enter saves, Esc keeps a marker")
        quick_layout.addWidget(self.quick_label)
        quick_layout.addWidget(self.quick_edit)
        self.quick_row.hide()
        layout.addWidget(self.quick_row)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("watchProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.recent_title = QLabel("Last stamps", self)
        self.recent_title.setEnabled(False)
        layout.addWidget(self.recent_title)
        self.recent_label = QLabel(self)
        self.recent_label.setObjectName("watchRecent")
        self.recent_label.setTextFormat(Qt.TextFormat.PlainText)
        self.recent_label.setWordWrap(False)
        layout.addWidget(self.recent_label)
        self.hint = QLabel("Ctrl+Space stamps · Alt+1…6 the kind", self)
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def _connect(self) -> None:
        mode = self.mode
        mode.changed.connect(self.refresh)
        mode.recent_changed.connect(self.refresh_recent)
        mode.stamp_opened.connect(self.open_quick_entry)
        mode.stamp_closed.connect(self.close_quick_entry)
        self.on_top_button.toggled.connect(self.set_on_top)
        self.play_button.clicked.connect(mode.toggle_play)
        self.sync_button.clicked.connect(self.open_sync)
        self.lag.currentIndexChanged.connect(lambda _i: mode.set_lag_ms(self.lag.currentData()))
        self.kind_group.idClicked.connect(lambda number: mode.set_kind(ENTRY_KINDS[number - 1]))
        self.quick_edit.returnPressed.connect(lambda: mode.save_pending(self.quick_edit.text()))
        self.quick_edit.installEventFilter(self)
        self.sync_edit.returnPressed.connect(self._apply_sync)
        self.sync_edit.installEventFilter(self)
        self.source_menu.aboutToShow.connect(self._fill_source_menu)

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        mode = self.mode
        self.film_label.setText(mode.film_title())
        viewing = mode.viewing()
        if viewing is not None:
            when = viewing.watched_on.strftime("%a %-d %b %Y")
            self.viewing_label.setText(
                f"Viewing of {when}" + (" · rewatch" if viewing.rewatch else "")
            )
            self.show_lag(viewing.lag_ms)
        source = mode.source
        self.state_label.setText(f"{source.name} · {source.state}")
        playing = source.is_playing()
        started = source is not mode.clock or mode.clock.started
        self.play_button.setText("Pause" if playing else ("Resume" if started else "Start"))
        self.sync_button.setVisible(source is mode.clock)
        self.source_button.setText(f"Source: {source.name}")
        self.kind_buttons[mode.kind].setChecked(True)
        self.show_time(mode.position_ms())
        if mode.pending is not None:
            self._show_pending(mode.pending)

    def show_lag(self, lag_ms: int) -> None:
        """Choose ``lag_ms`` in the lag list (a lag set elsewhere, off the half-second steps,
        gets an item of its own) without writing it back."""
        self.lag.blockSignals(True)
        index = self.lag.findData(lag_ms)
        if index < 0:
            index = sum(1 for i in range(self.lag.count()) if self.lag.itemData(i) < lag_ms)
            self.lag.insertItem(index, _lag_text(lag_ms), lag_ms)
        self.lag.setCurrentIndex(index)
        self.lag.blockSignals(False)

    def show_time(self, position_ms: int | None) -> None:
        self.time_label.setText(
            UNKNOWN_TIME if position_ms is None else timecode.format(position_ms)
        )
        self.state_label.setText(f"{self.mode.source.name} · {self.mode.source.state}")

    def show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        self.problem_label.setVisible(bool(message))

    def refresh_recent(self) -> None:
        rows = self.mode.recent()
        lines = []
        for entry in rows:
            text = " ".join(entry.text.split())
            if len(text) > 40:
                text = text[:39] + "…"
            label = KIND_LABELS.get(entry.kind, entry.kind)
            lines.append(f"{timecode.format(entry.position_ms)}  {label}  {text}".rstrip())
        self.recent_label.setText("\n".join(lines) if lines else "None yet")

    # --- the quick entry --------------------------------------------------------------------

    def open_quick_entry(self, pending: PendingStamp) -> None:
        self.show_problem("")
        self.quick_edit.clear()
        self._show_pending(pending)
        self.quick_row.show()
        if not self.isVisible():
            self.show()
        self.raise_()
        self.activateWindow()
        self.quick_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_pending(self, pending: PendingStamp) -> None:
        label = KIND_LABELS.get(pending.kind, pending.kind)
        lag = pending.raw_position_ms - pending.position_ms
        self.quick_label.setText(
            f"{timecode.format(pending.position_ms)} · {label}"
            + (
                f"  (pressed at {timecode.format(pending.raw_position_ms)}, lag {lag / 1000:g} s)"
                if lag
                else ""
            )
        )

    def close_quick_entry(self) -> None:
        self.quick_edit.clear()
        self.quick_row.hide()

    def quick_text(self) -> str:
        return self.quick_edit.text()

    # --- syncing the clock ------------------------------------------------------------------

    def open_sync(self) -> None:
        self._sync_read_at = self.mode.now()  # the moment the person looked at the player
        self.sync_edit.clear()
        self.sync_row.show()
        self.sync_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_sync(self) -> None:
        if self.mode.sync_clock(self.sync_edit.text(), self._sync_read_at):
            self.sync_row.hide()
            self.show_problem("")

    # --- sources ----------------------------------------------------------------------------

    def _fill_source_menu(self) -> None:
        menu = self.source_menu
        menu.clear()
        mode = self.mode
        clock = menu.addAction("&Clock (a cinema, a TV, any player)")
        clock.setCheckable(True)
        clock.setChecked(mode.source is mode.clock)
        clock.triggered.connect(mode.use_clock)
        start = menu.addAction("Start the clock at the first frame")
        start.triggered.connect(mode.start_clock)
        menu.addSeparator()
        menu.addAction("Connect to &mpv…").triggered.connect(self.ask_mpv_socket)
        menu.addAction("&Play a file in mpv…").triggered.connect(self.ask_media_file)
        pause = menu.addAction("Pause the player while &writing")
        pause.setCheckable(True)
        pause.setChecked(mode.pause_while_writing)
        pause.toggled.connect(mode.set_pause_while_writing)
        menu.addSeparator()
        self._add_mpris_players(menu)

    def _add_mpris_players(self, menu: QMenu) -> None:
        from ui.watch.mpris import list_players, session_bus

        bus = session_bus()
        if bus is None:
            menu.addAction("MPRIS: no session bus").setEnabled(False)
            return
        players = list_players(bus)
        if not players:
            menu.addAction("MPRIS: no player is running").setEnabled(False)
        for player in players:
            if player.reports_position:
                action = menu.addAction(f"MPRIS: {player.identity}")
                action.triggered.connect(lambda _=False, p=player: self.mode.use_mpris(p))
            else:
                action = menu.addAction(f"MPRIS: {player.identity} (reports no position)")
                action.setEnabled(False)

    def ask_mpv_socket(self) -> None:
        last = str(self.settings.value(MPV_SOCKET_KEY, "/tmp/mpv.sock"))
        path, ok = QInputDialog.getText(
            self,
            "Connect to mpv",
            "The socket of an mpv started with --input-ipc-server=PATH:",
            QLineEdit.EchoMode.Normal,
            last,
        )
        if ok and path.strip():
            self.settings.setValue(MPV_SOCKET_KEY, path.strip())
            self.mode.connect_mpv(path.strip())

    def ask_media_file(self) -> None:
        folder = str(self.settings.value(MPV_FOLDER_KEY, ""))
        path, _ = QFileDialog.getOpenFileName(self, "Play a file in mpv", folder)
        if path:
            from pathlib import Path

            self.settings.setValue(MPV_FOLDER_KEY, str(Path(path).parent))
            self.mode.launch_mpv(path)

    # --- window -----------------------------------------------------------------------------

    def set_on_top(self, on: bool) -> None:
        """Keep the window above others (the player) or not; remembered."""
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self.show()  # changing a window flag hides the window
        self.settings.setValue(ON_TOP_KEY, on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                if watched is self.quick_edit:
                    self.mode.keep_marker()
                    return True
                if watched is self.sync_edit:
                    self.sync_row.hide()
                    return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.mode.active:
            self.mode.leave()
        super().closeEvent(event)

    def source_is_mpv(self) -> bool:
        return isinstance(self.mode.source, MpvSource)
