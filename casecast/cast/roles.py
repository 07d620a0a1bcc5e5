"""Who is speaking: quoted direct speech in a case, and the role (character voice) that reads it.

A case is a story with people in it. Direct speech is found in two forms, as editors write it:

- an utterance (a paragraph, a list item, a blockquote's paragraph) that starts with a speaker and a
  colon: ``骗子说：“……”``, ``对方问：……``, ``王阿姨：……`` (dialogue written as a script);
- a quotation introduced by a speech verb and a colon inside a sentence:
  ``……客服却说：“……”``, ``对方语气严肃，开口就说：“……”`` (the speaker is the words before the verb,
  or the clause before them when those words name nobody).

The speaker's words become a role: ``scammer`` (骗子、对方、自称……的人、冒充的“客服”), ``staff``
(民警、柜员、大堂经理: the ones who warn), ``victim`` (王阿姨、小周、孙先生、表姐: the person in the story
and their family). A case's ``speakers:`` front matter names the rest (``小刘: scammer``). Speech whose
speaker names nobody we know stays with the narrator: a wrong voice is worse than none.
Only who reads a sentence changes; its words (what the compliance gate reads) do not.
"""

from __future__ import annotations

import re
from typing import Mapping

NARRATOR = "narrator"
ROLES: tuple[str, ...] = (NARRATOR, "scammer", "victim", "staff")  #: every role a voice can be given for
CHARACTER_ROLES = ROLES[1:]

#: Markers in a speaker's words, tried in this order (冒充银行工作人员 is a scammer, not staff).
SCAM_MARKERS = ("骗子", "诈骗", "嫌疑人", "冒充", "假冒", "自称", "所谓", "对方", "陌生", "不法分子", "犯罪分子", "假")
STAFF_MARKERS = ("民警", "警察", "警官", "柜员", "大堂经理", "客户经理", "理财经理", "银行工作人员", "本行", "银行",
                 "网点", "反诈", "社区工作人员", "社区民警", "工作人员提醒")
VICTIM_MARKERS = ("阿姨", "大爷", "大妈", "奶奶", "爷爷", "姥姥", "外婆", "先生", "女士", "小姐", "同学", "受害人",
                  "当事人", "老人", "老伴", "儿子", "女儿", "表姐", "表哥", "表妹", "表弟", "姐姐", "哥哥", "妹妹",
                  "弟弟", "妈妈", "爸爸", "母亲", "父亲", "家人", "朋友", "同事", "室友", "师傅")
#: Weaker scam markers: titles that scammers give themselves, read only when nothing above matched.
SCAM_TITLES = ("客服", "专家", "老师", "导师", "主播", "群主", "讲师", "经理", "规划师", "顾问", "男子", "女子", "工作人员")
#: A victim's name in a story is masked or short, at the start of the speaker's words: 王某, 李某某, 小周.
MASKED_NAME = re.compile(r"[\u4e00-\u9fff]某|小[\u4e00-\u9fff]")
MAX_LABELLED_NAME = 6  #: ``王阿姨：`` without a verb is dialogue; a longer run before a colon is a sentence
NOT_PEOPLE = ("诈骗", "冒充", "假冒", "自称", "所谓", "陌生", "假", "本行", "银行", "网点", "反诈", "工作人员提醒")
#: What a speaker's name ends with when it names a person (骗子, 王阿姨, 假客服), for dialogue without a verb.
PERSON_NOUNS = tuple(m for m in (*SCAM_MARKERS, *STAFF_MARKERS, *VICTIM_MARKERS, *SCAM_TITLES) if m not in NOT_PEOPLE)
SHORT_CLAUSE = 4  #: 开口就, 接着又, 却: a verb's clause this short has its subject in the clause before

VERBS = "说|问|称|道|答|喊|讲|叮嘱|提醒|催促|强调|解释|表示"
ADVICE_VERBS = ("提醒", "叮嘱")
CLAUSE_END = "，,。！？!?；;”」"
#: An utterance that opens with a speaker: up to 16 characters, an optional speech verb, a colon.
OPENING = re.compile(rf"^(?P<who>[^{CLAUSE_END}：:“「]{{1,16}}?)(?P<verb>{VERBS})?[：:]\s*(?P<rest>\S.*)$", re.S)
#: A quotation introduced by a speech verb and a colon.
QUOTATION = re.compile(rf"(?P<verb>{VERBS})[：:]\s*(?P<quote>“[^”]*”|「[^」]*」)")

Segment = tuple[str, str]  #: (text, role)


def speaker_role(who: str, speakers: Mapping[str, str] = {}, *, advice: bool = False) -> str | None:  # noqa: B006 - read only
    """The role of the person named in ``who`` (the words before a speech verb), or None.

    ``advice``: the verb is one of warning (提醒, 叮嘱): a title alone (专家提醒) then names one who warns.
    """
    who = who.strip(" \u3000“”\"'「」（）()")
    for name, role in speakers.items():
        if name and name in who:
            return role
    for markers, role in ((SCAM_MARKERS, "scammer"), (STAFF_MARKERS, "staff")):
        if any(marker in who for marker in markers):
            return role
    if MASKED_NAME.match(who) or any(marker in who for marker in VICTIM_MARKERS):
        return "victim"
    if any(marker in who for marker in SCAM_TITLES):
        return "staff" if advice else "scammer"
    return None


def split_speech(utterance: str, speakers: Mapping[str, str] = {}) -> list[Segment]:  # noqa: B006 - read only
    """``utterance`` cut into (text, role) segments, in order; joined, the texts are the utterance."""
    opening = OPENING.match(utterance)
    if opening and (opening["verb"] or _is_a_name(opening["who"], speakers)):
        role = speaker_role(opening["who"], speakers, advice=opening["verb"] in ADVICE_VERBS)
        if role:
            lead, rest = utterance[:opening.start("rest")], opening["rest"]
            quote = re.match(r"“[^”]*”|「[^」]*」", rest)
            if quote and rest[quote.end():].strip():
                return [(lead, NARRATOR), (quote.group(), role), *_quotations(rest[quote.end():], speakers)]
            return [(lead, NARRATOR), (rest, role)]
    return _quotations(utterance, speakers)


def _is_a_name(who: str, speakers: Mapping[str, str]) -> bool:
    """Before a colon without a verb, ``王阿姨：`` or ``骗子：`` is dialogue; ``冒充官方身份：`` or ``提示：`` is a label."""
    who = who.strip(" \u3000*")
    if len(who) > MAX_LABELLED_NAME:
        return False
    return who in speakers or bool(MASKED_NAME.fullmatch(who)) or who.endswith(PERSON_NOUNS)


def _quotations(text: str, speakers: Mapping[str, str]) -> list[Segment]:
    segments: list[Segment] = []
    cursor = 0
    for match in QUOTATION.finditer(text):
        role = _inline_speaker(text[cursor:match.start("verb")], speakers, advice=match["verb"] in ADVICE_VERBS)
        if role is None:
            continue
        segments.append((text[cursor:match.start("quote")], NARRATOR))
        segments.append((match["quote"], role))
        cursor = match.end("quote")
    segments.append((text[cursor:], NARRATOR))
    return [s for s in segments if s[0]]


def _inline_speaker(before: str, speakers: Mapping[str, str], *, advice: bool) -> str | None:
    """The role named just before a speech verb: in its own clause, or, when that clause is only a few
    words naming nobody (对方语气严肃，开口就说), in the clause before it."""
    clauses = re.split(f"[{CLAUSE_END}]", before)
    role = speaker_role(clauses[-1], speakers, advice=advice)
    if role is None and len(clauses) > 1 and len(clauses[-1].strip()) <= SHORT_CLAUSE:
        role = speaker_role(clauses[-2], speakers, advice=advice)
    return role
