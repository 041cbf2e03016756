# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Terms of a customer's text (ticket, survey comment): plain Python, no ORM.

Chinese runs are segmented with jieba (MIT, maintained on PyPI); Latin runs with a
regex. Stop words, numbers, punctuation and one-character Chinese tokens are
dropped. The stop-word lists are ours (LGPL-3, like the addon): a short list of
Chinese function words and support-desk filler, and the usual English function
words, both written for this suite rather than copied from a corpus.
"""

import logging
import re
from collections import Counter

# CJK ideographs (basic block and extension A) form the runs given to jieba.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
LATIN_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]")
# Longest term kept: longer ones are pasted identifiers, URLs or noise.
MAX_TERM_LENGTH = 32

STOP_WORDS_ZH = frozenset(
    """
    我们 你们 他们 她们 它们 自己 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 怎么办
    为什么 如何 哪里 哪个 可以 可能 能够 应该 需要 还是 或者 而且 但是 不过 因为 所以 如果
    虽然 然后 已经 一直 一下 一个 一些 一样 没有 不是 不能 无法 不会 就是 还有 现在 今天
    昨天 明天 时候 问题 情况 谢谢 感谢 您好 你好 麻烦 请问 希望 尽快 帮忙 帮助 一般 非常
    比较 特别 真的 有点 出现 进行 使用 目前 之前 之后 以后 以前 时间 东西 方面 其他 另外
    客户 我司 贵司 公司 工单 反馈 处理 老师 同事 觉得 认为 知道 看到 告诉 收到
    """.split()
)

STOP_WORDS_EN = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how i i'm i've if in into is isn't it
    it's its itself just let's me more most mustn't my myself no nor not now of off on once only
    or other ought our ours ourselves out over own please same shan't she should shouldn't so
    some such than thank thanks that that's the their theirs them themselves then there there's
    these they they're this those through to too under until up very was wasn't we we're were
    weren't what what's when where which while who whom why will with won't would wouldn't you
    you're your yours yourself yourselves hello hi dear regards issue problem ticket customer
    still again since today yesterday tomorrow need needs want wants many much lot lots
    """.split()
)

_jieba = None


def _segmenter():
    """jieba, imported on first use: its dictionary loads once per process (about 1 s)."""
    global _jieba  # one lazily built segmenter per process
    if _jieba is None:
        import jieba

        # jieba logs its dictionary loading at DEBUG on its own stderr handler
        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    return _jieba


def _keep_cjk(token):
    return len(token) >= 2 and token not in STOP_WORDS_ZH and CJK_RUN.fullmatch(token)


def _keep_latin(token):
    return len(token) >= 3 and token not in STOP_WORDS_EN


def extract_terms(text):
    """Count the terms of ``text``.

    :param text: plain text (HTML already converted), any mix of Chinese and English
    :return: Counter {term: occurrences}; Latin terms lower-cased
    """
    if not text or not isinstance(text, str):
        return Counter()
    counts = Counter()
    position = 0
    for run in CJK_RUN.finditer(text):
        counts.update(_latin_terms(text[position : run.start()]))
        counts.update(t for t in _segmenter().lcut(run.group()) if _keep_cjk(t))
        position = run.end()
    counts.update(_latin_terms(text[position:]))
    return Counter({t: n for t, n in counts.items() if len(t) <= MAX_TERM_LENGTH})


def _latin_terms(text):
    return [t for t in LATIN_WORD.findall(text.lower()) if _keep_latin(t)]
