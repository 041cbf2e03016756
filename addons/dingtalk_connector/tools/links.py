# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Text and links shaped for DingTalk messages."""

from urllib.parse import quote


def shorten(text, size):
    """Cut by characters: Chinese text has no spaces for textwrap to cut at."""
    return text if len(text) <= size else f"{text[: size - 1]}…"


def dingtalk_link(url, pc_slide=True):
    """Wrap ``url`` so the DingTalk PC client opens it in its side panel."""
    slide = "true" if pc_slide else "false"
    return f"dingtalk://dingtalkclient/page/link?url={quote(url, safe='')}&pc_slide={slide}"


def odoo_record_url(record):
    """``/odoo/<model>/<id>`` as Odoo 18's router reads it (``m-`` for dotless models)."""
    model = record._name if "." in record._name else f"m-{record._name}"
    return f"{record.get_base_url()}/odoo/{model}/{record.id}"
