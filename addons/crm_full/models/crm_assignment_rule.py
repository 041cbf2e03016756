# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger


class CrmAssignmentRule(models.Model):
    """An ordered rule giving new leads that match its conditions to its members.

    Rules are tried by sequence; the first one that matches a lead and has a
    member with room takes it. A lead no rule takes goes to the public pool.
    """

    _name = "crm.assignment.rule"
    _description = "Lead Assignment Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Empty: the rule applies to leads of every company.",
    )
    domain = fields.Char(
        "Conditions",
        default="[]",
        required=True,
        tracking=True,
        help="Which leads the rule takes: province, industry, source, tags, expected revenue…",
    )
    team_id = fields.Many2one(
        "crm.team", "Sales Team", required=True, tracking=True, check_company=True
    )
    member_ids = fields.Many2many(
        "res.users",
        "crm_assignment_rule_res_users_rel",
        "rule_id",
        "user_id",
        "Salespeople",
        domain=[("share", "=", False)],
        required=True,
        check_company=True,
    )
    method = fields.Selection(
        [("round_robin", "Round-robin"), ("balanced", "Fewest open leads")],
        default="round_robin",
        required=True,
        tracking=True,
        help="Round-robin goes on where the previous run stopped; the other gives each lead "
        "to the member holding the fewest open leads.",
    )
    max_open_leads = fields.Integer(
        "Open Leads Cap",
        tracking=True,
        help="A member holding this many open leads gets no more from this rule; 0: no cap.",
    )
    last_user_id = fields.Many2one(
        "res.users", "Last Assigned To", readonly=True, copy=False, help="Round-robin position."
    )
    lead_count = fields.Integer("Assigned Leads", compute="_compute_lead_count")

    _sql_constraints = [
        ("max_open_leads_positive", "CHECK(max_open_leads >= 0)", "The cap cannot be negative."),
    ]

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("assignment_rule_id", "in", self.ids)], ["assignment_rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.lead_count = counts.get(rule, 0)

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                rule._get_lead_domain()
            except Exception as error:  # any parse or field error means "invalid"
                raise ValidationError(
                    self.env._(
                        "The conditions of rule %(rule)s are not valid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    def _get_lead_domain(self):
        """The rule's conditions as a domain; raises when they are not a valid lead domain."""
        self.ensure_one()
        domain = literal_eval(self.domain or "[]")
        if not isinstance(domain, list | tuple):
            raise ValueError(self.env._("a list of conditions is expected"))
        # Building the query resolves every field and operator without running it.
        self.env["crm.lead"].sudo()._search(domain)
        return list(domain)

    def _get_company_domain(self):
        """Leads of the rule's company; leads with no company only for the current one."""
        if not self.company_id:
            return []
        companies = [self.company_id.id]
        if self.company_id == self.env.company:
            companies.append(False)
        return [("company_id", "in", companies)]

    def _get_members(self):
        """Members in a fixed order: round-robin positions must survive edits of the list."""
        return sorted(self.member_ids.filtered("active").ids)

    def action_view_leads(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leads of %s", self.name),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("assignment_rule_id", "=", self.id)],
            "context": {"active_test": False},
        }

    @api.model
    def _get_active_rules(self):
        """Active rules of every company, in order: each one filters its own leads by company."""
        return self.sudo().search([])

    def _save_positions(self, last_users):
        """Store round-robin positions, unless another run holds the rules right now.

        A second run assigning at the same time would otherwise wait for the first
        one's commit and then fail on a serialization error; losing one position
        update only makes the next round start one member early. NO KEY UPDATE:
        the other run's leads still reference the rule (foreign key share lock).
        """
        changed = {rule: user for rule, user in last_users.items() if rule.last_user_id.id != user}
        if not changed:
            return
        ids = tuple(rule.id for rule in changed)
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM crm_assignment_rule WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                    [ids],
                )
                for rule, user in changed.items():
                    self.env.cr.execute(
                        "UPDATE crm_assignment_rule SET last_user_id = %s WHERE id = %s",
                        [user, rule.id],
                    )
        except (errors.LockNotAvailable, errors.SerializationFailure):
            return
        self.browse(ids).invalidate_recordset(["last_user_id"])
