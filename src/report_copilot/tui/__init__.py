"""The terminal UI (`copilot tui`): collect a year's figures, see every 勾稽 problem live, draft,
compare and export.

Only this package imports Textual. The editing state (data, live checks, autosave) lives in
`session.py`, which imports no Textual, so it is tested and benchmarked without a terminal; widgets
and screens only display it and turn keys into calls on it and on `report_copilot.service`.
"""
