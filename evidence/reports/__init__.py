"""Report pages for auditors, the Kasat Lantas and supervisors, and the evidence-pack pages.

One module per report holding its filter form, its page content and its evidence register
(the same queries feed the page, its Excel download and the pack), and `views.py` serving
them all.
"""
