"""Personal names in running text: a surname from the pack's list plus one or two given-name
characters, confirmed by jieba's person-name tag (nr) or by a role word around it.

    客户张建国 / 大学生王浩然 / 张建国老人 / 受害人李秀英向警方…   → names
    张某 / 张某某 / 王阿姨 / 李先生 / 小张 / 老王 / 赵大爷 / 王秀珍（化名）→ masked or generic, passed

A candidate is only segmented when cheap checks leave it standing, and only its clause is
segmented (see segment.py), so the gate stays fast on long texts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from .segment import Word, dictionary_frequency, dictionary_tag, tagged_words

if TYPE_CHECKING:
    from .ruleset import PrivacyLexicon

HAN = re.compile(r"[\u4e00-\u9fff]")
CLAUSE_BREAK = re.compile(r"[。！？!?；;，,、：:（）()“”‘’「」《》\[\]【】\n|*#>]")
#: Characters that start no given name: particles, prepositions, pronouns, measure words.
NOT_GIVEN = frozenset("的了在是和与也都就被把向对让给从到为以等着过们这那个某说称去来又才还很不没要会能可将已便却随因正仍曾先再早刚竟用拿带得地并及或跟同")
#: jieba tags a given name can carry when the segmenter splits it from the surname.
GIVEN_TAGS = ("nr", "nz", "n", "a", "ns", "ng", "an", "vn", "j", "i", "l", "t", "s")
PREFIX_MASKS = ("小", "老", "阿")
#: jieba tags of a "surname" that is a function word here: 向 (towards), 和 (and), 于 (at) …
FUNCTION_TAGS = ("p", "c", "u", "d", "r", "m", "q", "f", "y", "e", "o", "x")
PSEUDONYM = ("（化名", "(化名", "化名）", "化名)")


def find_names(text: str, lexicon: "PrivacyLexicon") -> Iterator[tuple[int, int]]:
    """(start, end) of every unmasked full name in ``text``."""
    cues_before, firsts = lexicon.name_cues_before, lexicon.name_cue_after_firsts
    for match in lexicon.surname.finditer(text):
        start, given_at = match.start(), match.end()
        before = text.endswith(cues_before, start - 6 if start > 6 else 0, start)
        if not before and is_ordinary_word(text[start - 1 if start else 0:start + 4], 1 if start else 0) \
                and not _given_is_a_name(text, start, given_at, lexicon):
            # 高风险, 方式, 于是: by far the most common case, decided from memory; only a role
            # word right after (欧阳文华老人) keeps it
            if text[given_at + 1:given_at + 2] not in firsts and text[given_at + 2:given_at + 3] not in firsts:
                continue
            if not (_cue_after(text, given_at + 1, lexicon) or _cue_after(text, given_at + 2, lexicon)):
                continue
        found = _judge(text, start, given_at - start, before, lexicon)
        if found and not _exempt(text, start, found, lexicon):
            yield start, start + len(found)


def _given_is_a_name(text: str, start: int, given_at: int, lexicon: "PrivacyLexicon") -> bool:
    """给钱玉珍, 上了周红梅: the surname ends an everyday word, but what follows is a given name
    in jieba's dictionary, and the three characters are no dictionary word."""
    given = text[given_at:given_at + 2]
    tag = dictionary_tag(given)
    return bool(tag and tag.startswith("nr")) and dictionary_tag(text[start:given_at + 2]) is None \
        and dictionary_frequency(given) < lexicon.famous_name_frequency


def _judge(text: str, start: int, surname_len: int, before: bool, lexicon: "PrivacyLexicon") -> str | None:
    given_at = start + surname_len
    given = text[given_at:given_at + 2]
    if start and text[start - 1] in PREFIX_MASKS and not before:
        return None  # 小张, 老王, 阿强
    if given.startswith(lexicon.name_titles) or not lexicon.mask_chars.isdisjoint(given):
        return None  # 王阿姨, 李先生, 张某
    lo, hi = _clause(text, start)
    name = _name_from_words(tagged_words(text[lo:hi]), start - lo, surname_len, before, text, lexicon, start)
    if name is None or _is_famous(name, lexicon) and not before:
        return None
    return name


def _name_from_words(words: tuple[Word, ...], rel: int, surname_len: int, before: bool, text: str,
                     lexicon: "PrivacyLexicon", start: int) -> str | None:
    """The name the clause's words make at ``rel``: a 3-character nr word, a surname word and a
    given-name word, or, with a role word before or after, the surname and what follows it."""
    index = next((i for i, w in enumerate(words) if w.start == rel), None)
    if index is None:
        # the surname ended the word before (给钱/玉珍): a two-character nr word right after it
        given = next((w for w in words if w.start == rel + surname_len), None)
        if surname_len == 1 and given and len(given.text) == 2 and given.tag.startswith("nr") \
                and dictionary_frequency(given.text) < lexicon.famous_name_frequency:
            return _strip_title(text[start:start + 3], surname_len, lexicon)
        return None
    word = words[index]
    if word.tag.startswith(("p", "c", "u") if before else FUNCTION_TAGS) and not _rare_nr_after(words, index, lexicon):
        return None  # 向李大爷: 向 is a preposition here, not a surname
    if word.tag.startswith("nr") and surname_len < len(word.text) <= surname_len + 2:
        name = _strip_title(word.text, surname_len, lexicon)
        if name and len(name) == surname_len + 1:
            if index + 1 < len(words):
                name = _extend(name, words[index + 1], before)
            if len(name) == surname_len + 1 and not (before or _cue_after(text, start + len(name), lexicon)):
                return None  # a two-character nr word alone (高达, 康养) is too weak a sign
        return name
    if len(word.text) != surname_len:
        return None
    given = _given_after(words, index)
    if given is None:
        return None
    name = word.text + given
    after = _cue_after(text, start + len(name), lexicon)
    follows = words[index + 1]
    strong = follows.tag.startswith("nr") and len(follows.text) == 2 \
        and dictionary_frequency(follows.text) < lexicon.famous_name_frequency  # 何/淑珍, 周/红梅 (not 顾问)
    if not (before or after or strong or word.tag.startswith("nr") and follows.tag.startswith(("nr", "nz"))):
        return None
    return _strip_title(name, surname_len, lexicon)


def _rare_nr_after(words: tuple[Word, ...], index: int, lexicon: "PrivacyLexicon") -> bool:
    """何/淑珍: the next word is a rare two-character name word, so the "pronoun" is a surname."""
    if index + 1 >= len(words) or words[index].tag.startswith(("p", "c", "u")):
        return False
    follows = words[index + 1]
    return len(follows.text) == 2 and follows.tag.startswith("nr") and dictionary_frequency(follows.text) < lexicon.famous_name_frequency


def _extend(name: str, following: Word, before: bool) -> str:
    """杨德 + 福将 → 杨德福 after a role word: jieba's HMM cut a three-character name short."""
    char = following.text[0]
    if before and HAN.match(char) and char not in NOT_GIVEN and not following.tag.startswith(FUNCTION_TAGS):
        return name + char
    return name


def _given_after(words: tuple[Word, ...], index: int) -> str | None:
    """One or two given-name characters in the words after the surname."""
    if index + 1 >= len(words):
        return None
    first = words[index + 1]
    if not HAN.match(first.text[0]) or first.text[0] in NOT_GIVEN or not first.tag.startswith(GIVEN_TAGS):
        return None
    if len(first.text) == 2:
        return first.text
    if len(first.text) == 1:
        second = words[index + 2] if index + 2 < len(words) else None
        if second and len(second.text) == 1 and HAN.match(second.text) and second.text not in NOT_GIVEN:
            return first.text + second.text
        return first.text
    return None


def _strip_title(name: str, surname_len: int, lexicon: "PrivacyLexicon") -> str | None:
    given = name[surname_len:]
    if given.startswith(lexicon.name_titles) or any(m in given for m in lexicon.name_masks):
        return None
    return name


def _cue_before(text: str, start: int, lexicon: "PrivacyLexicon") -> bool:
    return text.endswith(lexicon.name_cues_before, max(0, start - 6), start)


def _cue_after(text: str, position: int, lexicon: "PrivacyLexicon") -> bool:
    """A role word (老人, 阿姨 …) right at ``position``."""
    return text.startswith(lexicon.name_cues_after, position)


@lru_cache(maxsize=65536)
def is_ordinary_word(window: str, at: int) -> bool:
    """The surname character at ``window[at]`` is part of an everyday word (高风险, 国王, 于是,
    钱包): a dictionary word, not tagged as a name, ends on it or starts with it. Memoised on the
    five characters around it; everyday words repeat across every text."""
    if at and (tag := dictionary_tag(window[:2])) and not tag.startswith("nr"):
        return True
    for length in (2, 3, 4):
        tag = dictionary_tag(window[at:at + length])
        if tag and not tag.startswith("nr"):
            return True
    return False


def _is_famous(name: str, lexicon: "PrivacyLexicon") -> bool:
    """A frequent dictionary "name" is a public figure or an everyday word jieba tags nr
    (毛泽东, 孙子, 石家庄, 张家界), not a private person."""
    return dictionary_frequency(name) >= lexicon.famous_name_frequency


def _clause(text: str, start: int) -> tuple[int, int]:
    lo = start
    while lo > 0 and start - lo < 24 and not CLAUSE_BREAK.match(text[lo - 1]):
        lo -= 1
    found = CLAUSE_BREAK.search(text, start, min(len(text), start + 24))
    return lo, found.start() if found else min(len(text), start + 24)


def _exempt(text: str, start: int, name: str, lexicon: "PrivacyLexicon") -> bool:
    end = start + len(name)
    if name in lexicon.public_names:
        return True
    if text.startswith(PSEUDONYM, end) or "化名" in text[max(0, start - 4):start]:
        return True
    return False
