"""Screens of the TUI: the main tabbed screen, modal editors, help."""
