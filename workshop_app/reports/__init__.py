"""Manager reports: attendance (the shift clock) and KPIs as pure functions over the log.

``attendance`` records clock-in/out and breaks as events and turns them back into shifts;
``facts`` reads one store's raw facts for a range (the only module here with SQL);
``kpis`` computes every figure from those facts (pure, no session), each with its formula
and the totals behind it; ``workbook`` and ``summary_pdf`` export a report. Nothing here
stores a number: every figure is recomputed from the log when asked for.
"""
