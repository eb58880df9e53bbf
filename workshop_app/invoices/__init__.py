"""Invoices: the money maths (``totals``), numbering, the PDF and the receipt ticket."""
