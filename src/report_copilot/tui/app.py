"""`CopilotApp`: composes the screens and holds the injected service and the editing session.

The app does no work of its own: the session (`session.py`) holds the data and its checks, the
service (`report_copilot.service`, or a stand-in a test passes) drafts, compares and exports, and
the screens connect keys to both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from report_copilot.tui.screens.main import MainScreen
from report_copilot.tui.session import EditSession


class CopilotApp(App[None]):
    """The terminal UI for one report data file."""

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

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.session, self.service))

    def action_quit_app(self) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.action_quit_app()
        else:
            self.exit()

    def on_unmount(self) -> None:
        # Exit (or a crash the event loop survives) flushes the newest autosave to disk.
        self.session.close()
