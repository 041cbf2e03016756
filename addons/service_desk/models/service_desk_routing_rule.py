# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .service_desk_ticket import TICKET_PRIORITIES


class ServiceDeskRoutingRule(models.Model):
    """Ordered rules routing new tickets; the first rule whose domain matches wins."""

    _name = "service.desk.routing.rule"
    _inherit = ["service.desk.cached.config"]
    _description = "Service Desk Routing Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    domain = fields.Char(
        string="Applies to",
        default="[]",
        required=True,
        help="Tickets this rule routes, e.g. VIP customers reporting a system down.",
    )
    team_id = fields.Many2one("service.desk.team", check_company=True)
    user_id = fields.Many2one("res.users", string="Assign to", domain="[('share', '=', False)]")
    priority = fields.Selection(TICKET_PRIORITIES, string="Set priority")

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                self.env["service.desk.ticket"].search_count(rule._get_domain(), limit=1)
            except Exception as error:  # any bad domain: the message says what to fix
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s has an invalid domain: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    @api.model
    @tools.ormcache()
    def _get_active_rule_ids(self):
        """Ids of the active rules, in order (domains are evaluated per call: uid, context)."""
        return tuple(self.sudo().with_context(active_test=True).search([]).ids)

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"context": self.env.context, "uid": self.env.uid})

    def _get_matcher(self):
        """Return a function giving the first rule of ``self`` matching a ticket (new or saved).

        Domains are evaluated once, so routing a batch of tickets costs no eval per ticket.
        """
        domains = [(rule, rule._get_domain()) for rule in self]

        def match(ticket):
            for rule, domain in domains:
                if rule.company_id == ticket.company_id and ticket.filtered_domain(domain):
                    return rule
            return self.browse()

        return match
