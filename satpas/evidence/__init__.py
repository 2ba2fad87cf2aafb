"""Zona Integritas evidence (data dukung): registers, the PDF report and the verifiable pack.

The top layer of the project: it reads every app. Each register is one module under
`registers/`; the pack builder writes them one after another, streaming, so that memory does
not grow with the number of rows.
"""
