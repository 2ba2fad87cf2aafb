"""Models of compensation (filled in by its issue)."""
