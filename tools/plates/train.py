"""Train our plate recogniser on rendered plates and export it to ONNX for the runtime.

Needs the ``[train]`` extra (``torch==2.13.0``, CPU build) in its own virtualenv; the runtime
never imports torch. One thread, a fixed time budget::

    python -m venv /work/trainvenv
    /work/trainvenv/bin/pip install torch==2.13.0 numpy opencv-python-headless pillow onnx
    PYTHONPATH=. /work/trainvenv/bin/python tools/plates/train.py --minutes 45 --seed 1

Data: ``tools/plates/render.py`` draws plates, puts them in degraded scenes and cuts the crops
the reader would cut; a pool of rendered samples is refreshed with new ones every step, so
the network rarely sees the same image twice. ``--images DIR`` mixes in a shop's own
labelled crops (``DIR/labels.csv`` with ``file,plate`` rows, or files named by their plate,
``粤B12345.jpg`` / ``粤B12345_2.jpg``) and, with ``--init``, fine-tunes the shipped weights.
Never train on the dev set (``shared/data/plates``): it is the benchmark's referee.

Writes ``workshop_app/plates/models/plate_rec.onnx`` (softmax output ``N x 32 x classes``,
blank = 0, classes as ``workshop_app.plates.plate_model.ALPHABET``), the torch weights
``tools/plates/plate_rec.pt`` (for fine-tuning) and prints the synthetic validation figures;
the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.plates import render  # noqa: E402
from tools.plates.labelled import jitter, load_images  # noqa: E402
from workshop_app.plates.plate_model import (  # noqa: E402
    ALPHABET,
    INPUT_HEIGHT,
    INPUT_WIDTH,
    ctc_decode,
    prepare,
)

CLASSES = 1 + len(ALPHABET)
INDEX = {c: i + 1 for i, c in enumerate(ALPHABET)}
DEFAULT_ONNX = ROOT / "workshop_app" / "plates" / "models" / "plate_rec.onnx"
DEFAULT_PT = ROOT / "tools" / "plates" / "plate_rec.pt"


def block(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


class PlateNet(nn.Module):
    """A small CRNN without recurrence: conv stack, height collapsed, 1-D context, classes."""

    def __init__(self, classes: int = CLASSES) -> None:
        super().__init__()
        # Sized for a shared 2-core box: about 17 M multiply-adds per plate.
        self.features = nn.Sequential(
            *block(1, 16),
            nn.MaxPool2d(2),  # 16 x 64
            *block(16, 32),
            nn.MaxPool2d(2),  # 8 x 32
            *block(32, 48),
            nn.MaxPool2d((2, 1)),  # 4 x 32
            *block(48, 64),
            nn.Conv2d(64, 128, (4, 1), bias=False),  # 1 x 32
            nn.BatchNorm2d(128),
            nn.ReLU(),
        )
        self.context = nn.Sequential(
            nn.Conv1d(128, 128, 3, padding=1, bias=False),
            nn.BatchNorm1d(128),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Conv1d(128, 128, 3, padding=1, bias=False),
            nn.BatchNorm1d(128),
            nn.ReLU(),
        )
        self.head = nn.Conv1d(128, classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``N x 1 x 32 x 128`` -> logits ``N x T x classes``."""
        f = self.features(x).squeeze(2)
        f = f + self.context(f)
        return self.head(f).transpose(1, 2)


class Exported(nn.Module):
    def __init__(self, net: PlateNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(x), dim=2)


def encode(label: str) -> list[int]:
    return [INDEX[c] for c in label if c in INDEX]


class Pool:
    """Rendered samples, refreshed ``fresh`` at a time (oldest out)."""

    def __init__(self, rng: np.random.Generator, size: int, extra: list[tuple[np.ndarray, str]]):
        self.rng = rng
        self.x = np.zeros((size, 1, INPUT_HEIGHT, INPUT_WIDTH), np.float32)
        self.y: list[str] = [""] * size
        self.region: list[str] = [""] * size
        self.extra = extra
        self.n = 0
        self.next = 0
        while self.n < size:
            self.refresh(64)

    def _put(self, x: np.ndarray, label: str, region: str) -> None:
        i = self.next
        self.x[i], self.y[i], self.region[i] = x, label, region
        self.next = (self.next + 1) % len(self.y)
        self.n = min(len(self.y), self.n + 1)

    def refresh(self, k: int) -> None:
        for _ in range(k):
            if self.extra and self.rng.random() < 0.5:
                crop, label = self.extra[int(self.rng.integers(len(self.extra)))]
                self._put(prepare(jitter(crop, self.rng)), label, "own")
                continue
            for s in render.sample(self.rng):
                self._put(prepare(s.crop), s.label, s.region)

    def batch(self, n: int) -> tuple[np.ndarray, list[str]]:
        idx = self.rng.integers(0, self.n, n)
        x = self.x[idx].copy()
        # Cheap extra variety: random contrast inversion is wrong for plates, so only
        # brightness / contrast and a small horizontal shift.
        gain = self.rng.uniform(0.7, 1.2, (n, 1, 1, 1)).astype(np.float32)
        x = np.clip(x * gain + self.rng.normal(0, 0.08, (n, 1, 1, 1)).astype(np.float32), -1, 1)
        return x, [self.y[int(i)] for i in idx]


def validation_set(seed: int, n: int) -> tuple[np.ndarray, list[str], list[str]]:
    rng = np.random.default_rng(seed)
    xs: list[np.ndarray] = []
    ys: list[str] = []
    regions: list[str] = []
    while len(ys) < n:
        for s in render.sample(rng):
            xs.append(prepare(s.crop))
            ys.append(s.label)
            regions.append(s.region)
    return np.stack(xs), ys, regions


def evaluate(net: PlateNet, x: np.ndarray, ys: list[str], regions: list[str]) -> dict[str, float]:
    net.eval()
    hits: dict[str, list[bool]] = {}
    with torch.no_grad():
        for i in range(0, len(ys), 256):
            probs = torch.softmax(net(torch.from_numpy(x[i : i + 256])), dim=2).numpy()
            for j, p in enumerate(probs):
                got = ctc_decode(p).text
                hits.setdefault(regions[i + j], []).append(got == ys[i + j])
    net.train()
    out = {r: round(100 * sum(h) / len(h), 1) for r, h in sorted(hits.items())}
    out["all"] = round(100 * sum(sum(h) for h in hits.values()) / len(ys), 1)
    return out


def export(net: PlateNet, path: Path) -> None:
    net.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 1, INPUT_HEIGHT, INPUT_WIDTH)
    torch.onnx.export(
        Exported(net),
        (dummy,),
        str(path),
        input_names=["image"],
        output_names=["probs"],
        dynamic_axes={"image": {0: "n"}, "probs": {0: "n"}},
        opset_version=17,
        dynamo=False,
    )
    net.train()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--minutes", type=float, default=45.0, help="training time budget")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=4e-3)
    ap.add_argument("--pool", type=int, default=2500, help="rendered samples kept at a time")
    ap.add_argument("--fresh", type=int, default=4, help="new samples rendered per step")
    ap.add_argument("--images", type=Path, help="a shop's own labelled crops to mix in")
    ap.add_argument("--init", type=Path, help="start from these torch weights (fine-tuning)")
    ap.add_argument("--onnx", type=Path, default=DEFAULT_ONNX)
    ap.add_argument("--weights", type=Path, default=DEFAULT_PT)
    ap.add_argument("--val", type=int, default=600, help="synthetic validation samples")
    ap.add_argument("--val-seed", type=int, help="validation renderer seed (default: seed + 1000)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eval-every", type=float, default=420.0, help="seconds between checks")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    extra = load_images(args.images) if args.images else []
    net = PlateNet()
    if args.init:
        net.load_state_dict(torch.load(args.init, map_location="cpu", weights_only=True))
    params = sum(p.numel() for p in net.parameters())
    print(f"PlateNet: {params} parameters, {CLASSES} classes, input {INPUT_HEIGHT}x{INPUT_WIDTH}")
    t0 = time.time()
    val_seed = args.val_seed if args.val_seed is not None else args.seed + 1000
    vx, vy, vr = validation_set(val_seed, args.val)
    pool = Pool(rng, args.pool, extra)
    print(f"pool of {args.pool} and {len(vy)} validation samples in {time.time() - t0:.0f} s")

    if args.init:
        figures = evaluate(net, vx, vy, vr)
        print("initial val exact %", figures)
        sys.stdout.flush()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    budget = args.minutes * 60
    start = time.time()
    step, seen, last_eval, best = 0, 0, start, -1.0
    loss_avg = 0.0
    history: list[dict[str, object]] = []
    while True:
        frac = (time.time() - start) / budget
        if frac >= 1.0:
            break
        warm = min(1.0, (step + 1) / 200)
        lr = args.lr * warm * 0.5 * (1 + math.cos(math.pi * min(1.0, frac)))
        for g in opt.param_groups:
            g["lr"] = max(lr, args.lr * 0.01)
        pool.refresh(args.fresh)
        xb, yb = pool.batch(args.batch)
        targets = [encode(y) for y in yb]
        logits = net(torch.from_numpy(xb))
        logp = logits.log_softmax(2).transpose(0, 1)  # T x N x C
        t_len = torch.full((len(yb),), logp.shape[0], dtype=torch.long)
        y_len = torch.tensor([len(t) for t in targets], dtype=torch.long)
        flat = torch.tensor([i for t in targets for i in t], dtype=torch.long)
        loss = ctc(logp, flat, t_len, y_len)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        step += 1
        seen += len(yb)
        value = float(loss.item())
        loss_avg = 0.98 * loss_avg + 0.02 * value if step > 1 else value
        if step % 100 == 0:
            el = time.time() - start
            print(f"step {step} seen {seen} loss {loss_avg:.3f} lr {lr:.2e} {el / 60:.1f} min")
            sys.stdout.flush()
        if time.time() - last_eval > args.eval_every:
            last_eval = time.time()
            figures = evaluate(net, vx, vy, vr)
            history.append({"step": step, "minutes": round((last_eval - start) / 60, 1), **figures})
            print("val exact %", figures)
            sys.stdout.flush()
            if figures["all"] >= best:
                best = figures["all"]
                args.weights.parent.mkdir(parents=True, exist_ok=True)
                torch.save(net.state_dict(), args.weights)
                export(net, args.onnx)
    figures = evaluate(net, vx, vy, vr)
    history.append({"step": step, "minutes": round((time.time() - start) / 60, 1), **figures})
    print("final val exact %", figures)
    if figures["all"] >= best:
        torch.save(net.state_dict(), args.weights)
        export(net, args.onnx)
        best = figures["all"]
    result = {
        "params": params,
        "steps": step,
        "samples_seen": seen,
        "minutes": round((time.time() - start) / 60, 1),
        "seed": args.seed,
        "val_best_all": best,
        "val_final": figures,
        "history": history,
        "onnx_bytes": args.onnx.stat().st_size if args.onnx.exists() else 0,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
