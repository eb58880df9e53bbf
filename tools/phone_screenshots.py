"""Screenshots of the phone status page of the demo car waiting for its owner's answer.

    python tools/phone_screenshots.py [--out docs/screenshots] [--chromium chromium]

Seeds the demo store into a temporary SQLite file (photos included), serves the status page
on 127.0.0.1 and has headless Chromium render it 390 px wide in zh_CN and en:
``phone_review_zh_CN.png`` and ``phone_review_en.png``.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop_app import bootstrap  # noqa: E402
from workshop_app.config import Settings  # noqa: E402
from workshop_app.demo_store import seed_demo  # noqa: E402
from workshop_app.models import ExtraWorkRequest, RepairOrder  # noqa: E402
from workshop_app.web.app import create_app  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--chromium", default="chromium")
    ap.add_argument("--height", type=int, default=2700)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings()
        s.db_url = f"sqlite:///{tmp}/demo.db"
        s.language = "zh_CN"
        s.photos_dir = f"{tmp}/photos"
        app = bootstrap.build(s)
        seed_demo(app.uow(), photos_dir=Path(s.photos_dir))
        with app.uow() as uow:
            token = uow.session.execute(
                select(RepairOrder.status_token)
                .join(ExtraWorkRequest, ExtraWorkRequest.ro_id == RepairOrder.id)
                .where(ExtraWorkRequest.status == "pending")
            ).scalar()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        srv = uvicorn.Server(
            uvicorn.Config(create_app(app), host="127.0.0.1", port=port, log_level="error")
        )
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        while not srv.started:
            time.sleep(0.05)
        args.out.mkdir(parents=True, exist_ok=True)
        for lang in ("zh_CN", "en"):
            target = args.out / f"phone_review_{lang}.png"
            subprocess.run(
                [
                    args.chromium,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    f"--window-size=390,{args.height}",
                    f"--screenshot={target}",
                    f"http://127.0.0.1:{port}/s/{token}?lang={lang}",
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            print(target)
        srv.should_exit = True
        thread.join(5)
        app.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
