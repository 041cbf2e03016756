# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer text made inert inside DingTalk Markdown.

Every value that did not come from our own template (a partner's name, a
ticket subject, an NPS comment, an activity note) goes through
:func:`escape_markdown` before it joins a Markdown message: otherwise a
comment such as ``[查看退款](https://evil.example)`` becomes a live link in
the salesperson's DingTalk.

DingTalk's Markdown subset does not document backslash escapes, so the
characters that build markup are replaced by their full-width forms, which
read the same to a Chinese user and mean nothing to the renderer. Scheme
separators lose their colon so that a bare URL is not auto-linked either.
"""

import re
import unicodedata

# Markup characters → full-width look-alikes (no backslash escapes in DingTalk).
_FULL_WIDTH = str.maketrans(
    {
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "<": "＜",
        ">": "＞",
        "*": "＊",
        "_": "＿",
        "`": "｀",
        "#": "＃",
        "!": "！",
        "|": "｜",
        "~": "～",
        "&": "＆",
        "\\": "＼",
    }
)
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)")
_BLANK_LINES = re.compile(r"\n{2,}")


def escape_markdown(text, multiline=False):
    """``text`` as plain words in a DingTalk Markdown message.

    Control and format characters go (a NUL, a right-to-left override);
    line breaks become spaces unless ``multiline``, in which case they are
    kept as Markdown line breaks (two trailing spaces) and never as blank
    lines that would start a new block.
    """
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(
        char for char in text if char == "\n" or unicodedata.category(char) not in ("Cc", "Cf")
    )
    text = _SCHEME.sub(r"\1：", text.translate(_FULL_WIDTH))
    if not multiline:
        return " ".join(text.split("\n")).strip()
    lines = [line.strip() for line in _BLANK_LINES.sub("\n", text.strip()).split("\n")]
    return "  \n".join(line for line in lines if line)


def strip_controls(text):
    """``text`` without control characters, for the plain-text parts (titles, text messages)."""
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\t", " ")
    return "".join(
        char for char in text if char == "\n" or unicodedata.category(char) not in ("Cc", "Cf")
    )
