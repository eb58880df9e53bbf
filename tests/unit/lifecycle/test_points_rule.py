"""The points rule: per yuan, per payer and way of paying, rounded down; never on points."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from workshop_app.config import load_settings
from workshop_app.errors import InvalidInput
from workshop_app.lifecycle.points_rule import LoyaltyRule

D = Decimal


def test_one_point_per_yuan_paid_by_the_customer_rounded_down() -> None:
    rule = LoyaltyRule(D("1"))
    pays = [("customer", "wechat", D("123.99")), ("customer", "cash", D("10.50"))]
    assert rule.points_for(pays) == 134  # 134.49 -> 134


def test_only_the_payers_and_methods_the_rule_names_earn() -> None:
    rule = LoyaltyRule(D("2"), payers=("customer",), methods=("card",))
    pays = [
        ("customer", "card", D("100.00")),
        ("customer", "cash", D("50.00")),  # not a way that earns
        ("warranty", "account", D("900.00")),  # the OEM's share earns the customer nothing
        ("insurer", "card", D("300.00")),
    ]
    assert rule.basis(pays) == D("100.00")
    assert rule.points_for(pays) == 200


def test_a_fractional_rate_and_a_zero_rate() -> None:
    assert LoyaltyRule(D("0.1")).points_for([("customer", "alipay", D("99.99"))]) == 9
    assert LoyaltyRule(D("0")).points_for([("customer", "alipay", D("99.99"))]) == 0


def test_refunds_and_nothing_paid_earn_nothing() -> None:
    rule = LoyaltyRule(D("1"))
    assert LoyaltyRule().points_for([("customer", "cash", D("100"))]) == 0  # off by default
    assert rule.points_for([]) == 0
    assert rule.points_for([("customer", "cash", D("-20.00"))]) == 0


@pytest.mark.parametrize(
    ("payers", "methods"),
    [(("customer",), ("cash", "points")), (("customer", "points"), ("cash",))],
)
def test_a_rule_that_would_earn_on_points_is_refused(
    payers: tuple[str, ...], methods: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidInput, match="points"):
        LoyaltyRule(D("1"), payers=payers, methods=methods)


def test_a_config_file_with_points_in_the_rule_is_refused_naming_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "workshop.toml"
    cfg.write_text('[loyalty]\npoints_per_yuan = "1"\nmethods = ["cash", "points"]\n', "utf-8")
    with pytest.raises(InvalidInput, match=r"loyalty\.methods.*points"):
        load_settings(cfg, env={})
    cfg.write_text('[loyalty]\npayers = ["customer", "nobody"]\n', "utf-8")
    with pytest.raises(InvalidInput, match=r"loyalty\.payers"):
        load_settings(cfg, env={})
    cfg.write_text('[loyalty]\npoints_per_yuan = "-1"\n', "utf-8")
    with pytest.raises(InvalidInput, match=r"loyalty\.points_per_yuan"):
        load_settings(cfg, env={})
    cfg.write_text('[loyalty]\npoints_per_yuan = "0.5"\nmethods = ["card"]\n', "utf-8")
    s = load_settings(cfg, env={})
    assert LoyaltyRule.from_settings(s.loyalty).points_for([("customer", "card", D("9"))]) == 4


def test_a_negative_rate_is_refused() -> None:
    with pytest.raises(InvalidInput):
        LoyaltyRule(D("-1"))
