"""Rendering a checked draft: Markdown (the reviewable text) and Word (the document a clerk submits).

Both renderers read the official table layout from `render.layout`, which derives it from the format
definition, so the two outputs always show the same merged headers and the same numbers. python-docx
is imported only inside `render.docx` and `render.audit` functions.
"""
