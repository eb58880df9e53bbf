"""Email over SMTP (the standard library's smtplib), STARTTLS by default."""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from workshop_app.ports import NotifyRejected, NotifyTransient, OutgoingMessage


class SmtpEmailChannel:
    name = "email"

    def __init__(
        self,
        host: str,
        port: int = 587,
        *,
        sender: str,
        username: str = "",
        password: str = "",
        starttls: bool = True,
        cafile: str = "",
        timeout_s: float = 10.0,
    ) -> None:
        self._host, self._port = host, port
        self._sender = sender
        self._username, self._password = username, password
        self._starttls = starttls
        self._cafile = cafile
        self._timeout = timeout_s

    def _tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self._cafile or None)

    def message(self, msg: OutgoingMessage) -> EmailMessage:
        m = EmailMessage()
        m["From"] = self._sender
        m["To"] = msg.recipient
        m["Subject"] = msg.subject
        m["Date"] = formatdate(localtime=False)
        # The outbox key as Message-ID: a resend after a crash carries the same id, which
        # mail systems use to drop the duplicate.
        domain = self._sender.rpartition("@")[2] or "workshop.local"
        m["Message-ID"] = f"<{re.sub(r'[^A-Za-z0-9.-]', '.', msg.key)}@{domain}>"
        m.set_content(msg.body)
        return m

    def send(self, msg: OutgoingMessage) -> str:
        email = self.message(msg)
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                smtp.ehlo()
                if self._starttls:
                    if not smtp.has_extn("starttls"):
                        raise NotifyRejected(f"mail server {self._host} does not offer STARTTLS")
                    smtp.starttls(context=self._tls())
                    smtp.ehlo()
                if self._username:
                    smtp.login(self._username, self._password)
                refused = smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _by_code(code, f"mail server refused {msg.recipient}: {code} {_s(text)}") from exc
        except smtplib.SMTPResponseException as exc:  # sender refused, data error, auth, ...
            raise _by_code(
                exc.smtp_code, f"mail server: {exc.smtp_code} {_s(exc.smtp_error)}"
            ) from exc
        except smtplib.SMTPServerDisconnected as exc:
            raise NotifyTransient(f"mail server dropped the connection: {exc}") from exc
        except TimeoutError as exc:
            raise NotifyTransient(f"mail server did not answer in {self._timeout:g} s") from exc
        except ssl.SSLError as exc:
            raise NotifyRejected(f"mail server TLS failed: {exc.reason or exc}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise NotifyTransient(f"mail server {self._host}:{self._port}: {exc}") from exc
        if refused:
            raise NotifyRejected(f"mail server refused {', '.join(refused)}")
        return str(email["Message-ID"])


def _s(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _by_code(code: int, message: str) -> NotifyTransient | NotifyRejected:
    """4xx is a temporary refusal (greylisting, mailbox busy): retry; 5xx is final."""
    return NotifyTransient(message) if 400 <= code < 500 else NotifyRejected(message)
