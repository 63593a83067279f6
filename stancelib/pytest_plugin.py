"""pytest plugin for stancelib gold files (work in progress)."""
