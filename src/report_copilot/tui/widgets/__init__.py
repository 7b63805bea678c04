"""Widgets of the TUI; each shows one piece of state and posts messages up."""
