"""Which booked or known vehicle is this plate? Confusable-aware, DB-free.

The reader may swap look-alike characters (0/O/D/Q, 8/B, 1/I/L, 2/Z, 5/S, 6/G). The edit
distance here charges such a swap only a fraction of a real substitution, so ``粤B8O1Z3``
still finds ``粤B80123``. The caller (the intake service) feeds candidates from the
database; only a clear winner above ``accept_score`` is accepted without asking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workshop_app.plates.grammar import normalise_plate

CONFUSABLE_GROUPS = ("0ODQ", "8B", "1IL", "2Z", "5S", "6G")
CONFUSABLE_COST = 0.25
_GROUP = {c: i for i, g in enumerate(CONFUSABLE_GROUPS) for c in g}
# The labels a candidate may carry, most telling first (ties go to the earlier one).
LABEL_ORDER = ("appointment", "open_ro", "known_vehicle")


@dataclass(frozen=True, slots=True)
class KnownPlate:
    """A plate the shop expects or knows, with why (``label``) and a caller's reference."""

    plate: str
    label: str = "known_vehicle"
    ref: object = None


@dataclass(frozen=True, slots=True)
class Match:
    candidate: KnownPlate
    score: float  # 1.0 = identical
    distance: float
    accepted: bool = False


def substitution_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    ga, gb = _GROUP.get(a), _GROUP.get(b)
    return CONFUSABLE_COST if ga is not None and ga == gb else 1.0


def plate_distance(a: str, b: str) -> float:
    """Levenshtein distance where look-alike substitutions cost ``CONFUSABLE_COST``."""
    a, b = normalise_plate(a), normalise_plate(b)
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + substitution_cost(ca, cb)))
        prev = cur
    return prev[-1]


def plate_similarity(a: str, b: str) -> float:
    n = max(len(normalise_plate(a)), len(normalise_plate(b)))
    return 0.0 if n == 0 else max(0.0, 1.0 - plate_distance(a, b) / n)


def match_plate(
    read: str,
    candidates: Iterable[KnownPlate],
    *,
    accept_score: float = 0.85,
    min_score: float = 0.5,
    margin: float = 0.05,
) -> list[Match]:
    """Candidates scored against the read plate, best first (below ``min_score`` dropped).

    The best is ``accepted`` only when its score reaches ``accept_score`` and no other
    plate scores within ``margin`` of it (two look-alike bookings: ask the advisor).
    """
    if not normalise_plate(read):
        return []
    scored: list[Match] = []
    for cand in candidates:
        d = plate_distance(read, cand.plate)
        s = plate_similarity(read, cand.plate)
        if s >= min_score:
            scored.append(Match(cand, round(s, 4), round(d, 4)))
    rank = {label: i for i, label in enumerate(LABEL_ORDER)}
    scored.sort(key=lambda m: (-m.score, rank.get(m.candidate.label, len(rank))))
    if not scored:
        return []
    best = scored[0]
    rivals = [
        m
        for m in scored[1:]
        if normalise_plate(m.candidate.plate) != normalise_plate(best.candidate.plate)
        and m.score > best.score - margin
    ]
    if best.score >= accept_score and not rivals:
        scored[0] = Match(best.candidate, best.score, best.distance, accepted=True)
    return scored
