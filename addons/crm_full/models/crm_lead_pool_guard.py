# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError

# Stored fields of a lead that only the system derives or writes: the pool's state and
# history, the reclaim clock, the assignment and idle stamps. A salesperson writing them
# over RPC could dodge the reclaim (a follow-up dated 2099) or skip the claim caps;
# readonly= only binds the form.
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

    def _pool_system_fields(self):
        """Hook: names of the lead fields only server code (``env.su``) may write."""
        return set(POOL_SYSTEM_FIELDS)

    def _pool_check_system_fields(self, vals, creating=False):
        """Refuse a non-system write of a system field; on create an empty value is
        the default anyway and is let through (imports and clients send them)."""
        names = self._pool_system_fields() & vals.keys()
        if creating:
            names = {name for name in names if vals[name]}
        if names:
            labels = sorted(self._fields[name]._description_string(self.env) for name in names)
            raise AccessError(
                self.env._(
                    "These fields are kept by the system and cannot be written: %s",
                    ", ".join(labels),
                )
            )

    def _pool_without_system_defaults(self):
        """``self`` without ``default_<field>`` keys for system fields: a context the
        client sends must not set what the values may not."""
        keys = {f"default_{name}" for name in self._pool_system_fields()}
        if not keys & self.env.context.keys():
            return self
        context = {k: v for k, v in self.env.context.items() if k not in keys}
        return self.with_context(context)

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
