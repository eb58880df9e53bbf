from __future__ import annotations

import pytest

from workshop_app.privacy import mask_name, mask_plate, staff_label


@pytest.mark.parametrize(
    ("plate", "masked"),
    [
        ("粤B12345", "粤B·1**45"),
        ("粤b·12345", "粤B·1**45"),
        ("京A8C2D5", "京A·8**D5"),
        ("粤BD12345", "粤B·D***45"),  # new-energy small car, 8 characters
        ("粤B12345D", "粤B·1***5D"),  # new-energy large vehicle, 8 characters
        ("粤B1234学", "粤B·1**4学"),
    ],
)
def test_chinese_plates_keep_province_letter_first_and_last_two(plate: str, masked: str) -> None:
    assert mask_plate(plate) == masked


@pytest.mark.parametrize(
    "plate", ["粤B12345", "粤BD12345", "AB123CD", "B MW 1234", "7ABC123", "K123"]
)
def test_masked_plate_never_contains_the_full_plate_and_hides_at_least_two(plate: str) -> None:
    masked = mask_plate(plate)
    compact = plate.replace(" ", "").upper()
    assert compact not in masked.replace("·", "")
    assert masked.count("*") >= 2 or (len(compact) <= 4 and masked.count("*") >= len(compact) - 1)


def test_foreign_plates_keep_first_and_last_two() -> None:
    assert mask_plate("AB-123-CD") == "A****CD"
    assert mask_plate("7ABC123") == "7****23"
    assert mask_plate("K123") == "***3"
    assert mask_plate("") == ""


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王芳", "王**"),
        ("王建华", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("诸葛亮", "诸葛**"),
        ("John Smith", "J***"),
        ("  li  ming ", "L***"),
        ("", ""),
    ],
)
def test_names_keep_only_the_surname_or_initial(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_masked_names_do_not_tell_the_length() -> None:
    assert len(mask_name("王芳")) == len(mask_name("王建华"))


def test_technicians_appear_as_master_surname_in_chinese_and_number_in_english() -> None:
    assert staff_label("张伟", "T01", "zh_CN") == "张师傅"
    assert staff_label("欧阳明", "T09", "zh_CN") == "欧阳师傅"
    assert staff_label("张伟", "T01", "en") == "T01"
    assert staff_label("Tom Jones", "T02", "zh_CN") == "T02"
