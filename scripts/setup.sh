#!/usr/bin/env bash
# Install everything Workshop needs on a fresh Debian machine with Python >= 3.11:
# system packages (CJK font, socat for serial tests, poppler for PDF checks, the Qt runtime
# libraries a real X display needs), a virtualenv in .venv, and the package with its test
# extras (with them: Xvfb, xdotool and ImageMagick, for the test that starts the demo on a
# virtual X display and screenshots it).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-noto-cjk socat poppler-utils libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
              libfontconfig1 libdbus-1-3 libglib2.0-0
              # Qt's xcb platform plugin (libqxcb.so, libQt6XcbQpa): without these a real X
              # display aborts at start-up ("could not load the Qt platform plugin xcb").
              libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
              libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0
              libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1)
EXTRAS=${WORKSHOP_EXTRAS:-test}
if [[ ",$EXTRAS," == *",test,"* ]]; then
    APT_PACKAGES+=(xvfb xdotool imagemagick)
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
        # Debian's system Python ships venv separately.
        rm -rf .venv
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
        "$PY" -m venv .venv
    fi
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[$EXTRAS]"
# RapidOCR's wheel carries the PP-OCR ONNX models (offline OCR) but pins the GUI build of
# OpenCV, whose bundled Qt clashes with PySide6: install it without its dependencies; its
# real runtime needs are in pyproject.toml (with opencv-python-headless). After the
# project, so that pip's resolver has nothing to say about the pin it is told to skip
# (installed first, every later install printed a dependency-conflict ERROR).
.venv/bin/python -m pip install -q --no-deps "rapidocr-onnxruntime>=1.4.4,<1.5"
