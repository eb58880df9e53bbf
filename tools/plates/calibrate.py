"""Calibrate the ensemble's thresholds on rendered plates (never on the dev photographs).

    PYTHONPATH=. .venv/bin/python tools/plates/calibrate.py [--onnx PATH] [--n 1500] [--seed 2001]
        [--reader 200]

Runs PP-OCR (as the reader decodes it: restricted to the Chinese or the Latin plate alphabet)
and our plate model over ``n`` seeded reader crops from ``render.sample`` (seed 2001 by
default: neither the training stream nor ``train.py``'s validation seed) and tabulates, by
the plate model's per-character confidence ``q``:

- disagreements on a look-alike pair, by what the strict plate grammar says of them
  (``ensemble.settle_kind``: *forced*, the grammar takes only the model's character there;
  *free*, it takes both, or no strict grammar fits and the pair is letter-letter or
  digit-digit; *blocked* and a letter for a digit where no grammar fits are counted, never
  settled), and on a Chinese character: how often the model is right and how often PP-OCR
  is, for ``q`` at or above each threshold (free and Chinese ones: and ``q > p``, as the
  ensemble asks);
- the model's per-character precision (its reads of the right length).

- reads one character apart (``ensemble.one_apart``: the rest alike) that the grammar lets the
  model's replace (``ensemble.may_take_length``), by the model's least sure character.

It suggests ``SETTLE`` (forced), ``SETTLE_FREE`` and ``SETTLE_CJK``: the lowest ``q`` from
which the model is right on at least ``--settle-precision`` (forced, Chinese) or
``--free-precision`` (free) of such disagreements, and more often than PP-OCR;
``SETTLE_LENGTH``: the lowest from which, of the reads one apart that one of the two read
right, the model's is right at least ``--settle-precision`` of the time; and ``SURE``
(the lowest ``q`` from which the model's characters are right at least ``--sure-precision``
of the time). The targets are strict (0.98, 0.995 and 0.995 by default) because rendered
crops overstate how well the model reads photographs; where there is too little evidence
(fewer than ``--min-n`` disagreements) the suggestion is 1.01: the model never settles. With
``--reader N`` it also runs the whole reader, PP-OCR alone and the ensemble with the current
``ensemble.py`` constants, over ``N`` rendered scenes and counts exact reads and the CPU time
of each. With ``--images DIR`` (``DIR/labels.csv`` or files named by their plate, as for
``train.py --images``) it tabulates a shop's own labelled crops instead of rendered ones: the
way to set the thresholds for a model fine-tuned on such crops, on photographs rather than
rendered plates. Runs in the runtime venv (onnxruntime, no torch). The last line printed is
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.plates import render  # noqa: E402
from tools.plates.labelled import load_images  # noqa: E402
from workshop_app.plates import ensemble  # noqa: E402
from workshop_app.plates.grammar import (  # noqa: E402
    CN_ALPHABET,
    LATIN_ALPHABET,
    match_format,
    normalise_plate,
    plate_formats,
)
from workshop_app.plates.paddle_onnx import TextRecogniser  # noqa: E402
from workshop_app.plates.plate_model import PlateRecogniser  # noqa: E402
from workshop_app.plates.reader import RapidOcrPlateEngine, _trim  # noqa: E402

GRID = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999)


def ppocr_text(rec: TextRecogniser, probs: np.ndarray, region: str) -> str:
    if region == "cn":
        return normalise_plate(rec.decode(probs, CN_ALPHABET).text)
    return normalise_plate(_trim(rec.decode(probs, LATIN_ALPHABET)).text)


FORMATS = plate_formats()


def fits(text: str) -> bool:
    return match_format(text, FORMATS) is not None


def strict(text: str) -> bool:
    fmt = match_format(text, FORMATS)
    return fmt is not None and fmt.strict


def table(rows: list[tuple[float, float, bool, bool]], surer: bool) -> list[dict[str, float]]:
    out = []
    for t in GRID:
        sel = [r for r in rows if r[1] >= t and (not surer or r[1] > r[0])]
        n = len(sel)
        out.append(
            {
                "q_min": t,
                "n": n,
                "model_right": sum(r[2] for r in sel),
                "ppocr_right": sum(r[3] for r in sel),
            }
        )
    return out


def pick(tab: list[dict[str, float]], precision: float, min_n: int) -> float:
    for row in tab:
        n = row["n"]
        if (
            n >= min_n
            and row["model_right"] >= precision * n
            and row["model_right"] > row["ppocr_right"]
        ):
            return float(row["q_min"])
    return 1.01  # never


def pick_decisive(tab: list[dict[str, float]], precision: float, min_n: int) -> float:
    """As :func:`pick`, over the disagreements one of the two reads right.

    For a read one character apart the model's read replaces PP-OCR's whole: where both are
    wrong the switch loses nothing, so what counts is how often, when one of them is right,
    it is the model.
    """
    for row in tab:
        n = row["model_right"] + row["ppocr_right"]
        if n >= min_n and row["model_right"] >= precision * n:
            return float(row["q_min"])
    return 1.01  # never


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--onnx", type=Path, help="the plate model (default: the packaged one)")
    ap.add_argument("--n", type=int, default=1500, help="rendered reader crops")
    ap.add_argument("--seed", type=int, default=2001)
    ap.add_argument(
        "--images", type=Path, help="calibrate on a shop's own labelled crops, not rendered ones"
    )
    # Strict on purpose: rendered crops overstate the model's accuracy on photographs (see the
    # model card), so the thresholds sit where it was (almost) never wrong on rendered ones.
    ap.add_argument("--settle-precision", type=float, default=0.98)
    ap.add_argument("--free-precision", type=float, default=0.995)
    ap.add_argument("--sure-precision", type=float, default=0.995)
    ap.add_argument("--min-n", type=int, default=10)
    ap.add_argument("--reader", type=int, default=0, help="rendered scenes for the whole reader")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    samples: list[render.Sample] = []
    if args.images:
        # A shop's own labelled crops (as for train.py --images): photographs, which is
        # what the thresholds are for. Never the dev set (load_images refuses it). A plate
        # with a Chinese character (a province, 警, a WJ plate's) is decoded as the reader
        # decodes Chinese plates.
        samples = [
            render.Sample(crop, label, "own", "latin" if label.isascii() else "cn")
            for crop, label in load_images(args.images)
        ]
        if not samples:
            raise SystemExit(f"{args.images}: no labelled crops (labels.csv or plate-named files)")
    else:
        while len(samples) < args.n:
            samples += render.sample(rng)
    rec = TextRecogniser()
    model = PlateRecogniser(args.onnx)
    crops = [s.crop for s in samples]
    probs = rec.run(crops)
    lines = model.recognise(crops)
    Row = tuple[float, float, bool, bool]  # (p, q, model right, ppocr right)
    kinds_ = ("forced", "free", "cjk", "blocked", "never", "length")
    rows: dict[str, list[Row]] = {k: [] for k in kinds_}
    chars: list[tuple[float, bool]] = []
    exact = {"ppocr": 0, "plate": 0}
    for s, pr, ml in zip(samples, probs, lines, strict=True):
        a = ppocr_text(rec, pr, s.region)
        line = rec.decode(pr, CN_ALPHABET if s.region == "cn" else LATIN_ALPHABET)
        b, t = ml.text, s.label
        exact["ppocr"] += a == t
        exact["plate"] += b == t
        if len(b) == len(t):
            chars += [(q, y == z) for y, z, q in zip(b, t, ml.char_confidences, strict=True)]
        pa = list(line.char_confidences)
        qb = list(ml.char_confidences)
        if ensemble.one_apart(a, b) and qb and ensemble.may_take_length(a, b, fits, strict):
            # A read one character longer or shorter than PP-OCR's, the rest the same: by
            # the model's least sure character (the ensemble's rule).
            rows["length"].append((min(pa, default=0.0), min(qb), b == t, a == t))
        if len(a) != len(b) or len(a) != len(t) or len(pa) != len(a):
            continue
        kinds = ensemble.lookalike_kinds(a, b, strict)
        for i, (x, y, z, p, q) in enumerate(zip(a, b, t, pa, ml.char_confidences, strict=True)):
            if i not in kinds:
                continue
            row = (p, q, y == z, x == z)
            k = kinds[i]
            if k == ensemble.BLOCKED:
                rows["blocked"].append(row)
            elif ensemble._cjk(x) or ensemble._cjk(y):
                rows["cjk"].append(row)
            elif k == ensemble.FORCED:
                rows["forced"].append(row)
            elif k == ensemble.LOOSE and x.isdigit() != y.isdigit():
                rows["never"].append(row)
            else:
                rows["free"].append(row)
    tabs = {k: table(v, k in ("forced", "free", "cjk")) for k, v in rows.items()}
    prec = []
    for g in GRID:
        sel = [r for q, r in chars if q >= g]
        prec.append({"q_min": g, "n": len(sel), "precision": round(sum(sel) / max(1, len(sel)), 4)})
    sure = next(
        (
            r["q_min"]
            for r in prec
            if r["n"] >= args.min_n and r["precision"] >= args.sure_precision
        ),
        1.01,
    )
    result: dict[str, object] = {
        "crops": len(samples),
        "seed": args.seed,
        "exact_%": {k: round(100 * v / len(samples), 1) for k, v in exact.items()},
        **{f"disagree_{k}": v for k, v in tabs.items()},
        "model_char_precision": prec,
        "suggest": {
            "SETTLE": pick(tabs["forced"], args.settle_precision, args.min_n),
            "SETTLE_FREE": pick(tabs["free"], args.free_precision, args.min_n),
            "SETTLE_CJK": pick(tabs["cjk"], args.settle_precision, args.min_n),
            "SETTLE_LENGTH": pick_decisive(tabs["length"], args.settle_precision, args.min_n),
            "SURE": sure,
        },
        "current": {
            "SETTLE": ensemble.SETTLE,
            "SETTLE_FREE": ensemble.SETTLE_FREE,
            "SETTLE_CJK": ensemble.SETTLE_CJK,
            "SETTLE_LENGTH": ensemble.SETTLE_LENGTH,
            "SURE": ensemble.SURE,
        },
    }
    for name, tab in tabs.items():
        print(f"{name} disagreements (q >= q_min): n / model right / PP-OCR right")
        for r in tab:
            print(f"  {r['q_min']:.3f}: {r['n']:4d} {r['model_right']:4d} {r['ppocr_right']:4d}")
    print("model character precision:", [(r["q_min"], r["precision"], r["n"]) for r in prec])
    if args.reader:
        result["reader"] = reader_check(args.reader, args.seed + 1, rec, model)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def reader_check(
    n: int, seed: int, rec: TextRecogniser, model: PlateRecogniser
) -> dict[str, object]:
    """The whole reader on ``n`` rendered scenes: PP-OCR alone against the ensemble."""
    engines = {
        "ppocr": RapidOcrPlateEngine(recogniser=rec),
        "ensemble": RapidOcrPlateEngine(recogniser=rec, mode="ensemble", plate_model=model),
    }
    rng = np.random.default_rng(seed)
    hits: dict[str, dict[str, list[bool]]] = {k: {} for k in engines}
    cpu: dict[str, list[float]] = {k: [] for k in engines}
    changed: list[tuple[str, str, str]] = []
    for _ in range(n):
        kind = render.KINDS[int(rng.integers(len(render.KINDS)))]
        if kind in render.TWO_ROW_KINDS:
            continue
        sc = render.scene(render.render_plate(kind, rng), rng)
        got = {}
        for name, engine in engines.items():
            t0 = time.process_time()
            reads = engine.read(sc.image)
            cpu[name].append(time.process_time() - t0)
            got[name] = reads[0].text if reads else ""
            hits[name].setdefault(render.REGION[kind], []).append(got[name] == sc.plate.text)
        if got["ppocr"] != got["ensemble"]:
            changed.append((sc.plate.text, got["ppocr"], got["ensemble"]))
    out: dict[str, object] = {
        name: {
            **{r: round(100 * sum(h) / len(h), 1) for r, h in sorted(per.items())},
            "median_cpu_ms": round(1000 * statistics.median(cpu[name]), 1),
        }
        for name, per in hits.items()
    }
    out["changed (truth, ppocr, ensemble)"] = changed
    return out


if __name__ == "__main__":
    sys.exit(main())
