# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data helpers, called from demo/*.xml through <function> only."""

import random
from datetime import timedelta

from odoo import api, fields, models

from .customer_health_scoring import band_of


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _customer_360_demo_health_history(self, weeks=52):
        """A year of weekly snapshots behind this week's: each scored customer drifts
        from a plausible score a year ago to today's, so trend charts draw a line.
        Weeks that already have a snapshot keep it."""
        Snapshot = self.env["customer.health.snapshot"]
        today = fields.Date.today()
        monday = today - timedelta(days=today.weekday())
        current = Snapshot.search([("date", "=", monday)])
        existing = {
            (snap.partner_id.id, snap.date)
            for snap in Snapshot.search([("partner_id", "in", current.partner_id.ids)])
        }
        vals_list = []
        for snap in current.filtered(lambda s: s.state != "unknown"):
            rng = random.Random(snap.partner_id.id)  # the same story on every install
            start = rng.randint(55, 90)
            model = snap.model_id
            for week in range(1, weeks + 1):
                date = monday - timedelta(weeks=week)
                if (snap.partner_id.id, date) in existing:
                    continue
                share = week / weeks  # 0 today, 1 a year ago
                score = round(snap.score * (1 - share) + start * share + rng.randint(-4, 4))
                score = max(0, min(100, score))
                vals_list.append(
                    {
                        "partner_id": snap.partner_id.id,
                        "date": date,
                        "model_id": model.id,
                        "score": score,
                        "state": band_of(score, model.red_max or 50, model.yellow_max or 75),
                        "coverage": snap.coverage,
                        "computed_at": fields.Datetime.to_datetime(date) + timedelta(hours=2),
                    }
                )
        Snapshot.create(vals_list)
