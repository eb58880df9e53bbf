"""Telling the owner: messages when the car is received, when work waits for their answer,
when the promise slips, when it is ready and when it has been delivered.

* :mod:`.messages` — the five events, their texts in zh_CN and en, rendering and masking;
* :mod:`.outbox` — the subscriber that writes a message row in the same transaction as the
  event that causes it, and the outbox's read models (sent messages, failures);
* :mod:`.delivery` — the worker step that sends what is due, with retries, backoff, quiet
  hours and a lease, marking each message sent once;
* :mod:`.promises` — the scan that notices a promise at risk.

The channel adapters (SMTP, SMS gateways, WeChat) live outside the core in
``hardware/notify/`` and implement :class:`workshop_app.ports.NotificationChannel`.
"""
