"""GB 11643 check digits, Luhn, and how digit runs are classified (checksum-invalid IDs, non-Luhn cards)."""

from __future__ import annotations

import datetime as dt

import pytest

from casecast.compliance.identifiers import (
    has_id_shape,
    id_check_char,
    is_mobile,
    is_valid_id_number,
    luhn_valid,
    starts_with_date,
)
from casecast.compliance.privacy import classify_number


def test_id_check_char_follows_iso_7064_mod_11_2():
    # the GB 11643-1999 worked example and a check digit of X
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44030420000229123") == "6"


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", "440304200002291236"])
def test_valid_id_numbers_are_recognised(number):
    assert is_valid_id_number(number)


@pytest.mark.parametrize(
    "number, why",
    [
        ("110105194912310020", "wrong check digit"),
        ("440304200102291230", "29 February 2001 does not exist"),
        ("990105194912310021", "99 is not a province"),
        ("11010521991231002X", "born in the future"),
        ("11010518891231002X", "born before 1900"),
    ],
)
def test_invalid_id_numbers_are_rejected(number, why):
    assert not is_valid_id_number(number, today=dt.date(2025, 1, 1)), why


def test_checksum_invalid_id_still_has_the_shape_of_an_id():
    assert has_id_shape("110105194912310020")
    assert not has_id_shape("622848012345678900")  # a card: 0123-45-67 is no birth date


@pytest.mark.parametrize("digits", ["6222021234567890128", "4367421234567890129", "79927398713"])
def test_luhn_accepts_valid_numbers(digits):
    assert luhn_valid(digits)


@pytest.mark.parametrize("digits", ["6222021234567890129", "9558801234567890129", "79927398710"])
def test_luhn_rejects_invalid_numbers(digits):
    assert not luhn_valid(digits)


def test_mobile_numbers_with_and_without_country_code():
    assert is_mobile("13912345678") and is_mobile("8613912345678")
    assert not is_mobile("12912345678") and not is_mobile("1391234567")


def test_order_numbers_start_with_a_date():
    assert starts_with_date("2024031512345678901")
    assert not starts_with_date("2024133112345678901")  # month 13
    assert not starts_with_date("6222021234567890128")


@pytest.mark.parametrize(
    "digits, detector",
    [
        ("13912345678", "mobile"),
        ("11010519491231002X", "id-number"),
        ("110105194912310020", "id-number-unverified"),  # checksum-invalid ID: a warning
        ("110105194912310021", "id-number-unverified"),
        ("6222021234567890128", "bank-card"),  # Luhn-valid: an error
        ("6222021234567890129", "card-like"),  # 16–19 digits, not Luhn: a warning
        ("9558801234567890129", "card-like"),
        ("2024031512345678901", None),  # starts with a date: an order number
        ("20240315", None),
        ("123456789012", None),
        ("12345678901234567890", None),  # 20 digits: no card has that many
    ],
)
def test_classify_number(digits, detector):
    assert classify_number(digits) == detector


def test_classify_number_skips_labelled_serials_and_cards_in_urls_but_not_valid_ids():
    assert classify_number("6222021234567890128", labelled=True) is None
    assert classify_number("6222021234567890129", in_url=True) is None
    assert classify_number("110105194912310020", in_url=True) is None
    assert classify_number("11010519491231002X", in_url=True) == "id-number"
