# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ServiceDeskCachedConfig(models.AbstractModel):
    """Configuration that SLA planning and routing read through ``ormcache``
    (rules, policies, targets, escalation steps, working time): any change
    clears the registry cache, so the next ticket sees it."""

    _name = "service.desk.cached.config"
    _description = "Service Desk Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
