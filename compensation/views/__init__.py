"""Compensation pages, one module per feature (urls.py imports them)."""
