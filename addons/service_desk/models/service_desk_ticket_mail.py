# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, models
from odoo.tools import email_split

# "[T2026-00012]" in a subject: any bracketed token is checked against ticket numbers.
SUBJECT_NUMBER_RE = re.compile(r"\[([^\[\]\s]{3,32})\]")


class ServiceDeskTicket(models.Model):
    _inherit = "service.desk.ticket"
    # Portal customers may reply on tickets they can read.
    _mail_post_access = "read"

    # ------------------------------------------------------------
    # MAIL GATEWAY
    # ------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Create a ticket from an e-mail, or thread it onto the ticket named in its subject."""
        author = self._message_get_author(msg_dict)
        ticket = self._find_ticket_from_subject(msg_dict.get("subject"), author)
        if ticket:
            ticket.message_update(msg_dict)
            return ticket
        values = dict(custom_values or {})
        # Alias defaults are a fallback, not an explicit choice: routing rules may override them.
        team_id = values.pop("team_id", False)
        values.update(
            {
                "name": msg_dict.get("subject") or self.env._("No Subject"),
                "partner_id": author.id,
                "channel": "email",
            }
        )
        self_ctx = self.with_context(default_team_id=team_id) if team_id else self
        ticket = super(ServiceDeskTicket, self_ctx).message_new(msg_dict, custom_values=values)
        ticket._message_subscribe_cc(msg_dict)
        return ticket

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        # Tickets have no e-mail field of their own: count recent tickets of the sender.
        return [("partner_id.email_normalized", "=", email_from_normalized)]

    def message_update(self, msg_dict, update_vals=None):
        self._message_subscribe_cc(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    @api.model
    def _message_get_author(self, msg_dict):
        """Sender partner, created when unknown, also set as the message author."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not author and msg_dict.get("email_from"):
            author = self.env["res.partner"].find_or_create(msg_dict["email_from"])
            msg_dict["author_id"] = author.id
        return author

    @api.model
    def _find_ticket_from_subject(self, subject, author):
        """Ticket whose number is in the subject, when the sender belongs to it.

        The sender check stops anyone from posting on a ticket by guessing its number.
        """
        numbers = SUBJECT_NUMBER_RE.findall(subject or "")
        if not numbers:
            return self.browse()
        for ticket in self.search([("number", "in", numbers)]):
            if ticket._is_sender_of_ticket(author):
                return ticket
        return self.browse()

    def _is_sender_of_ticket(self, author):
        self.ensure_one()
        if not author:
            return False
        if author.user_ids.filtered(lambda user: not user.share):
            return True
        return (
            author.commercial_partner_id == self.commercial_partner_id
            or author in self.message_partner_ids
        )

    def _message_subscribe_cc(self, msg_dict):
        """Known partners in CC follow the ticket (unknown addresses stay in email_cc)."""
        emails = email_split(msg_dict.get("cc") or "")
        if not emails:
            return
        partners = self.env["mail.thread"]._mail_find_partner_from_emails(
            emails, records=self, force_create=False
        )
        self.message_subscribe([partner.id for partner in partners if partner])

    def _notify_get_reply_to(self, default=None):
        """Replies go to the team alias, where the subject number still finds the ticket."""
        aliases = self.sudo().team_id._notify_get_reply_to(default=default)
        res = {ticket.id: aliases.get(ticket.team_id.id) for ticket in self}
        leftover = self.filtered(lambda ticket: not ticket.team_id)
        if leftover:
            res.update(super(ServiceDeskTicket, leftover)._notify_get_reply_to(default=default))
        return res

    def _message_compute_subject(self):
        """ "[T2026-00012] Subject": the whole number in every notification, in brackets so
        that a reply whose headers were lost still finds its ticket (SUBJECT_NUMBER_RE)."""
        self.ensure_one()
        if self.number and self.number != "/":
            return f"[{self.number}] {self.name}"
        return super()._message_compute_subject()

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Customer")
            )
        return recipients

    # ------------------------------------------------------------
    # CUSTOMER REPLIES
    # ------------------------------------------------------------
    def _message_post_after_hook(self, message, msg_vals):
        if self._is_customer_reply(message):
            # A portal customer cannot write tickets; the stage move is the system's answer.
            self.sudo()._on_customer_reply()
        return super()._message_post_after_hook(message, msg_vals)

    def _is_customer_reply(self, message):
        """Public reply by the customer's side (not an employee, not a vendor in CC)."""
        if message.message_type not in ("email", "comment"):
            return False
        if message.subtype_id != self.env.ref("mail.mt_comment"):
            return False  # internal notes and tracking never move the ticket
        author = message.author_id
        if author.user_ids.filtered(lambda user: not user.share):
            return False
        return not self.commercial_partner_id or (
            author.commercial_partner_id == self.commercial_partner_id
        )

    def _on_customer_reply(self):
        """Reopen solved tickets and resume tickets waiting on the customer."""
        for ticket in self.filtered(
            lambda t: t.stage_id.category in ("solved", "waiting_customer")
        ):
            stage = ticket._get_in_progress_stage()
            if stage:
                ticket.stage_id = stage

    def _get_in_progress_stage(self):
        self.ensure_one()
        return self.env["service.desk.stage"].search(
            [
                ("category", "=", "in_progress"),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            limit=1,
        )
