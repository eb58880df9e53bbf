"""The set-up workbook a dealer fills in Excel: the template, the all-or-nothing import and
the export back (``workshop template`` / ``import`` / ``export``). No Qt in here."""
