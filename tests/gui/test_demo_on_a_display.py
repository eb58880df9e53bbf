"""``workshop demo`` on a real X display (Xvfb): Qt's xcb plugin loads (its libraries are
installed by scripts/setup.sh), the three windows appear, a screenshot shows them, and the
demo exits 0 on SIGTERM. The subprocess gets its own DISPLAY and QT_QPA_PLATFORM=xcb, whatever
the test run's platform (offscreen in CI)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool", "import", "identify")
WINDOWS = ("Front desk", "Bay terminal", "Lounge board")


def _require_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"{', '.join(missing)} missing: run scripts/setup.sh (test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number.isdigit(), "Xvfb did not report its display"
    return xvfb, f":{number}"


def _visible_windows(env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "."],
        capture_output=True,
        text=True,
        env=env,
        timeout=10,
    )
    found: dict[str, str] = {}
    for wid in out.stdout.split():
        name = subprocess.run(
            ["xdotool", "getwindowname", wid], capture_output=True, text=True, env=env, timeout=10
        ).stdout.strip()
        for title in WINDOWS:
            if title in name:
                found[title] = wid
    return found


def test_the_demo_opens_its_windows_on_a_real_display_and_exits_cleanly(tmp_path: Path) -> None:
    _require_tools()
    xvfb, display = _start_xvfb()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKSHOP_", "QT_"))}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LANG="en_US.UTF-8",
    )
    demo = subprocess.Popen(
        [sys.executable, "-m", "workshop_app.cli", "demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240  # the demo seeds its store first: slow on a busy PC
        found: dict[str, str] = {}
        while time.monotonic() < deadline and demo.poll() is None:
            found = _visible_windows(env)
            if len(found) == len(WINDOWS):
                break
            time.sleep(0.5)
        assert demo.poll() is None, f"the demo died: {demo.communicate()[1][-2000:]}"
        assert set(found) == set(WINDOWS), found
        time.sleep(2)  # let the windows load and paint their data
        shot = tmp_path / "display.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=30)
        spread = subprocess.run(
            ["identify", "-format", "%[fx:standard_deviation]", str(shot)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert float(spread) > 0.05, "the screenshot is blank"
        demo.send_signal(signal.SIGTERM)
        out, err = demo.communicate(timeout=30)
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.communicate()
        xvfb.terminate()
        xvfb.wait(timeout=10)
    assert demo.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
    # The demo says where its data is, so `workshop invoice list --db ...` finds it.
    assert "demo.db" in out and "--db sqlite:///" in out
