"""Memory and CPU of the demo (front desk + in-process barrier lanes) over a long run (issue 14).

    .venv/bin/python bench/lane_memory.py [--minutes 30] [--every 30] [--display :45]

Starts ``workshop demo`` on its own SQLite file (made fresh in a temporary folder, or
``--db``), on a virtual X display (``--display :NN``: an ``Xvfb :NN`` is started unless one
answers there, and killed afterwards) or offscreen (``--display offscreen``). Samples the
process with ``ps -o rss=,pcpu=`` every ``--every`` seconds, and its CPU time from
``/proc/PID/stat`` (``pcpu`` is an average over the process's life; the interval figure is
what it costs now). Target: RSS at the end within 50 MB of RSS after the first minute.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def ps(pid: int) -> tuple[int, float]:
    out = subprocess.run(
        ["ps", "-o", "rss=,pcpu=", "-p", str(pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return (int(out[0]), float(out[1])) if len(out) >= 2 else (0, 0.0)


def start_xvfb(display: str) -> subprocess.Popen[bytes] | None:
    """An Xvfb on ``display`` unless one answers there already (then ``None``)."""
    probe = (
        subprocess.run(["xdpyinfo", "-display", display], capture_output=True, check=False)
        if shutil.which("xdpyinfo")
        else None
    )
    if probe is not None and probe.returncode == 0:
        return None
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    return xvfb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    ap.add_argument("--display", default=":45", help=":NN (Xvfb) or 'offscreen'")
    ap.add_argument("--db", default="", help="SQLite file (default: a fresh one)")
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()

    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="lane_mem")) / "demo.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_LANGUAGE": "en"}
    env["WORKSHOP_PHOTOS_DIR"] = str(db.parent / "photos")
    if not db.exists():  # seed first: the timed run starts with the demo's data in place
        seed = (
            "import sys; from pathlib import Path; from workshop_app import bootstrap; "
            "from workshop_app.config import Settings; "
            "from workshop_app.demo_store import ensure_demo_data; "
            "s = Settings(); s.db_url = sys.argv[1]; a = bootstrap.build(s, upgrade=True); "
            "ensure_demo_data(a.uow(), Path(sys.argv[2])); a.dispose()"
        )
        subprocess.run(
            [args.python, "-c", seed, f"sqlite:///{db}", env["WORKSHOP_PHOTOS_DIR"]],
            cwd=ROOT,
            env=env,
            check=True,
        )
    xvfb = None
    if args.display == "offscreen":
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.pop("QT_QPA_PLATFORM", None)
        env["DISPLAY"] = args.display
        xvfb = start_xvfb(args.display)
    proc = subprocess.Popen(
        [args.python, "-m", "workshop_app.cli", "demo", "--db", f"sqlite:///{db}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(db.parent / "demo.log", "w"),  # noqa: SIM115
    )
    samples: list[dict[str, float]] = []
    t0 = time.monotonic()
    try:
        last_cpu, last_t = cpu_seconds(proc.pid), t0
        end = t0 + args.minutes * 60
        while time.monotonic() < end:
            time.sleep(min(args.every, max(0.0, end - time.monotonic())) or args.every)
            if proc.poll() is not None:
                print(f"the demo stopped (exit {proc.returncode}); see {db.parent}/demo.log")
                break
            now = time.monotonic()
            rss, pcpu = ps(proc.pid)
            cpu = cpu_seconds(proc.pid)
            share = 100 * (cpu - last_cpu) / max(1e-6, now - last_t)
            last_cpu, last_t = cpu, now
            s = {"t_s": round(now - t0), "rss_mb": round(rss / 1024, 1), "pcpu": pcpu}
            s["cpu_pct_interval"] = round(share, 1)
            samples.append(s)
            print(json.dumps(s), flush=True)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
    if not samples:
        print(json.dumps({"error": "no samples"}))
        return
    after_1min = next((s for s in samples if s["t_s"] >= 60), samples[0])
    rest = [s for s in samples if s["t_s"] >= 60] or samples
    result = {
        "minutes": round(samples[-1]["t_s"] / 60, 1),
        "rss_after_1min_mb": after_1min["rss_mb"],
        "rss_end_mb": samples[-1]["rss_mb"],
        "rss_max_mb": max(s["rss_mb"] for s in samples),
        "growth_mb": round(samples[-1]["rss_mb"] - after_1min["rss_mb"], 1),
        "max_growth_mb": round(max(s["rss_mb"] for s in rest) - after_1min["rss_mb"], 1),
        "cpu_pct_mean": round(sum(s["cpu_pct_interval"] for s in rest) / len(rest), 1),
        "cpu_pct_max": max(s["cpu_pct_interval"] for s in rest),
        "db": str(db),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
