# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a salesperson sees around a claim (issue 14): a confirmation with the claims
left today, the lead opened in the lifecycle app's own action, and the count on the
pool itself."""

from datetime import timezone

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    pool_claims_left = fields.Integer(
        "Claims Left Today",
        compute="_compute_pool_claims_left",
        help="How many more pool leads you may claim today (your team's or the company's "
        "daily limit).",
    )

    @api.depends_context("uid")
    def _compute_pool_claims_left(self):
        self.pool_claims_left = self._pool_claims_left(self.env.user)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def action_claim(self):
        """Claim, then say so and open the lead where the salesperson works on it."""
        super().action_claim()
        return self._pool_claim_feedback(self.env.user)

    @api.model
    def action_open_pool(self):
        """The pool's menu: its title says how many claims are left today."""
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_full.crm_lead_action_pool")
        action["display_name"] = action["name"] = self.env._(
            "Public Pool (%s claims left today)", self._pool_claims_left(self.env.user)
        )
        return action

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------
    @api.model
    def _pool_claims_left(self, user):
        """Claims ``user`` may still make today under their daily limit."""
        daily = user.sale_team_id._pool_setting("pool_daily_claim_limit", self.env.company)
        return max(daily - self._pool_claimed_today(user), 0)

    @api.model
    def _pool_claimed_today(self, user):
        """Claims of ``user`` since midnight in their own time zone, as the daily cap
        counts them (``_pool_check_caps``)."""
        local_now = fields.Datetime.context_timestamp(self.with_user(user), fields.Datetime.now())
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        since = midnight.astimezone(timezone.utc).replace(tzinfo=None)
        return (
            self.env["crm.pool.log"]
            .sudo()
            .search_count(
                [("user_id", "=", user.id), ("action", "=", "claim"), ("date", ">=", since)]
            )
        )

    def _pool_claim_feedback(self, user):
        """A notification naming the claimed leads and the claims left, followed by the
        lead's form in the lifecycle app (several leads: the pool is reloaded)."""
        message = self.env._(
            "Claimed %(leads)s. You can claim %(left)s more leads today.",
            leads=", ".join(self.mapped("name")),
            left=self._pool_claims_left(user),
        )
        if len(self) == 1:
            next_action = self._pool_open_in_lifecycle_action()
        else:
            next_action = {"type": "ir.actions.client", "tag": "soft_reload"}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Lead claimed"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": next_action,
            },
        }

    def _pool_open_in_lifecycle_action(self):
        """The lead in the "My Leads" / "My Opportunities" action of the lifecycle app."""
        self.ensure_one()
        xmlid = (
            "crm_full.crm_lead_action_my_opportunities"
            if self.type == "opportunity"
            else "crm_full.crm_lead_action_my_leads"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update({"res_id": self.id, "view_mode": "form", "views": [(False, "form")]})
        return action
