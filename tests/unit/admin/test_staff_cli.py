"""``workshop staff``: deactivate, reactivate and reset a PIN from the command line."""

from __future__ import annotations

import pytest

from workshop_app.bootstrap import App
from workshop_app.cli import main
from workshop_app.demo_store import DEMO_PIN
from workshop_app.errors import PermissionDenied
from workshop_app.services.staff import sign_in


def test_staff_commands_deactivate_reset_and_refuse_with_one_line(
    demo_app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_app.settings.db_url
    assert main(["staff", "deactivate", "--db", db, "A02"]) == 0
    with pytest.raises(PermissionDenied):
        sign_in(demo_app.uow(), "A02", DEMO_PIN)
    assert main(["staff", "deactivate", "--db", db, "A02"]) == 1  # inactive already
    assert main(["staff", "activate", "--db", db, "A02"]) == 0
    assert main(["staff", "reset-pin", "--db", db, "A02", "--pin", "12"]) == 2
    assert main(["staff", "reset-pin", "--db", db, "A02", "--pin", "86420"]) == 0
    assert sign_in(demo_app.uow(), "A02", "86420").number == "A02"
    assert main(["staff", "deactivate", "--db", db, "NOBODY"]) == 1
    out, err = capsys.readouterr()
    assert "A02" in out
    assert all(line.startswith("workshop: error: ") for line in err.splitlines())
    assert main(["staff", "list", "--db", db, "--json"]) == 0
    assert '"code": "A02"' in capsys.readouterr().out
