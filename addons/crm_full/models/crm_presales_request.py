# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.assignment import distribute

OPEN_STATES = ("requested", "in_progress")
# More hours than this on one request is a typo (a year of full days), not effort.
MAX_HOURS = 2000


class CrmPresalesRequest(models.Model):
    """A salesperson's call for technical help on an opportunity (售前支持).

    The request picks a member of a presales team the way assignment rules pick
    salespeople (round-robin or fewest open requests), gives them access to the
    opportunity (record rule on crm.lead) and a to-do with the context, while the
    salesperson stays its owner. The presales engineer records hours and outcome.
    """

    _name = "crm.presales.request"
    _description = "Presales Request"
    _inherit = ["mail.thread", "crm.full.system.fields.mixin"]
    _order = "date_requested desc, id desc"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead", "Opportunity", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Customer")
    salesperson_id = fields.Many2one(related="lead_id.user_id", string="Salesperson")
    company_id = fields.Many2one(
        related="lead_id.company_id", store=True, index=True, precompute=True
    )
    team_id = fields.Many2one(
        "crm.team",
        "Presales Team",
        required=True,
        domain=[("is_presales", "=", True)],
        default=lambda self: self._default_team(),
        check_company=True,
    )
    requester_id = fields.Many2one(
        "res.users", "Requested by", default=lambda self: self.env.user, readonly=True
    )
    presales_user_id = fields.Many2one(
        "res.users", "Presales Engineer", readonly=True, index=True, tracking=True
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
    )
    request_note = fields.Text(
        "What Is Needed",
        required=True,
        help="The customer's question and what the presales engineer should prepare.",
    )
    date_requested = fields.Datetime(default=fields.Datetime.now, readonly=True)
    date_done = fields.Datetime("Done on", readonly=True, copy=False)
    hours_spent = fields.Float("Hours Spent", tracking=True)
    outcome = fields.Selection(
        [
            ("solution", "Solution accepted"),
            ("demo", "Demo / POC delivered"),
            ("followup", "Needs more work"),
            ("not_feasible", "Not feasible"),
        ],
        tracking=True,
    )
    outcome_note = fields.Text("Outcome Notes")
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False, ondelete="set null")

    @api.model
    def _system_fields(self):
        # company_id is the lead's (related): writing it would move the opportunity
        return super()._system_fields() | {
            "company_id",
            "requester_id",
            "presales_user_id",
            "state",
            "date_requested",
            "date_done",
            "activity_id",
        }

    @api.model
    def _default_team(self):
        return self.env["crm.team"].search(
            [("is_presales", "=", True), ("company_id", "in", [self.env.company.id, False])],
            limit=1,
        )

    @api.depends("lead_id", "presales_user_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = " / ".join(
                filter(None, [request.lead_id.name, request.presales_user_id.name])
            )

    @api.constrains("hours_spent")
    def _check_hours_spent(self):
        for request in self:
            if not 0 <= request.hours_spent <= MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "Hours spent must be between 0 and %(max)s.",
                        max=MAX_HOURS,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._presales_check_new(vals_list)
        requests = super().create(vals_list)
        requests._presales_assign()
        return requests

    def write(self, vals):
        if not self.env.su and {"lead_id", "team_id"} & vals.keys():
            raise UserError(
                self.env._(
                    "A presales request stays on its opportunity and team: cancel it and "
                    "request again instead."
                )
            )
        return super().write(vals)

    @api.model
    def _presales_check_new(self, vals_list):
        """Only who may edit an open opportunity asks for help on it, once at a time."""
        Lead = self.env["crm.lead"]
        for vals in vals_list:
            lead = Lead.browse(vals.get("lead_id")).exists()
            if not lead:
                raise ValidationError(self.env._("Choose the opportunity that needs presales."))
            if not self.env.su:
                lead.check_access("write")
                lead._presales_check_requester()
            lead = lead.sudo()
            if lead.type != "opportunity" or not lead.active or lead.stage_id.is_won:
                raise ValidationError(
                    self.env._(
                        "Presales support is requested on an open opportunity; %(lead)s is not.",
                        lead=lead.name,
                    )
                )
            if lead.presales_request_ids.filtered(lambda r: r.state in OPEN_STATES):
                raise UserError(
                    self.env._("%(lead)s already has an open presales request.", lead=lead.name)
                )
            team = self.env["crm.team"].sudo().browse(vals.get("team_id")).exists()
            if not team.is_presales:
                raise ValidationError(self.env._("Choose a presales team."))

    # ------------------------------------------------------------
    # ASSIGNMENT
    # ------------------------------------------------------------
    def _presales_assign(self):
        """Pick an engineer for each request without one, then tell them."""
        for request in self.sudo().filtered(lambda r: not r.presales_user_id):
            team = request.team_id
            # Two requests at once must not both read the same round-robin position.
            self.env.cr.execute(
                "SELECT id FROM crm_team WHERE id = %s FOR NO KEY UPDATE", [team.id]
            )
            user = request._presales_pick_user()
            request.presales_user_id = user
            team.presales_last_user_id = user
        self._presales_notify()

    def _presales_pick_user(self):
        """The team member who takes this request: the team's method, over open loads.

        The requester and the opportunity's salesperson are skipped (they asked)."""
        self.ensure_one()
        team = self.team_id
        members = sorted(team.member_ids.filtered(lambda u: u.active and not u.share).ids)
        groups = self._read_group(
            [("presales_user_id", "in", members), ("state", "in", OPEN_STATES)],
            ["presales_user_id"],
            ["__count"],
        )
        loads = {user.id: count for user, count in groups}
        excluded = {self.id: {self.requester_id.id, self.lead_id.user_id.id}}
        plan, _last = distribute(
            [self.id],
            members,
            loads,
            team.presales_method or "round_robin",
            last_member=team.presales_last_user_id.id,
            excluded=excluded,
        )
        if self.id not in plan:
            raise UserError(
                self.env._(
                    "The presales team %(team)s has no member who can take this request.",
                    team=team.name,
                )
            )
        return self.env["res.users"].browse(plan[self.id])

    def _presales_notify(self):
        """A to-do for the engineer, the engineer as follower, a note on the opportunity."""
        self = self.sudo()  # the requester may not create activities for others
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for request in self:
            lead = request.lead_id
            engineer = request.presales_user_id
            lead.message_subscribe(partner_ids=engineer.partner_id.ids)
            # the to-do is the engineer's: in their language, not the requester's
            in_lang = request.with_context(lang=engineer.lang or self.env.lang)
            request.activity_id = self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "res_id": lead.id,
                    "activity_type_id": todo.id if todo else False,
                    "user_id": engineer.id,
                    "summary": in_lang.env._("Presales support: %s", lead.name),
                    "note": in_lang._presales_context_html(),
                }
            )
            lead.message_post(
                body=self.env._(
                    "Presales support requested by %(requester)s from %(engineer)s.",
                    requester=request.requester_id.name,
                    engineer=request.presales_user_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _presales_context_html(self):
        """What the engineer needs to start: customer, amount, stage, the question."""
        self.ensure_one()
        lead = self.lead_id
        rows = [
            (self.env._("Customer"), lead.partner_id.display_name or lead.partner_name or ""),
            (self.env._("Salesperson"), lead.user_id.name or ""),
            (self.env._("Stage"), lead.stage_id.name or ""),
            (
                self.env._("Expected Revenue"),
                f"{lead.expected_revenue:,.2f} {lead.company_currency.symbol or ''}",
            ),
            (self.env._("What Is Needed"), self.request_note or ""),
        ]
        items = Markup("").join(
            Markup("<li><strong>%s</strong>: %s</li>") % (label, value) for label, value in rows
        )
        return Markup("<ul>%s</ul>") % items

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def _presales_check_actor(self, roles):
        """Refuse unless the user is the engineer / the requester side, or a manager."""
        if self.env.su or self.env.user.has_group("crm_full.crm_full_group_manager"):
            return
        uid = self.env.uid
        for request in self:
            allowed = ("engineer" in roles and request.presales_user_id.id == uid) or (
                "sales" in roles
                and uid
                in (
                    request.requester_id | request.lead_id.user_id | request.lead_id.team_id.user_id
                ).ids
            )
            if not allowed:
                raise AccessError(
                    self.env._(
                        "Only the presales engineer, the salesperson or a manager can do this."
                    )
                )

    def action_start(self):
        self._presales_check_actor({"engineer"})
        if any(request.state != "requested" for request in self):
            raise UserError(self.env._("Only a new presales request can be started."))
        self.sudo().state = "in_progress"

    def action_done(self):
        self._presales_check_actor({"engineer"})
        for request in self:
            if request.state not in OPEN_STATES:
                raise UserError(self.env._("Only an open presales request can be closed."))
            if request.hours_spent <= 0 or not request.outcome:
                raise ValidationError(
                    self.env._("Record the hours spent and the outcome before closing.")
                )
        self.sudo()._presales_close("done")

    def action_cancel(self):
        self._presales_check_actor({"engineer", "sales"})
        if any(request.state not in OPEN_STATES for request in self):
            raise UserError(self.env._("Only an open presales request can be cancelled."))
        self.sudo()._presales_close("cancelled")

    def _presales_close(self, state):
        for request in self:
            request.write({"state": state, "date_done": fields.Datetime.now()})
            activity = request.activity_id
            if activity and state == "done":
                outcome = dict(self._fields["outcome"]._description_selection(self.env))
                activity.action_feedback(
                    feedback=self.env._(
                        "%(hours)s hours, %(outcome)s",
                        hours=request.hours_spent,
                        outcome=outcome.get(request.outcome, ""),
                    )
                )
            elif activity:
                activity.unlink()

    def action_open_lead(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }
