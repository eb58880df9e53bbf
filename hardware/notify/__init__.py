"""Notification channel adapters implementing :class:`workshop_app.ports.NotificationChannel`:
email over SMTP (STARTTLS), SMS through Alibaba Cloud's SendSms API or a generic JSON webhook,
and WeChat Official Account template messages; ``simulators`` plays each provider's protocol
for the tests and the demo; ``factory.make_channels`` builds what the settings configure."""
