"""The parts department: the stock ledger (:mod:`.ledger`), quantities and units
(:mod:`.quantities`), the counter's use cases (:mod:`.counter`: issue to a repair order,
return from the bay, receive, count), suppliers and purchase orders (:mod:`.purchasing`)
and traceability (:mod:`.trace`)."""
