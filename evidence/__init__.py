"""Zona Integritas evidence (data dukung): reports, registers, the PDF report, the verifiable
pack, and the home pages.

The top layer of the product: it reads every app. Each report is one module (or a small
package) under `reports/` holding its form, its content and its register's sheets; the pack
builder writes the registers one after another, streaming, so that memory does not grow with
the number of rows.
"""
