# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from .customer_nps_response import nps_score
from .res_partner import C360_GROUP

# Window of the account NPS and of the event count on the 360 view.
NPS_WINDOW_DAYS = 365
EVENT_WINDOW_DAYS = 30


class ResPartner(models.Model):
    _inherit = "res.partner"

    c360_nps = fields.Float(
        string="NPS (12 months)",
        compute="_compute_c360_feedback",
        digits=(16, 1),
        help="Share of promoters minus share of detractors among the account's answers of the last 12 months.",
        groups=C360_GROUP,
    )
    c360_nps_answer_count = fields.Integer(
        string="NPS Answers (12 months)",
        compute="_compute_c360_feedback",
        groups=C360_GROUP,
    )
    c360_nps_last_score = fields.Integer(
        string="Last NPS Score", compute="_compute_c360_feedback", groups=C360_GROUP
    )
    c360_event_count = fields.Integer(
        string="External Events (30 days)",
        compute="_compute_c360_feedback",
        groups=C360_GROUP,
    )

    def _compute_c360_feedback(self):
        """Account-level NPS and event figures: grouped queries, whatever the number of partners."""
        accounts = self.commercial_partner_id
        now = fields.Datetime.now()
        Response = self.env["customer.nps.response"]
        counts = {}
        for account, category, count in Response._read_group(
            [
                ("partner_id", "in", accounts.ids),
                ("category", "!=", False),
                ("date_answered", ">=", now - timedelta(days=NPS_WINDOW_DAYS)),
            ],
            ["partner_id", "category"],
            ["__count"],
        ):
            counts.setdefault(account, {})[category] = count
        # latest answer per account in one query; _search keeps the record rules
        answered = Response._search(
            [("partner_id", "in", accounts.ids), ("date_answered", "!=", False)]
        )
        last_scores = dict(
            self.env.execute_query(
                SQL(
                    """SELECT DISTINCT ON (partner_id) partner_id, score
                         FROM customer_nps_response
                        WHERE id IN %s
                     ORDER BY partner_id, date_answered DESC, id DESC""",
                    answered.subselect(),
                )
            )
        )
        events = dict(
            self.env["customer.event"]._read_group(
                [
                    ("partner_id", "in", accounts.ids),
                    ("occurred_at", ">=", now - timedelta(days=EVENT_WINDOW_DAYS)),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            account = partner.commercial_partner_id
            by_category = counts.get(account, {})
            partner.c360_nps = (
                nps_score(
                    by_category.get("promoter", 0),
                    by_category.get("passive", 0),
                    by_category.get("detractor", 0),
                )
                or 0.0
            )
            partner.c360_nps_answer_count = sum(by_category.values())
            partner.c360_nps_last_score = last_scores.get(account.id, 0)
            partner.c360_event_count = events.get(account, 0)

    def action_c360_open_nps(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_360.customer_nps_response_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        return action

    def action_c360_open_events(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("customer_360.customer_event_action")
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        return action
