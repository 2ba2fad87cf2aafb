"""Models of service_timing (filled in by its issue)."""
