"""Review: compare drafts (section- and number-aware diff) and list the versions `copilot draft` kept."""
