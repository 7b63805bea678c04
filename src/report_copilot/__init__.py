"""report-copilot: draft, check and export 政府信息公开工作年度报告 in the national format.

Nothing heavy is imported here: `copilot --help` and headless runs must start fast.
"""

__version__ = "0.1.0"
