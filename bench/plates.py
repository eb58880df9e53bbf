"""Plate reader benchmark: accuracy per region and time per image, against stock RapidOCR.

    .venv/bin/python bench/plates.py ../shared/data/plates/manifest.csv [--no-baseline] [-v]
        [--recognisers ppocr,plate,ensemble] [--plate-model PATH]

Each recogniser of our reader (``plates.recogniser``: PP-OCR alone, our plate model alone, the
two combined per character) runs over the same images in one run; their figures are printed
side by side, and under ``recognisers`` in the JSON line (the top-level figures are the first
recogniser's).

The manifest has columns ``file`` (relative to the manifest's folder), ``plate`` and
``region``. Exact = the reader's best plate equals the truth; lenient counts O=0 and I=1 as
equal. Baseline: RapidOCR's own end-to-end pipeline (detector + classifier + recogniser) on the
same images in the same run; its answer is the line that fits a plate grammar best.
``median_work_kpx`` is the model input per image (see ``_Counted``): a load-independent measure
of the reader's work, ``median_cpu_ms`` the process CPU time per image (less load-dependent
than the wall time). With more than one recogniser, ``vs_first`` counts the images each one
reads right where the first did not (fixed) and wrong where the first read right (broke).
``--plate-model`` measures another ONNX file than the packaged one. The last line printed is
one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop_app.errors import WorkshopError
from workshop_app.plates.grammar import match_format, normalise_plate, plate_formats
from workshop_app.plates.images import load_image
from workshop_app.plates.plate_model import PlateRecogniser
from workshop_app.plates.reader import RapidOcrPlateEngine


def lenient(s: str) -> str:
    return s.replace("O", "0").replace("I", "1")


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def score(
    rows: list[dict[str, str]], answers: list[str | None], ms: list[float]
) -> dict[str, dict[str, float]]:
    per: dict[str, list[tuple[bool, bool, float]]] = defaultdict(list)
    for row, ans, t in zip(rows, answers, ms, strict=True):
        truth = normalise_plate(row["plate"])
        got = ans or ""
        per[row["region"]].append((got == truth, lenient(got) == lenient(truth), t))
    out: dict[str, dict[str, float]] = {}
    for region, hits in sorted(per.items()):
        n = len(hits)
        out[region] = {
            "n": n,
            "exact": round(100 * sum(h[0] for h in hits) / n, 1),
            "lenient": round(100 * sum(h[1] for h in hits) / n, 1),
            "median_ms": round(statistics.median(h[2] for h in hits), 1),
        }
    return out


def report(regions: dict[str, dict[str, float]]) -> None:
    for region, s in regions.items():
        print(
            f"  {region}: n={s['n']:>3}  exact {s['exact']:5.1f}%  lenient {s['lenient']:5.1f}%"
            f"  median {s['median_ms']:6.1f} ms"
        )


def baseline_answer(result: object, formats: tuple[object, ...]) -> str | None:
    best: tuple[float, str] | None = None
    for item in result or []:  # type: ignore[attr-defined]
        text, conf = normalise_plate(str(item[1])), float(item[2])
        fits = match_format(text, formats) is not None  # type: ignore[arg-type]
        key = conf + (1.0 if fits else 0.0)
        if best is None or key > best[0]:
            best = (key, text)
    return best[1] if best else None


def targets(ppocr: dict[str, Any], ens: dict[str, Any]) -> dict[str, object]:
    """Issue 21: the ensemble against PP-OCR alone, region by region, and its time."""
    delta: dict[str, dict[str, float]] = {}
    for region, s in ens["regions"].items():
        base = ppocr["regions"][region]
        delta[region] = {
            "exact": round(s["exact"] - base["exact"], 1),
            "lenient": round(s["lenient"] - base["lenient"], 1),
        }
    regions = ens["regions"]
    cn_exact = regions.get("cn", {}).get("exact", 100.0)
    others = {r: s["lenient"] for r, s in regions.items() if r != "cn"}
    wall = ens["median_ms"] / max(ppocr["median_ms"], 1e-9)
    cpu = ens["median_cpu_ms"] / max(ppocr["median_cpu_ms"], 1e-9)
    never_worse = all(d["exact"] >= 0 and d["lenient"] >= 0 for d in delta.values())
    better = any(d["exact"] > 0 or d["lenient"] > 0 for d in delta.values())
    return {
        "delta_vs_ppocr": delta,
        "never_worse": never_worse,
        "better_somewhere": better,
        "cn_exact_ge_99": cn_exact >= 99.0,
        "others_lenient_ge_97": {r: v >= 97.0 for r, v in others.items()},
        "median_wall_ratio": round(wall, 3),
        "median_cpu_ratio": round(cpu, 3),
        "time_within_20pct": wall <= 1.2,
    }


class _Counted:
    """Wraps an onnxruntime session and adds each call's input kilopixels to ``work``.

    Wall time on a shared 2-core box moves with the load; the input size each model sees does
    not. Recogniser kilopixels + detector kilopixels / 4 roughly weighs the two models' cost
    per pixel on this CPU.
    """

    def __init__(self, session: Any, work: list[float], weight: float) -> None:
        self._session, self._work, self._weight = session, work, weight

    def run(self, names: Any, feeds: dict[str, Any]) -> Any:
        x = next(iter(feeds.values()))
        self._work[0] += self._weight * x.shape[0] * x.shape[2] * x.shape[3] / 1000.0
        return self._session.run(names, feeds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("manifest", type=Path)
    ap.add_argument("--no-baseline", action="store_true", help="skip the stock RapidOCR pipeline")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    ap.add_argument(
        "--recognisers",
        default="ppocr,plate,ensemble",
        help="comma-separated plates.recogniser values to compare (first = top-level figures)",
    )
    ap.add_argument("--plate-model", type=Path, help="plate model ONNX (default: packaged)")
    args = ap.parse_args()
    root = args.manifest.parent
    with args.manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    modes = [m.strip() for m in args.recognisers.split(",") if m.strip()]
    first = RapidOcrPlateEngine()
    first.read(load_image(root / rows[0]["file"]))  # warm up (model load, first-run allocations)
    work = [0.0]
    first._rec._sess = _Counted(first._rec._sess, work, 1.0)
    first.detector._sess = _Counted(first.detector._sess, work, 0.25)
    plate_model: PlateRecogniser | None = None
    if any(m != "ppocr" for m in modes):
        plate_model = PlateRecogniser(args.plate_model)
        plate_model._sess = _Counted(plate_model._sess, work, 1.0)
    images = [load_image(root / row["file"]) for row in rows]
    engines = {
        mode: RapidOcrPlateEngine(
            mode=mode, recogniser=first._rec, detector=first.detector, plate_model=plate_model
        )
        for mode in modes
    }
    answers_by: dict[str, list[str | None]] = {m: [] for m in modes}
    ms_by: dict[str, list[float]] = {m: [] for m in modes}
    cpu_by: dict[str, list[float]] = {m: [] for m in modes}
    kpx_by: dict[str, list[float]] = {m: [] for m in modes}
    errors_by = dict.fromkeys(modes, 0)
    # Image by image, every recogniser in turn: on a shared box the load changes by the
    # minute, and this way each recogniser's times are taken under the same load.
    for row, img in zip(rows, images, strict=True):
        for mode, engine in engines.items():
            work[0] = 0.0
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                reads = engine.read(img)
            except WorkshopError as exc:
                errors_by[mode] += 1
                reads = []
                print(f"error {row['file']}: {exc}", file=sys.stderr)
            ms_by[mode].append((time.perf_counter() - t0) * 1000)
            cpu_by[mode].append((time.process_time() - c0) * 1000)
            kpx_by[mode].append(work[0])
            ans = reads[0].text if reads else None
            answers_by[mode].append(ans)
            if args.verbose and ans != normalise_plate(row["plate"]):
                name = row["file"][:40]
                print(
                    f"miss [{mode}] {row['region']} {name:40} truth={row['plate']} got={ans}"
                    f" {ms_by[mode][-1]:.0f}ms"
                )
    result: dict[str, object] = {}
    per_mode: dict[str, dict[str, object]] = {}
    for mode in modes:
        answers, ms, kpx, errors = answers_by[mode], ms_by[mode], kpx_by[mode], errors_by[mode]
        ours = score(rows, answers, ms)
        figures: dict[str, object] = {
            "images": len(rows),
            "answered": sum(a is not None for a in answers),
            "errors": errors,
            "regions": ours,
            "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(p95(ms), 1),
            "median_work_kpx": round(statistics.median(kpx), 1),
            "median_cpu_ms": round(statistics.median(cpu_by[mode]), 1),
        }
        if mode != modes[0]:
            right = [a == normalise_plate(r["plate"]) for r, a in zip(rows, answers, strict=True)]
            base = [
                a == normalise_plate(r["plate"])
                for r, a in zip(rows, answers_by[modes[0]], strict=True)
            ]
            figures["vs_first"] = {
                "fixed": sum(r and not b for r, b in zip(right, base, strict=True)),
                "broke": sum(b and not r for r, b in zip(right, base, strict=True)),
            }
        per_mode[mode] = figures
        if not result:
            result.update(figures)
        print(f"reader (ours, recogniser={mode}):")
        report(ours)
        answered = f"{figures['answered']}/{len(rows)}"
        print(
            f"  answered {answered}  median {figures['median_ms']} ms  p95 {figures['p95_ms']} ms"
        )
        print(f"  median work {figures['median_work_kpx']} kpx (model input, see _Counted)")
        print(f"  median CPU {figures['median_cpu_ms']} ms per image")
        if "vs_first" in figures:
            print(f"  against {modes[0]}: {figures['vs_first']}")
    result["recognisers"] = per_mode
    if "ppocr" in per_mode and "ensemble" in per_mode:
        goals = targets(per_mode["ppocr"], per_mode["ensemble"])
        result["targets"] = goals
        print("ensemble against ppocr (issue 21 targets):")
        for key, value in goals.items():
            print(f"  {key}: {value}")
    if len(per_mode) > 1:
        print("side by side (exact / lenient %, median ms):")
        regions = sorted({r for f in per_mode.values() for r in f["regions"]})  # type: ignore[attr-defined]
        print("  region  " + "".join(f"{m:>24}" for m in per_mode))
        for region in regions:
            cells = []
            for f in per_mode.values():
                s = f["regions"][region]  # type: ignore[index]
                cells.append(f"{s['exact']:5.1f} / {s['lenient']:5.1f} / {s['median_ms']:6.1f}")
            print(f"  {region:7} " + "".join(f"{c:>24}" for c in cells))
        print("  all     " + "".join(f"{f['median_ms']:>24}" for f in per_mode.values()))
    if not args.no_baseline:
        from rapidocr_onnxruntime import RapidOCR

        stock = RapidOCR()
        formats = plate_formats()
        b_answers: list[str | None] = []
        b_ms: list[float] = []
        for row in rows:
            img = load_image(root / row["file"])
            t0 = time.perf_counter()
            res, _elapse = stock(img)
            b_ms.append((time.perf_counter() - t0) * 1000)
            b_answers.append(baseline_answer(res, formats))
        b_regions = score(rows, b_answers, b_ms)
        b_median, b_p95 = round(statistics.median(b_ms), 1), round(p95(b_ms), 1)
        result["baseline"] = {"regions": b_regions, "median_ms": b_median, "p95_ms": b_p95}
        print("baseline (stock RapidOCR end-to-end):")
        report(b_regions)
        print(f"  median {b_median} ms  p95 {b_p95} ms")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
