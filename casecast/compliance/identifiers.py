"""Check digits and shapes of Chinese identifiers: ID numbers (GB 11643), bank cards (Luhn), mobiles."""

from __future__ import annotations

import datetime as dt
import re

#: GB 11643-1999 / ISO 7064 MOD 11-2 weights for the first 17 digits, and the check character per remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
#: Province-level region codes (first two digits): GB/T 2260, plus 83 for Taiwan residents' permits.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
MOBILE = re.compile(r"1[3-9]\d{9}")
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def id_check_char(first17: str) -> str:
    """The check character (0–9 or X) for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def parse_date(digits: str) -> dt.date | None:
    """YYYYMMDD → a date, or None when it is not a real calendar date."""
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def has_id_shape(number: str, today: dt.date | None = None) -> bool:
    """18 characters with a real region code and a real birth date: it reads as an ID number."""
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789Xx":
        return False
    if int(number[:2]) not in PROVINCES:
        return False
    born = parse_date(number[6:14])
    return born is not None and EARLIEST_BIRTH <= born <= (today or dt.date.today())


def has_id15_shape(number: str, today: dt.date | None = None) -> bool:
    """A legacy 15-digit ID number: region code, then a real birth date YYMMDD in the 1900s."""
    if len(number) != 15 or not number.isdigit() or int(number[:2]) not in PROVINCES:
        return False
    born = parse_date("19" + number[6:12])
    return born is not None and EARLIEST_BIRTH <= born <= (today or dt.date.today())


def is_valid_id_number(number: str, today: dt.date | None = None) -> bool:
    """An ID number with a plausible region and birth date and a correct check character."""
    return has_id_shape(number, today) and id_check_char(number[:17]) == number[17].upper()


def luhn_valid(digits: str) -> bool:
    """The Luhn (ISO/IEC 7812) check used by card numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def starts_with_date(digits: str) -> bool:
    """Order and serial numbers often start with YYYYMMDD (1990–2099); no card or ID number does."""
    year = int(digits[:4]) if digits[:4].isdigit() else 0
    return 1990 <= year <= 2099 and parse_date(digits[:8]) is not None


def is_mobile(digits: str) -> bool:
    """A mainland mobile number, optionally with the 86 country code in front."""
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return bool(MOBILE.fullmatch(digits))
