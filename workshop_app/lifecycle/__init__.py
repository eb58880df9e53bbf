"""The customer's service life: what each car is due for (:mod:`.due`), recall and service
campaigns (:mod:`.campaigns`), declined or deferred work to offer again
(:mod:`.follow_ups`), no-shows (:mod:`.no_shows`) and the calls made about them
(:mod:`.contacts`). Qt-free; the front desk's service-life tab and ``workshop due`` /
``workshop campaign`` call these.

After the invoice: warranty and insurance claims (:mod:`.claims`), points earned
(:mod:`.loyalty`, the rule :mod:`.points_rule`), coupon batches (:mod:`.coupons`), packages
sold (:mod:`.packages`) and the national repair record (汽车维修电子健康档案:
:mod:`.repair_record`, its outbox :mod:`.ehr_outbox`); the front desk's Claims tab and
``workshop claim`` / ``coupon`` / ``package`` / ``ehr`` call these."""
