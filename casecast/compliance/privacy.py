"""Personal data (pack P): mobiles, landlines, ID numbers, bank cards, passports, plates, QQ and
WeChat IDs, e-mail addresses, names and home addresses.

The text is first read through ``digits_view`` (same length, so offsets hold): full-width
characters become ASCII, zero-width and other odd spaces become plain spaces, dashes become
hyphens, and runs of 11 or more Chinese digits become digits. Numbers are then read as runs of
digits grouped by single spaces or hyphens (138 0013 8000, 6222-0212-3456-7890). A run is judged
as a whole first; when the whole is nothing, its groups are tried (13812345678 2 次,
13912345678 13712345678), so a mobile is never hidden by a neighbouring number.
"""

from __future__ import annotations

import re
from typing import Iterator

from .hits import Hit
from .identifiers import has_id_shape, has_id15_shape, is_mobile, is_valid_id_number, luhn_valid, starts_with_date
from .names import find_names
from .ruleset import PrivacyLexicon, RuleSet

NUMBER = re.compile(r"\d(?<!\d\d)\d*(?:[ \-]\d+)*[Xx]?(?![0-9A-Za-z])")
URL = re.compile(r"(?:https?|ftp)://[^\s)）\]>\"'“”]+", re.I)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+*-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?![A-Za-z0-9-])")
EMAIL_TLD = re.compile(r"\.[A-Za-z]{2,}$")
LANDLINE_BRACKETED = re.compile(r"[(（]\s?(0\d{2,3})\s?[)）]\s?(\d{3,4}[ \-]?\d{3,4})(?![\d*])")
PASSPORT = re.compile(r"[EGeg](?<![A-Za-z0-9][EGeg])(?: ?\d{4} ?\d{4}|[A-HJ-NP-Za-hj-np-z] ?\d{7})(?![0-9A-Za-z])")
PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•. ]?([A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9*])"
)
CHINESE_DIGIT_RUN = re.compile("[零〇一二三四五六七八九幺]{11,}")
TO_ASCII = str.maketrans("零〇一二三四五六七八九幺", "00123456789" "1")
#: Full-width ASCII (！ … ～) to ASCII; zero-width and wide spaces to a space; dashes to a hyphen.
NORMALISE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if not 0xFF1A <= code <= 0xFF1F}
NORMALISE[0xFF0B] = ord("+")  # ＋86
NORMALISE[0xFF0D] = ord("-")
NORMALISE.update({ord(c): " " for c in "\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000\u2009\u202f"})
NORMALISE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
ODD_CHARS = re.compile("[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a\uff0b\uff0d\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000\u2009\u202f\u2010-\u2014\u2212]")
CURRENCY_BEFORE = ("¥", "￥", "$", "€", "£")
DIGIT = r"[0-9一二三四五六七八九十百零〇两]+"
ROOM = rf"{DIGIT}\s*(?:室|房|户|号楼|栋|幢|单元|楼|座)"
ADDRESS_HINT = re.compile(rf"(?:路|街|道|巷|胡同|弄|小区|花园|公寓|家园|新村|苑|大厦|社区|村)\s*{DIGIT}|村{DIGIT}组")
ADDRESS = re.compile(
    rf"[\u4e00-\u9fff]{{1,10}}?(?:路|街|大道|巷|胡同)(?:{DIGIT}段)?\s*{DIGIT}\s*(?:弄|号)[^\n。；;，,！？]{{0,10}}?{ROOM}(?:\s*{DIGIT}\s*(?:室|房)?)?"
    rf"|[\u4e00-\u9fff]{{2,10}}?(?:小区|花园|公寓|家园|新村|苑|大厦|社区)\s*{DIGIT}\s*(?:栋|幢|号楼|座)(?:[^\n。；;，,！？]{{0,8}}?{ROOM})?"
    rf"|[\u4e00-\u9fff]{{1,6}}?村[一二三四五六七八九十0-9]{{1,3}}组"
    rf"|(?<=住在|住址|家住)[^\n。；;，,！？]{{0,16}}?(?:路|街|大道|巷|胡同)\s*{DIGIT}\s*(?:弄|号)"
    rf"|(?<=住址：|住址:)[^\n。；;，,！？]{{0,16}}?(?:路|街|大道|巷|胡同)\s*{DIGIT}\s*(?:弄|号)"
)


def find_personal_data(text: str, rules: RuleSet, public_numbers: frozenset[str]) -> list[Hit]:
    """Every personal-data item whose detector is enabled, in text order.

    ``public_numbers`` holds the digits of public numbers and the lower-cased public e-mail addresses.
    """
    readable = digits_view(text)
    hits: list[Hit] = []
    for detector, start, end in _numbers(readable, rules.privacy, public_numbers):
        _add(hits, rules, detector, text, start, end)
    for detector, start, end in _other_items(readable, rules.privacy, public_numbers):
        _add(hits, rules, detector, text, start, end)
    return _without_overlaps(sorted(hits, key=lambda h: (h.start, h.start - h.end)))


def digits_view(text: str) -> str:
    """The text with full-width digits, letters and ＠, zero-width and wide spaces, dashes and
    Chinese-digit runs in ASCII (same length). Full-width punctuation such as ，（） stays."""
    if ODD_CHARS.search(text):
        text = text.translate(NORMALISE)
    if CHINESE_DIGIT_RUN.search(text):
        text = CHINESE_DIGIT_RUN.sub(lambda m: m.group().translate(TO_ASCII), text)
    return text


def _add(hits: list[Hit], rules: RuleSet, detector: str, text: str, start: int, end: int) -> None:
    rule = rules.detectors.get(detector)
    if rule is not None:
        hits.append(Hit(rule, start, end, text[start:end]))


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    kept: list[Hit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _numbers(text: str, lexicon: PrivacyLexicon, public: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    urls = [m.span() for m in URL.finditer(text)] if "://" in text else []
    for match in NUMBER.finditer(text):
        if len(match.group()) < 10:
            continue
        in_url = any(s <= match.start() < e for s, e in urls)
        letter_before = match.start() > 0 and text[match.start() - 1].isascii() and text[match.start() - 1].isalpha()
        yield from _judge_run(text, match, lexicon, public, in_url=in_url, letter_before=letter_before)
    for match in LANDLINE_BRACKETED.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if _is_landline(digits) and not _institution(text, match.start(), lexicon):
            yield "landline", match.start(), match.end()


def _judge_run(text: str, match: re.Match[str], lexicon: PrivacyLexicon, public: frozenset[str], *,
               in_url: bool, letter_before: bool) -> Iterator[tuple[str, int, int]]:
    """The run as a whole; when that is nothing or only card-like, the longest runs of its groups."""
    groups = [(g.start() + match.start(), g.end() + match.start()) for g in re.finditer(r"\d+[Xx]?", match.group())]
    labelled = _has_serial_label(text, match.start(), lexicon)

    def judge(first: int, stop: int) -> str | None:
        return _classify_span(text, groups[first][0], groups[stop - 1][1], lexicon, public, in_url=in_url,
                              labelled=labelled, letter_before=letter_before and first == 0)

    whole = judge(0, len(groups))
    if whole not in (None, "card-like") or len(groups) == 1:
        if whole:
            yield whole, match.start(), match.end()
        return
    parts, position = [], 0
    while position < len(groups):
        for stop in range(len(groups) - (position == 0), position, -1):
            detector = judge(position, stop)
            if detector and detector != "card-like":
                parts.append((detector, groups[position][0], groups[stop - 1][1]))
                position = stop
                break
        else:
            position += 1
    if parts:
        yield from parts
    elif whole:
        yield whole, match.start(), match.end()


def _classify_span(text: str, start: int, end: int, lexicon: PrivacyLexicon, public: frozenset[str], *,
                   in_url: bool, labelled: bool, letter_before: bool) -> str | None:
    digits = re.sub(r"[ \-]", "", text[start:end])
    if len(digits) < 10 or digits in public or lexicon.public.fullmatch(digits) or _is_amount(text, start, end, lexicon):
        return None
    if letter_before:
        return "mobile" if is_mobile(digits) else None  # a heading id or code: {#p13812345678}
    if digits[0] == "0" and _is_landline(digits) and not labelled and not in_url:
        return None if _institution(text, start, lexicon) else "landline"
    return classify_number(digits, in_url=in_url, labelled=labelled)


def classify_number(digits: str, *, in_url: bool = False, labelled: bool = False) -> str | None:
    """Which detector a run of digits (with an optional final X) belongs to, if any.

    Order: a mobile; a valid ID number (18 digits, or 15 digits with a real region and birth
    date when not labelled as a serial); then, for 16–19 digits that are not an order number (a
    serial label just before it, or a YYYYMMDD start): ID-shaped (region code and birth date) → an
    ID with a wrong check digit, Luhn-valid → bank card, anything else → card-like. Inside a URL
    only mobiles and valid 18-digit IDs count.
    """
    if digits[-1] in "Xx":
        if len(digits) != 18:
            return None
        return "id-number" if is_valid_id_number(digits) else "id-number-unverified" if has_id_shape(digits) and not in_url else None
    if is_mobile(digits):
        return "mobile"
    if len(digits) == 18 and is_valid_id_number(digits):
        return "id-number"
    if len(digits) == 15 and not in_url and not labelled and has_id15_shape(digits):
        return "id-number"
    if not 16 <= len(digits) <= 19 or in_url or labelled or starts_with_date(digits):
        return None
    if has_id_shape(digits):
        return "id-number-unverified"
    return "bank-card" if luhn_valid(digits) else "card-like"


def _is_landline(digits: str) -> bool:
    """Area code (010, 02X, or 0 + three digits not starting 0/1/2) and a 7–8 digit number."""
    if digits.startswith(("010", "02")):
        return len(digits) - 3 in (7, 8) and digits[3] not in "01"
    return digits[:2] not in ("00", "01") and len(digits) - 4 in (7, 8) and digits[4] not in "01"


def _institution(text: str, start: int, lexicon: PrivacyLexicon) -> bool:
    """A landline in a clause naming an institution's desk (网点, 客服, 派出所 …) is public."""
    lo = start
    while lo > 0 and start - lo < 30 and text[lo - 1] not in "。！？；;，,\n":
        lo -= 1
    clause = text[lo:start]
    return any(word in clause for word in lexicon.institution_contacts)


def _is_amount(text: str, start: int, end: int, lexicon: PrivacyLexicon) -> bool:
    before = text[max(0, start - 1):start]
    return before in CURRENCY_BEFORE or bool(lexicon.amount_unit.match(text, end))


def _has_serial_label(text: str, start: int, lexicon: PrivacyLexicon) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(lexicon.serial_label.search(text[max(line_start, start - 16):start]))


def _other_items(text: str, lexicon: PrivacyLexicon, public: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    if "@" in text:
        for match in EMAIL.finditer(text):
            address = match.group()
            domain = address.rsplit("@", 1)[1]
            if address.lower() in public or not (EMAIL_TLD.search(domain) or domain.lower() in lexicon.example_domains):
                continue
            yield "email", match.start(), match.end()
    yield from _labelled_accounts(text, lexicon)
    for match in PASSPORT.finditer(text):
        if not _has_serial_label(text, match.start(), lexicon):
            yield "passport", match.start(), match.end()
    for match in PLATE.finditer(text):
        if sum(c.isdigit() for c in match.group(1)) >= 2:
            yield "plate", match.start(), match.end()
    for match in lexicon.name.finditer(text):
        name = trim_name(match.group(1), lexicon)
        if name and not is_masked_name(name, lexicon):
            yield "name", match.start(1), match.start(1) + len(name)
    for start, end in find_names(text, lexicon):
        yield "name", start, end
    if "|" in text:
        yield from _name_columns(text, lexicon)
    if ADDRESS_HINT.search(text):
        for match in ADDRESS.finditer(text):
            yield "address", match.start(), match.end()


def _labelled_accounts(text: str, lexicon: PrivacyLexicon) -> Iterator[tuple[str, int, int]]:
    """QQ numbers and WeChat IDs right after their label (QQ号：12345678, 微信：zhang_88)."""
    if "Q" in text or "q" in text:
        for match in lexicon.qq.finditer(text):
            yield "qq", match.start(1), match.end(1)
    for match in lexicon.wechat.finditer(text):
        yield "wechat", match.start(1), match.end(1)


TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)


def _name_columns(text: str, lexicon: PrivacyLexicon) -> Iterator[tuple[str, int, int]]:
    """Cells under a table header that is a name label (| 姓名 | 年龄 |)."""
    column: int | None = None
    for match in TABLE_ROW.finditer(text):
        cells = [(c.start(), c.group()) for c in re.finditer(r"[^|]+", match.group())]
        cells = [(match.start() + s, c) for s, c in cells if c.strip()]
        labels = [c.strip() for _, c in cells]
        if any(lexicon.name.match(f"{label}：张三") for label in labels) and column is None:
            column = next(i for i, label in enumerate(labels) if lexicon.name.match(f"{label}：张三"))
            continue
        if column is None or set("".join(labels)) <= set("-: "):
            continue
        if column < len(cells):
            start, cell = cells[column]
            name = cell.strip()
            if re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", name) and not is_masked_name(name, lexicon):
                offset = start + cell.index(name)
                yield "name", offset, offset + len(name)


def trim_name(name: str, lexicon: PrivacyLexicon) -> str:
    """The name without a following field label (姓名：张三性别：男 → 张三)."""
    for stop in lexicon.name_stops:
        index = name.find(stop)
        if index != -1:
            name = name[:index]
    return name if len(name) >= 2 else ""


def is_masked_name(name: str, lexicon: PrivacyLexicon) -> bool:
    return (
        any(mask in name for mask in lexicon.name_masks)
        or name.endswith(lexicon.name_titles)
        or name in lexicon.name_placeholders
    )
