"""The customer's service life: what each car is due for (:mod:`.due`), recall and service
campaigns (:mod:`.campaigns`), declined or deferred work to offer again
(:mod:`.follow_ups`), no-shows (:mod:`.no_shows`) and the calls made about them
(:mod:`.contacts`). Qt-free; the front desk's service-life tab and ``workshop due`` /
``workshop campaign`` call these."""
