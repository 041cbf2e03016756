# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from .res_partner import C360_GROUP

# SLA breaches shown in the 360 header: those of the last quarter.
SLA_BREACH_DAYS = 90
INTERACTION_KINDS = [
    ("followup", "Follow-up"),
    ("message", "Message"),
    ("ticket", "Ticket"),
    ("order", "Order"),
]


class ResPartner(models.Model):
    """Header figures of the 360 view (issue 14): what a manager asks first.

    Account-level like the other counters, one grouped query per figure for
    all partners of ``self``, each in its own compute so a list reading one
    figure pays for that one only. A source the user may not read gives 0.
    """

    _inherit = "res.partner"

    c360_amount_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_c360_amount_overdue",
        currency_field="c360_currency_id",
        groups=C360_GROUP,
        help="Unpaid amount of posted customer invoices past their due date, in the "
        "company currency.",
    )
    c360_sla_breach_count = fields.Integer(
        string="SLA Breaches (90 days)",
        compute="_compute_c360_sla_breach_count",
        groups=C360_GROUP,
        help="Tickets of the account with an SLA target breached in the last 90 days.",
    )
    c360_order_count = fields.Integer(
        string="Order Count", compute="_compute_c360_order_count", groups=C360_GROUP
    )
    c360_invoice_count = fields.Integer(
        string="Invoice Count", compute="_compute_c360_invoice_count", groups=C360_GROUP
    )
    c360_last_interaction = fields.Datetime(
        string="Last Interaction",
        compute="_compute_c360_last_interaction",
        groups=C360_GROUP,
        help="Latest follow-up, message from or to the customer, ticket or order.",
    )
    c360_last_interaction_kind = fields.Selection(
        INTERACTION_KINDS,
        string="Last Interaction Type",
        compute="_compute_c360_last_interaction",
        groups=C360_GROUP,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------
    def _compute_c360_amount_overdue(self):
        amounts = {}
        if self.env["account.move"].has_access("read"):
            amounts = dict(
                self.env["account.move"]._read_group(
                    self._c360_overdue_domain(self.commercial_partner_id),
                    ["commercial_partner_id"],
                    ["amount_residual_signed:sum"],
                )
            )
        for partner in self:
            partner.c360_amount_overdue = amounts.get(partner.commercial_partner_id, 0.0)

    def _compute_c360_sla_breach_count(self):
        counts = {}
        Ticket = self.env["service.desk.ticket"]
        if Ticket.has_access("read") and self.env["service.desk.sla.status"].has_access("read"):
            counts = dict(
                Ticket._read_group(
                    self._c360_sla_breach_domain(self.commercial_partner_id),
                    ["commercial_partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.c360_sla_breach_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_c360_order_count(self):
        counts = {}
        if self.env["sale.order"].has_access("read"):
            for contact, count in self.env["sale.order"]._read_group(
                self._c360_order_domain(self.commercial_partner_id), ["partner_id"], ["__count"]
            ):
                account = contact.commercial_partner_id
                counts[account] = counts.get(account, 0) + count
        for partner in self:
            partner.c360_order_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_c360_invoice_count(self):
        counts = {}
        if self.env["account.move"].has_access("read"):
            counts = dict(
                self.env["account.move"]._read_group(
                    self._c360_invoice_domain(self.commercial_partner_id),
                    ["commercial_partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.c360_invoice_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_c360_last_interaction(self):
        """One query over every source: the latest date and its kind per account."""
        latest = {}
        accounts = self.commercial_partner_id
        branches = self._c360_interaction_sources()
        if accounts.ids and branches:
            for model in ("crm.followup", "mail.message", "service.desk.ticket", "sale.order"):
                self.env[model].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    WITH contact AS (
                        SELECT id, commercial_partner_id AS account_id
                          FROM res_partner WHERE commercial_partner_id = ANY(%s)
                    )
                    SELECT DISTINCT ON (account_id) account_id, date, kind
                      FROM (%s) AS interaction
                     WHERE date IS NOT NULL
                     ORDER BY account_id, date DESC
                    """,
                    accounts.ids,
                    SQL(" UNION ALL ").join(branches),
                )
            )
            latest = {account_id: (date, kind) for account_id, date, kind in self.env.cr.fetchall()}
        for partner in self:
            date, kind = latest.get(partner.commercial_partner_id.id, (False, False))
            partner.c360_last_interaction = date
            partner.c360_last_interaction_kind = kind

    def _c360_interaction_sources(self):
        """SQL branches ``(account_id, date, kind)`` over the ``contact`` CTE, one
        per source the user may read; a bridge module adds its own here."""
        branches = []
        if self.env["crm.followup"].has_access("read"):
            branches.append(
                SQL(
                    """SELECT contact.account_id, MAX(f.date) AS date, 'followup' AS kind
                         FROM crm_followup f JOIN contact ON contact.id = f.partner_id
                        GROUP BY contact.account_id"""
                )
            )
        # Messages from or to the customer: on its own records, or written by
        # its contacts anywhere; internal notes are no interaction.
        public = SQL(
            """m.message_type IN ('email', 'comment')
               AND NOT EXISTS (SELECT 1 FROM mail_message_subtype s
                                WHERE s.id = m.subtype_id AND s.internal)"""
        )
        branches.append(
            SQL(
                """SELECT contact.account_id, MAX(m.date) AS date, 'message' AS kind
                     FROM mail_message m
                     JOIN contact ON m.model = 'res.partner' AND m.res_id = contact.id
                    WHERE %s GROUP BY contact.account_id
                   UNION ALL
                   SELECT contact.account_id, MAX(m.date), 'message'
                     FROM mail_message m JOIN contact ON contact.id = m.author_id
                    WHERE %s GROUP BY contact.account_id""",
                public,
                public,
            )
        )
        if self.env["service.desk.ticket"].has_access("read"):
            branches.append(
                SQL(
                    """SELECT t.commercial_partner_id AS account_id, MAX(t.create_date) AS date,
                              'ticket' AS kind
                         FROM service_desk_ticket t
                        WHERE t.commercial_partner_id IN (SELECT account_id FROM contact)
                        GROUP BY t.commercial_partner_id"""
                )
            )
        if self.env["sale.order"].has_access("read"):
            branches.append(
                SQL(
                    """SELECT contact.account_id, MAX(so.date_order) AS date, 'order' AS kind
                         FROM sale_order so JOIN contact ON contact.id = so.partner_id
                        WHERE so.state IN ('sent', 'sale')
                        GROUP BY contact.account_id"""
                )
            )
        return branches

    # ------------------------------------------------------------
    # DOMAINS (shared by the figures and their click-through lists)
    # ------------------------------------------------------------
    def _c360_overdue_domain(self, accounts):
        return [
            ("commercial_partner_id", "in", accounts.ids),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            # the partial index customer_360_open_receivable_idx serves this
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", fields.Date.context_today(self)),
            ("company_id", "=", self.env.company.id),
        ]

    def _c360_sla_breach_domain(self, accounts):
        since = fields.Datetime.now() - timedelta(days=SLA_BREACH_DAYS)
        return [
            ("commercial_partner_id", "in", accounts.ids),
            ("sla_status_ids", "any", [("breached", "=", True), ("deadline", ">=", since)]),
        ]

    def _c360_order_domain(self, accounts):
        return [("partner_id.commercial_partner_id", "in", accounts.ids), ("state", "!=", "cancel")]

    def _c360_invoice_domain(self, accounts):
        return [
            ("commercial_partner_id", "in", accounts.ids),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    # ------------------------------------------------------------
    # ACTIONS (stat buttons of the 360 header)
    # ------------------------------------------------------------
    def _c360_list_action(self, xmlid, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(domain=domain, context={"create": False}, name=name)
        return action

    def action_c360_open_overdue(self):
        self.ensure_one()
        return self._c360_list_action(
            "account.action_move_out_invoice_type",
            self._c360_overdue_domain(self.commercial_partner_id),
            self.env._("Overdue Invoices"),
        )

    def action_c360_open_invoices(self):
        self.ensure_one()
        return self._c360_list_action(
            "account.action_move_out_invoice_type",
            self._c360_invoice_domain(self.commercial_partner_id),
            self.env._("Invoices"),
        )

    def action_c360_open_orders(self):
        self.ensure_one()
        return self._c360_list_action(
            "sale.action_orders",
            self._c360_order_domain(self.commercial_partner_id),
            self.env._("Orders"),
        )

    def action_c360_open_sla_breaches(self):
        self.ensure_one()
        return self._c360_list_action(
            "service_desk.service_desk_ticket_action",
            self._c360_sla_breach_domain(self.commercial_partner_id),
            self.env._("SLA Breaches (90 days)"),
        )

    def action_c360_open_status_history(self):
        """The live-status moves of the account, newest first."""
        self.ensure_one()
        return self._c360_list_action(
            "crm_full.crm_lifecycle_history_action",
            [("partner_id", "=", self.commercial_partner_id.id), ("axis", "=", "status")],
            self.env._("Lifecycle Status History"),
        )
