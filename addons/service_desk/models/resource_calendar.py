# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clear the memoized working intervals of SLA clocks when working time changes.

``service.desk.sla.status._week_intervals`` keeps each calendar's intervals per
registry; attendances, the calendar itself and global leaves (public holidays,
resource empty) shape them. Leaves of one resource (time off) do not.
"""

from odoo import api, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # a new calendar has a new id: nothing memoized to clear

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

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


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any(not leave.resource_id for leave in records):
            self.env.registry.clear_cache()
        return records

    def write(self, vals):
        was_global = any(not leave.resource_id for leave in self)
        res = super().write(vals)
        if was_global or any(not leave.resource_id for leave in self):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        was_global = any(not leave.resource_id for leave in self)
        res = super().unlink()
        if was_global:
            self.env.registry.clear_cache()
        return res
