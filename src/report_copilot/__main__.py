"""`python -m report_copilot` runs the same CLI as the `copilot` command."""

from report_copilot.cli import main

main()
