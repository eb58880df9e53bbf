from __future__ import annotations

from workshop_app.plates.matching import KnownPlate, match_plate, plate_distance, plate_similarity


def test_confusable_swaps_cost_less_than_real_substitutions() -> None:
    assert plate_distance("粤B8O1Z3", "粤B80123") == 0.5  # O/0 and Z/2
    assert plate_distance("粤B12345", "粤B12346") == 1.0
    assert plate_distance("粤B12345", "粤B12345") == 0.0
    for a, b in [
        ("0", "D"),
        ("0", "Q"),
        ("8", "B"),
        ("1", "I"),
        ("1", "L"),
        ("2", "Z"),
        ("5", "S"),
        ("6", "G"),
    ]:
        assert plate_distance(a, b) < 1.0


def test_distance_counts_missing_and_extra_characters() -> None:
    assert plate_distance("粤B1234", "粤B12345") == 1.0
    assert plate_distance("", "AB") == 2.0
    assert plate_similarity("", "") == 0.0


def test_misread_plate_finds_its_appointment_and_is_accepted() -> None:
    cands = [KnownPlate("粤B80123", "appointment", 7), KnownPlate("粤A55555", "known_vehicle", 9)]
    matches = match_plate("粤B8O123", cands, accept_score=0.85)
    assert matches[0].candidate.ref == 7
    assert matches[0].accepted
    assert all(m.candidate.ref != 9 for m in matches)


def test_two_look_alike_bookings_are_not_auto_accepted() -> None:
    cands = [KnownPlate("粤B80123", "appointment"), KnownPlate("粤BB0123", "appointment")]
    matches = match_plate("粤B80123", cands)
    assert not matches[0].accepted
    assert len(matches) == 2


def test_a_weak_match_is_offered_but_not_accepted() -> None:
    matches = match_plate("粤B12399", [KnownPlate("粤B12345", "open_ro")], accept_score=0.85)
    assert matches and not matches[0].accepted


def test_equal_scores_put_appointments_before_known_vehicles() -> None:
    cands = [KnownPlate("粤B12345", "known_vehicle", 1), KnownPlate("粤B12345", "appointment", 2)]
    matches = match_plate("粤B12345", cands)
    assert [m.candidate.ref for m in matches] == [2, 1]
    assert matches[0].accepted  # the same plate twice is no rival


def test_empty_read_matches_nothing() -> None:
    assert match_plate(" ", [KnownPlate("粤B12345")]) == []
