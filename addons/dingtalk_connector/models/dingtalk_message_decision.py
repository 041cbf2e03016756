# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work notices that open a record, or ask for a decision on it, from DingTalk."""

from odoo import api, models

from ..tools.links import shorten
from ..tools.markdown import escape_markdown, strip_controls

# A model offering decisions from DingTalk implements both (see README):
#   _dingtalk_decision_values() -> {"title", "amount", "customer", "lines": [(label, value)],
#                                   "status", "can_decide"}
#   _dingtalk_decide(decision, comment)  with decision "approve" or "reject"; runs as the
#   signed-in user and raises UserError / AccessError when that user may not decide.
DECISION_HOOKS = ("_dingtalk_decision_values", "_dingtalk_decide")
CARD_LINES = 5  # the whole msg must stay under DingTalk's 2048 bytes


class DingtalkMessage(models.Model):
    _inherit = "dingtalk.message"

    @api.model
    def _dingtalk_offers_decision(self, record):
        return all(hasattr(record, hook) for hook in DECISION_HOOKS)

    @api.model
    def _dingtalk_action_card(self, company, record, title, markdown):
        """A work-notice ``action_card`` about ``record`` for people of ``company``.

        Approve / Reject buttons (to the decision page) when the record offers
        a decision, else one "Open in Odoo" button; every link goes through
        the company's login-free entry when it is enabled.
        """
        _ = self.env._
        card = {"title": title, "markdown": markdown}
        if self._dingtalk_offers_decision(record):
            path = f"/dingtalk/decide/{record._name}/{record.id}"
            card["btn_orientation"] = "1"
            card["btn_json_list"] = [
                {
                    "title": _("Approve"),
                    "action_url": company._dingtalk_open_path_url(f"{path}?decision=approve"),
                },
                {
                    "title": _("Reject"),
                    "action_url": company._dingtalk_open_path_url(f"{path}?decision=reject"),
                },
            ]
        else:
            card["single_title"] = _("Open in Odoo")
            card["single_url"] = company._dingtalk_open_url(record)
        return {"msgtype": "action_card", "action_card": card}

    @api.model
    def _enqueue_decision_request(self, record, users, dedupe_key=None):
        """Ask ``users`` (those bound to DingTalk) to decide on ``record`` from DingTalk.

        The generic "record needs a decision" notice: what the record offers
        through ``_dingtalk_decision_values`` and two buttons. Each user is
        reached through their company's app, in their language.
        """
        if not self._dingtalk_offers_decision(record):
            raise ValueError(f"{record._name} does not implement {DECISION_HOOKS}")
        messages = self.browse()
        for user in users.sudo().filtered("dingtalk_userid"):
            localized = record.with_context(lang=user.lang)
            msg = self._dingtalk_action_card(
                user.company_id,
                localized,
                *self.with_context(lang=user.lang)._dingtalk_decision_text(localized),
            )
            key = dedupe_key or f"decision-{record._name}-{record.id}"
            messages |= self._enqueue_work_notice(
                user.company_id, [user.dingtalk_userid], msg, f"{key}-{user.id}", record=record
            )
        return messages

    @api.model
    def _dingtalk_decision_text(self, record):
        """(title, markdown) of a decision request; the record's texts are escaped."""
        _ = self.env._
        offer = record._dingtalk_decision_values() or {}
        title = strip_controls(str(offer.get("title") or record.display_name))
        lines = [f"### {escape_markdown(title)}"]
        for label, value in (
            (_("Customer"), offer.get("customer")),
            (_("Amount"), offer.get("amount")),
        ):
            if value:
                lines.append(f"**{label}**: {escape_markdown(str(value))}")
        for label, value in (offer.get("lines") or [])[:CARD_LINES]:
            lines.append(f"- {escape_markdown(str(label))}: {escape_markdown(str(value))}")
        # DingTalk silently drops identical content sent to one user twice a day.
        lines.append(_("Ref: D%s", record.id))
        return shorten(_("Decision needed: %s", title), 64), "  \n".join(lines)
