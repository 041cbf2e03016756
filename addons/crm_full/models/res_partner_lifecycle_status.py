# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.local_dates import company_today
from .crm_lifecycle_history import LIFECYCLE_STATUSES

# How far each status is from "active", to tell which thresholds a customer has crossed.
STATUS_BY_IDLE = (
    ("lifecycle_churned_days", "churned"),
    ("lifecycle_dormant_days", "dormant"),
    ("lifecycle_at_risk_days", "at_risk"),
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    lifecycle_status = fields.Selection(
        LIFECYCLE_STATUSES,
        string="Lifecycle Status",
        index=True,
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="Live status of the customer: recomputed every day from the time since the last "
        "confirmed order or follow-up, and from the health score where customer_360 is used.",
    )
    lifecycle_status_date = fields.Datetime(
        "Status Since", copy=False, readonly=True, groups="base.group_user"
    )
    lifecycle_status_checked_on = fields.Date(copy=False, readonly=True, groups="base.group_user")
    customer_level = fields.Selection(
        [("normal", "Normal"), ("important", "Important"), ("key", "Key Customer")],
        default="normal",
        tracking=True,
        groups="base.group_user",
        help="Key customers without a follow-up for a few days are brought to their "
        "salesperson's attention (company setting).",
    )
    key_reminded_anchor = fields.Datetime(
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="The last follow-up (or creation) date the salesperson was reminded for: "
        "one reminder per silence, reset by the next follow-up.",
    )

    @api.model
    def _system_fields(self):
        # The live status is the daily cron's and customer_360's verdict, never typed in.
        return super()._system_fields() | {
            "lifecycle_status",
            "lifecycle_status_date",
            "lifecycle_status_checked_on",
            "key_reminded_anchor",
        }

    # ------------------------------------------------------------
    # STAGE BY HAND
    # ------------------------------------------------------------
    def _lifecycle_check_manager(self):
        if not self.env.user.has_group("crm_full.crm_full_group_manager"):
            raise AccessError(
                self.env._(
                    "Only a sales manager may move a customer's lifecycle stage by hand; "
                    "the stage otherwise follows leads, orders and tickets by itself."
                )
            )

    def _lifecycle_set_stage(self, stage, reason):
        """Move the commercial partners of ``self`` to ``stage``, forward or backward.

        For managers correcting the journey; the move and its reason go to history.
        """
        self._lifecycle_check_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the lifecycle stage is moved by hand."))
        partners = self.commercial_partner_id.filtered(
            lambda partner: partner.lifecycle_stage_id != stage
        )
        self.env["crm.lifecycle.history"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "old_stage_id": partner.lifecycle_stage_id.id,
                    "new_stage_id": stage.id,
                    "reason": reason.strip(),
                }
                for partner in partners
            ]
        )
        partners.sudo().write({"lifecycle_stage_id": stage.id})
        return partners

    # ------------------------------------------------------------
    # LIVE STATUS
    # ------------------------------------------------------------
    @api.model
    def _lifecycle_set_status(self, partners_by_status, cause=None):
        """Set the live status of customers, e.g. from a health score.

        Public hook (customer_360 calls it): only real changes are written, each one
        to history with ``cause``. "active" does not overwrite "won_back": a won-back
        customer is active too, and turns plain active by the daily cron later.

        :param partners_by_status: ``{status: res.partner recordset}``, status one of
            active, at_risk, dormant, churned, won_back; contacts count for their company
        :param cause: record behind the change (health snapshot, order…) or None
        :return: the partners whose status changed
        """
        moves = {}
        for status, partners in partners_by_status.items():
            accounts = partners.commercial_partner_id
            if status == "active":
                accounts = accounts.filtered(lambda p: p.lifecycle_status != "won_back")
            moves[status] = accounts
        return self._lifecycle_write_status(moves, cause)

    @api.model
    def _lifecycle_write_status(self, partners_by_status, cause=None):
        valid = dict(LIFECYCLE_STATUSES)
        if unknown := set(partners_by_status) - set(valid):
            raise UserError(self.env._("Unknown lifecycle status: %s", ", ".join(unknown)))
        now = fields.Datetime.now()
        history = []
        moved = self.browse()
        for status, partners in partners_by_status.items():
            changing = partners.filtered(lambda p, s=status: p.lifecycle_status != s)
            if not changing:
                continue
            history += [(partner.id, partner.lifecycle_status, status) for partner in changing]
            # sudo: the status is the system's verdict, not an edit by whoever caused it.
            # The status is not a tracked field: skip reading every tracked field of
            # thousands of partners for a tracking message that would be empty.
            changing.sudo().with_context(tracking_disable=True).write(
                {"lifecycle_status": status, "lifecycle_status_date": now}
            )
            moved |= changing
        self.env["crm.lifecycle.history"]._create_status_moves(history, now, cause)
        return moved

    @api.model
    def _lifecycle_status_for_idle(self, idle_days, company):
        for setting, status in STATUS_BY_IDLE:
            if idle_days >= company[setting]:
                return status
        return "active"

    @api.model
    def _lifecycle_orders_confirmed(self, orders):
        """A confirmed order revives the customer: churned → won back, else active."""
        by_account = {}
        for order in orders:
            by_account.setdefault(order.partner_id.commercial_partner_id, order)
        by_cause = {}
        for account, order in by_account.items():
            status = "won_back" if account.lifecycle_status == "churned" else "active"
            by_cause.setdefault((order, status), self.browse())
            by_cause[(order, status)] |= account
        for (order, status), accounts in by_cause.items():
            self._lifecycle_set_status({status: accounts}, cause=order)

    def _lifecycle_last_touch(self):
        """{partner id: last confirmed order or follow-up, else creation}, in two queries."""
        self.env["sale.order"].flush_model(["state", "date_order", "partner_id"])
        self.flush_recordset(["last_followup_date", "commercial_partner_id"])
        self.env.cr.execute(
            """
            SELECT p.commercial_partner_id, max(so.date_order)
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND p.commercial_partner_id = ANY(%s)
          GROUP BY p.commercial_partner_id
            """,
            [self.ids],
        )
        orders = dict(self.env.cr.fetchall())
        last_touch = {}
        for partner in self:
            touches = [d for d in (orders.get(partner.id), partner.last_followup_date) if d]
            last_touch[partner.id] = max(touches) if touches else partner.create_date
        return orders, last_touch

    @api.model
    def _cron_lifecycle_status(self, batch_size=1000):
        """Recompute the live status of one batch of customers not yet seen today.

        Customers on the journey (a lifecycle stage) are taken in id order with
        ``SKIP LOCKED``, stamped as seen today, so the runner's next call takes the next
        batch and two workers never take the same customers.
        """
        now = fields.Datetime.now()
        today = company_today(self.env.company, now)  # a company-wide day, not UTC's
        self.flush_model(["lifecycle_stage_id", "lifecycle_status_checked_on", "active"])
        self.env.cr.execute(
            """
            SELECT id FROM res_partner
             WHERE lifecycle_stage_id IS NOT NULL AND active
               AND (lifecycle_status_checked_on IS NULL OR lifecycle_status_checked_on < %s)
          ORDER BY id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            [today, batch_size],
        )
        partners = self.browse(row[0] for row in self.env.cr.fetchall())
        if not partners:
            return partners
        orders, last_touch = partners._lifecycle_last_touch()
        moves = {status: self.browse() for status, _label in LIFECYCLE_STATUSES}
        for partner in partners:
            status = partner._lifecycle_next_status(now, orders.get(partner.id), last_touch)
            if status and status != partner.lifecycle_status:
                moves[status] |= partner
        cron = self.env.ref("crm_full.ir_cron_crm_lifecycle_status", raise_if_not_found=False)
        self._lifecycle_write_status(moves, cause=cron)
        self.env.cr.execute(
            "UPDATE res_partner SET lifecycle_status_checked_on = %s WHERE id = ANY(%s)",
            [today, partners.ids],
        )
        partners.invalidate_recordset(["lifecycle_status_checked_on"])
        remaining = self.search_count(
            [
                ("lifecycle_stage_id", "!=", False),
                "|",
                ("lifecycle_status_checked_on", "=", False),
                ("lifecycle_status_checked_on", "<", today),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(partners), remaining=remaining)
        return partners

    def _lifecycle_next_status(self, now, last_order, last_touch):
        """The status the idle time gives ``self``; None to leave it as it is."""
        self.ensure_one()
        company = self.company_id or self.env.company
        current = self.lifecycle_status
        since = self.lifecycle_status_date
        if current == "churned":
            # Only a new order wins a churned customer back, not a courtesy call.
            return "won_back" if last_order and since and last_order > since else None
        status = self._lifecycle_status_for_idle((now - last_touch[self.id]).days, company)
        if current == "won_back" and status == "active":
            still = since and now - since < timedelta(days=company.lifecycle_won_back_days)
            return None if still else "active"
        return status

    # ------------------------------------------------------------
    # KEY CUSTOMERS
    # ------------------------------------------------------------
    @api.model
    def _cron_key_customer_reminders(self, batch_size=500):
        """Remind salespeople of key customers left without a follow-up, once per silence."""
        now = fields.Datetime.now()
        self.flush_model(
            ["customer_level", "user_id", "last_followup_date", "key_reminded_anchor", "active"]
        )
        self.env.cr.execute(
            """
            SELECT p.id, COALESCE(p.last_followup_date, p.create_date) AS anchor
              FROM res_partner p
              JOIN res_company c ON c.id = COALESCE(p.company_id, %(company)s)
             WHERE p.customer_level = 'key' AND p.active AND p.user_id IS NOT NULL
               AND COALESCE(p.last_followup_date, p.create_date)
                   <= %(now)s - c.key_customer_idle_days * interval '1 day'
               AND p.key_reminded_anchor IS DISTINCT FROM
                   COALESCE(p.last_followup_date, p.create_date)
          ORDER BY p.id
             LIMIT %(limit)s
               FOR UPDATE OF p SKIP LOCKED
            """,
            {"company": self.env.company.id, "now": now, "limit": batch_size},
        )
        anchors = dict(self.env.cr.fetchall())
        partners = self.browse(anchors)
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": todo.id,
                    "user_id": partner.user_id.id,
                    "summary": self.env._("Key customer waiting for a follow-up"),
                    "note": self.env._(
                        "%s is a key customer and has not been followed up lately.",
                        partner.name,
                    ),
                    # today on the salesperson's clock
                    "date_deadline": fields.Date.context_today(
                        partner.with_context(tz=partner.user_id.tz or "UTC"), now
                    ),
                }
                for partner in partners
            ]
        )
        for partner in partners:
            partner.sudo().key_reminded_anchor = anchors[partner.id]
        return partners
