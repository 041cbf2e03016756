# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Stored fields of a lead that only the system derives or writes: the pool's state and
# history, the reclaim clock, the assignment and idle stamps. A salesperson writing them
# over RPC could dodge the reclaim (a follow-up dated 2099) or skip the claim caps;
# readonly= only binds the form. crm_full's system-fields mixin enforces the list.
POOL_SYSTEM_FIELDS = (
    "in_pool",
    "pool_date",
    "pool_reminded",
    "previous_user_id",
    "release_reason",
    "last_followup_date",
    "pool_reclaim_date",
    "pool_reclaim_warned",
    "pool_reclaim_warned_date",
    "assignment_rule_id",
    "idle_reminded_anchor",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _system_fields(self):
        return super()._system_fields() | set(POOL_SYSTEM_FIELDS)

    def _pool_enabled(self):
        """Whether the public pool runs for this lead: its team's choice, else its
        company's (off by default, so installing the suite changes no assignment)."""
        self.ensure_one()
        mode = self.team_id.pool_mode
        if mode in ("on", "off"):
            return mode == "on"
        return (self.company_id or self.env.company).pool_new_leads

    def _pool_handed_out(self):
        """Pool leads a manager (or server code) gave an owner by writing ``user_id``:
        they leave the pool, and the log says who got them and from whom."""
        if not self:
            return
        now = fields.Datetime.now()
        self.sudo().write({"in_pool": False, "pool_date": False, "pool_reminded": False})
        reason = self.env._("Handed out by %s", self.env.user.name)
        self.env["crm.pool.log"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "user_id": lead.user_id.id,
                    "action": "handout",
                    "date": now,
                    "reason": reason,
                }
                for lead in self.sudo()
            ]
        )
