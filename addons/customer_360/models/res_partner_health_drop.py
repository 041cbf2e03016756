# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_date

from .res_partner import C360_GROUP
from .res_partner_health import _format_value

# How many measures the one-line explanation names at most.
DROP_REASON_MEASURES = 2


class ResPartner(models.Model):
    _inherit = "res.partner"

    health_drop_reason = fields.Char(
        "Why Health Dropped",
        compute="_compute_health_drop_reason",
        groups=C360_GROUP,
        help="The measures that lost the most weighted points since the previous snapshot.",
    )

    @api.depends("health_snapshot_ids")
    @api.depends_context("lang")
    def _compute_health_drop_reason(self):
        """Compare the account's last two snapshots (one query for all
        partners): when the score fell, name the measures whose weighted
        points fell most, with their values before and after."""
        pairs = self._health_last_two_snapshots()
        component_ids = {
            line[0]
            for pair in pairs.values()
            for _s, _d, detail in pair
            for line in detail["lines"]
        }
        names = {
            component.id: component.name
            for component in self.env["customer.health.component"]
            .sudo()
            .browse(component_ids)
            .exists()
        }
        for partner in self:
            pair = pairs.get(partner.commercial_partner_id.id)
            partner.health_drop_reason = pair and partner._health_drop_text(*pair, names)

    def _health_last_two_snapshots(self):
        """{account id: ((score, date, detail) latest, (…) previous)} for the
        accounts of ``self`` with two known scores."""
        accounts = self.commercial_partner_id
        if not accounts.ids:
            return {}
        self.env["customer.health.snapshot"].flush_model()
        self.env.cr.execute(
            """
            SELECT partner_id, score, date, detail
              FROM (SELECT partner_id, score, date, detail,
                           ROW_NUMBER() OVER (PARTITION BY partner_id ORDER BY date DESC) AS rank
                      FROM customer_health_snapshot
                     WHERE partner_id = ANY(%s) AND state != 'unknown' AND detail IS NOT NULL
                   ) last_two
             WHERE rank <= 2
             ORDER BY partner_id, date DESC
            """,
            [accounts.ids],
        )
        snapshots = {}
        for partner_id, *snapshot in self.env.cr.fetchall():
            snapshots.setdefault(partner_id, []).append(tuple(snapshot))
        return {key: tuple(pair) for key, pair in snapshots.items() if len(pair) == 2}

    def _health_drop_text(self, latest, previous, names):
        (score, _date, detail), (old_score, old_date, old_detail) = latest, previous
        if score >= old_score:
            return False
        before = {line[0]: line for line in old_detail["lines"]}
        losses = []
        for component_id, value, points, weight in detail["lines"]:
            old = before.get(component_id)
            if not old:
                continue
            loss = weight * (old[2] or 0) - weight * (points or 0)
            if loss > 0:
                losses.append((loss, component_id, old[1], value))
        losses.sort(key=lambda loss: -loss[0])
        measures = ", ".join(
            self.env._(
                "%(measure)s %(before)s → %(after)s",
                measure=names.get(component_id, "?"),
                before=_format_value(old_value),
                after=_format_value(value),
            )
            for _loss, component_id, old_value, value in losses[:DROP_REASON_MEASURES]
        )
        return self.env._(
            "Down %(points)s points since %(date)s: %(measures)s",
            points=old_score - score,
            date=format_date(self.env, old_date),
            measures=measures or self.env._("weights or bands changed"),
        )
