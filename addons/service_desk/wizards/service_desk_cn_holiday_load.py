# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools import cn_holidays


class ServiceDeskCnHolidayLoad(models.TransientModel):
    """Load one year of China's public holidays and make-up days onto working calendars."""

    _name = "service.desk.cn.holiday.load"
    _description = "Load Chinese Public Holidays"

    calendar_ids = fields.Many2many("resource.calendar", string="Working Hours", required=True)
    year = fields.Integer(required=True, default=lambda self: self._default_year())
    known_years = fields.Char(compute="_compute_known_years")

    @api.model
    def _default_year(self):
        """Next year once the package has it (the November chore), else this year."""
        year = fields.Date.context_today(self).year
        return year + 1 if year + 1 in cn_holidays.known_years() else year

    def _compute_known_years(self):
        years = cn_holidays.known_years()
        for wizard in self:
            wizard.known_years = f"{years[0]}–{years[-1]}" if years else ""

    @api.model
    def _open_for(self, calendars):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Load Chinese Public Holidays"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {"default_calendar_ids": calendars.ids},
        }

    def action_load(self):
        self.ensure_one()
        if not self.env.user.has_group(
            "service_desk.service_desk_group_manager"
        ) and not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only service desk managers load public holidays."))
        self.calendar_ids.check_access("read")
        # calendars are Settings data: a service desk manager writes them through this
        # wizard only, after the group and read checks above
        holidays, make_ups = self.calendar_ids.sudo()._sd_load_cn_holidays(self.year)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(year)s: %(holidays)s public holiday days and %(make_ups)s make-up "
                    "working days loaded on %(calendars)s. Open SLA clocks keep their deadlines "
                    "until re-planned (SLA policy → Re-plan SLA Clocks).",
                    year=self.year,
                    holidays=holidays,
                    make_ups=make_ups,
                    calendars=", ".join(self.calendar_ids.mapped("display_name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
