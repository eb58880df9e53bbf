"""``tools/plates/train.py --images DIR``: a shop's own labelled crops, for fine-tuning.

The loading is torch-free and always tested; the fine-tuning run itself needs the ``[train]``
virtualenv (torch) and runs only where ``WORKSHOP_TRAIN_PYTHON`` names its python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from tools.plates import render
from tools.plates.labelled import DevSetRefused, jitter, load_images
from workshop_app.plates.plate_model import PlateRecogniser

ROOT = Path(__file__).resolve().parents[3]


def _write(path: Path, img: np.ndarray) -> None:
    ok, buf = cv2.imencode(".png", img)
    assert ok
    buf.tofile(str(path))  # a non-ASCII name (a province) as well


def _crops(folder: Path, plates: list[str]) -> None:
    rng = np.random.default_rng(4)
    for i, plate in enumerate(plates):
        kind = "cn_blue" if not plate.isascii() else "eu"
        img = render.render_plate(kind, rng, plate).image
        _write(folder / f"{plate}_{i}.png", img)


def test_crops_named_by_their_plate_load_with_their_plates(tmp_path: Path) -> None:
    _crops(tmp_path, ["粤B12345", "粤B12345", "AB123CD"])
    (tmp_path / "notes.txt").write_text("not a crop", encoding="utf-8")
    got = load_images(tmp_path)
    assert [label for _img, label in got] == ["AB123CD", "粤B12345", "粤B12345"]
    assert all(img.ndim == 3 and img.shape[2] == 3 for img, _label in got)


def test_a_labels_file_is_read_and_bad_rows_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _crops(tmp_path, ["京A12345", "XY987"])
    (tmp_path / "labels.csv").write_text(
        "file,plate\n"
        "京A12345_0.png,京a·12345\n"  # normalised as the reader stores plates
        "XY987_1.png,XY 987\n"
        "missing.png,AB1234\n"
        "XY987_1.png,AB€12\n",  # a character the model cannot read
        encoding="utf-8",
    )
    got = load_images(tmp_path)
    assert [label for _img, label in got] == ["京A12345", "XY987"]
    err = capsys.readouterr().err
    assert "missing.png" in err and "AB€12" in err


def test_the_benchmarks_dev_set_is_refused(tmp_path: Path) -> None:
    dev = tmp_path / "shared" / "data" / "plates"
    dev.mkdir(parents=True)
    _crops(dev, ["粤B12345"])
    with pytest.raises(DevSetRefused):
        load_images(dev)


def test_jitter_shifts_a_crop_but_keeps_its_size() -> None:
    img = render.render_plate("br", np.random.default_rng(2)).image
    out = jitter(img, np.random.default_rng(3))
    assert out.shape == img.shape and out.dtype == np.uint8


@pytest.mark.skipif(
    not os.environ.get("WORKSHOP_TRAIN_PYTHON"),
    reason="needs the [train] virtualenv: set WORKSHOP_TRAIN_PYTHON to its python",
)
def test_fine_tuning_on_own_crops_writes_a_model_the_runtime_reads(tmp_path: Path) -> None:
    crops = tmp_path / "crops"
    crops.mkdir()
    _crops(crops, ["粤B12345", "京A6789D", "AB123CD", "XY987"])
    onnx, weights = tmp_path / "m.onnx", tmp_path / "m.pt"
    done = subprocess.run(
        [
            os.environ["WORKSHOP_TRAIN_PYTHON"],
            str(ROOT / "tools" / "plates" / "train.py"),
            *("--minutes", "0.05", "--images", str(crops), "--pool", "48", "--val", "16"),
            *("--init", str(ROOT / "tools" / "plates" / "plate_rec.pt"), "--lr", "1e-3"),
            *("--onnx", str(onnx), "--weights", str(weights), "--eval-every", "1000"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "4 labelled crops" in done.stdout
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["steps"] >= 1 and onnx.is_file() and weights.is_file()
    line = PlateRecogniser(onnx).recognise(
        [render.render_plate("cn_blue", np.random.default_rng(1)).image]
    )[0]
    assert isinstance(line.text, str)


def _calibrate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "plates" / "calibrate.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )


def test_thresholds_calibrate_on_a_shops_own_crops(tmp_path: Path) -> None:
    plates = ["粤B12345", "京A6789D", "AB123CD", "XY987", "皖AG6512"]
    _crops(tmp_path, plates)
    done = _calibrate("--images", str(tmp_path), "--min-n", "1")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # Exactly the shop's crops, none rendered beside them; every threshold suggested.
    assert result["crops"] == len(plates)
    assert set(result["suggest"]) == {
        "SETTLE",
        "SETTLE_FREE",
        "SETTLE_CJK",
        "SETTLE_LENGTH",
        "SURE",
    }
    assert all(0.0 <= v <= 100.0 for v in result["exact_%"].values())


def test_calibration_refuses_the_dev_set_and_an_empty_folder(tmp_path: Path) -> None:
    dev = tmp_path / "shared" / "data" / "plates"
    dev.mkdir(parents=True)
    _crops(dev, ["粤B12345"])
    done = _calibrate("--images", str(dev))
    assert done.returncode != 0 and "dev set" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _calibrate("--images", str(empty))
    assert done.returncode != 0 and "no labelled crops" in done.stderr
