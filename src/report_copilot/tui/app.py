"""`CopilotApp`: composes the screens and holds the injected service and the editing session.

The app does no work of its own: the session (`session.py`) holds the data and its checks, the
service (`report_copilot.service`, or a stand-in a test passes) drafts, compares and exports, and
the screens connect keys to both.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.lazy import Lazy
from textual.message import Message
from textual.message_pump import MessagePump

from report_copilot.tui.screens.main import MainScreen
from report_copilot.tui.session import EditSession

KEY_WAIT = 0.25
"""Seconds between checks that a key still on its way is alive (its widget was not removed)."""

HOLD_LIMIT = 5.0
"""Longest a screen may hold keys back while it moves the focus (the app never stops responding)."""

START_LIMIT = 30.0
"""Longest keys typed while the app starts are held back (a loaded machine may take seconds)."""

START_POLL = 0.02
"""Seconds between checks that every tab's content is in place at start-up."""


@dataclass
class KeyHandled(Message):
    """Sent behind a key along the same path; its arrival at the app means the key is done."""

    token: int


class CopilotApp(App[None]):
    """The terminal UI for one report data file.

    Keys are handled one at a time: a terminal delivers "6⏎2⏎" (type-ahead, a paste without
    bracketed paste, tmux send-keys) in one read, and Textual would otherwise hand the later keys to
    the focused widget before the bindings of the earlier ones (which run when a key has bubbled up
    to the app) moved the cursor, switched the tab or opened a dialog.
    """

    CSS_PATH = "app.tcss"
    TITLE = "年报助手"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit_app", "退出", show=False, priority=True)]

    def __init__(
        self,
        path: Path | None = None,
        *,
        service: Any = None,
        session: EditSession | None = None,
        chat_model: Any = None,
        year: int | None = None,
        agency: str | None = None,
    ) -> None:
        """`service` defaults to `report_copilot.service`; `chat_model` is handed to drafting (tests
        pass a LangChain fake); a `session` may be given ready-made, else `path` is opened."""
        super().__init__()
        if service is None:
            from report_copilot import service as default_service

            service = default_service
        self.service = service
        self.chat_model = chat_model
        if session is None:
            if path is None:
                raise ValueError("CopilotApp needs a path or a session")
            session = EditSession.open(path, service=service, year=year, agency=agency)
        self.session = session
        self._keys: deque[events.Key | events.Paste] = deque()
        self._in_flight: tuple[int, MessagePump] | None = None
        self._token = 0
        self._holds = 1
        """Keys are held from the start until the main screen has settled (`_settle`)."""
        self._started = 0.0

    # ------------------------------------------------------------------ keys, one at a time
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._keys.append(event)
            await self._next_key()
            return
        await super().on_event(event)

    async def _next_key(self) -> None:
        while self._keys and self._in_flight is None and self._holds == 0:
            event = self._keys.popleft()
            if isinstance(event, events.Key) and event.key == "ctrl+j":
                # "\n": Enter typed ahead while the terminal was still in line mode (ICRNL turns
                # "\r" into "\n"), or a paste from a terminal without bracketed paste
                event = events.Key("enter", "\r")
            target: MessagePump = self.focused or self.screen
            await super().on_event(event)
            self._token += 1
            if target.post_message(KeyHandled(self._token)):
                self._in_flight = (self._token, target)
                self.set_timer(KEY_WAIT, lambda token=self._token: self._check_alive(token))

    def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        if self._in_flight is not None and self._in_flight[0] == message.token:
            self._in_flight = None
            self.call_next(self._next_key)

    def _check_alive(self, token: int) -> None:
        """A key whose widget went away (a dialog answered by it closes) releases the next one."""
        if self._in_flight is None or self._in_flight[0] != token:
            return
        target = self._in_flight[1]
        if getattr(target, "is_attached", True) and target.is_running:
            self.set_timer(KEY_WAIT, lambda: self._check_alive(token))
            return
        self._in_flight = None
        self.call_later(self._next_key)

    def hold_keys(self) -> None:
        """Keep later keys back until `release_keys` (the focus is about to move somewhere new)."""
        self._holds += 1
        token = self._token
        self.set_timer(HOLD_LIMIT, lambda: self._hold_expired(token))

    def release_keys(self) -> None:
        self._holds = max(0, self._holds - 1)
        if self._holds == 0:
            self.call_later(self._next_key)

    def _hold_expired(self, token: int) -> None:
        if self._holds and self._token == token:
            self._holds = 0
            self.call_later(self._next_key)

    async def on_mount(self) -> None:
        """Show the main screen; keys typed meanwhile wait in order until it has settled."""
        self._started = time.monotonic()
        await self.push_screen(MainScreen(self.session, self.service))
        self._settle()

    def _settle(self) -> None:
        """Release the start-up hold once the main screen is mounted and its opening focus is set.
        A tab switch typed then (`]]6⏎` during start-up) holds the keys after it until that tab's
        content, mounted just after the first paint, is in place and focused (`MainScreen.focus_tab`)."""
        # every tab's content is in place too (mounted just after the first frame, see AfterPaint)
        waiting = self.screen.focused is None or any(s.query(Lazy) for s in self.screen_stack)
        if waiting and time.monotonic() - self._started < START_LIMIT:
            self.set_timer(START_POLL, self._settle)
            return
        self.release_keys()

    def action_quit_app(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.action_quit_app()
        else:
            self.exit()

    def on_unmount(self) -> None:
        # Exit (or a crash the event loop survives) flushes the newest autosave to disk.
        self.session.close()
