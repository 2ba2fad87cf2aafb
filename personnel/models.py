"""Models of personnel (filled in by its issue)."""
