"""Report pages for auditors, the Kasat Lantas and supervisors, and the evidence-pack pages.

The top layer: one module per report, each a thin layer over its evidence register (the same
queries feed the page, its Excel download and the pack), and `views.py` serving them all.
"""
