"""Models of applicants (filled in by its issue)."""
