# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# What a ticket gets when neither its creator nor a routing rule chose a priority.
DEFAULT_PRIORITY = "1"

TICKET_PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]


class ServiceDeskTicket(models.Model):
    _name = "service.desk.ticket"
    _description = "Service Desk Ticket"
    _inherit = ["mail.thread.cc", "mail.activity.mixin"]
    _order = "priority desc, id desc"
    _rec_names_search = ["number", "name"]
    _check_company_auto = True

    number = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Html()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True, index=True)
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    team_id = fields.Many2one("service.desk.team", check_company=True, index=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        domain="[('share', '=', False)]",
        index=True,
        tracking=True,
    )
    stage_id = fields.Many2one(
        "service.desk.stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        precompute=True,
        group_expand="_read_group_stage_ids",
        ondelete="restrict",
        index=True,
        tracking=True,
        copy=False,
    )
    stage_category = fields.Selection(related="stage_id.category")
    is_done = fields.Boolean(related="stage_id.is_done", store=True)
    # no field default: the form would send it as if chosen and routing rules would never
    # set the priority; an unset priority is filled on create (see _apply_default_priority)
    priority = fields.Selection(TICKET_PRIORITIES, tracking=True)
    channel = fields.Selection(
        [
            ("email", "E-mail"),
            ("portal", "Portal"),
            ("phone", "Phone"),
            ("dingtalk", "DingTalk"),
            ("web", "Website"),
        ],
        default="phone",
    )
    date_done = fields.Datetime(string="Solved on", readonly=True, copy=False)

    _sql_constraints = [
        (
            "number_company_uniq",
            "unique(number, company_id)",
            "Ticket numbers must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------
    @api.depends("team_id")
    def _compute_stage_id(self):
        for ticket in self:
            if not ticket.stage_id or (
                ticket.stage_id.team_ids and ticket.team_id not in ticket.stage_id.team_ids
            ):
                ticket.stage_id = ticket.team_id._get_first_stage()

    @api.depends("number", "name")
    def _compute_display_name(self):
        for ticket in self:
            ticket.display_name = (
                f"{ticket.number} {ticket.name}" if ticket.number != "/" else ticket.name
            )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("number", "/") == "/":
                vals["number"] = self._prepare_number(vals)
        return super().create(vals_list)

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["service.desk.stage"].browse(vals["stage_id"])
            vals["date_done"] = fields.Datetime.now() if stage.is_done else False
        return super().write(vals)

    def _prepare_number(self, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        return (
            self.env["ir.sequence"].with_company(company).next_by_code("service.desk.ticket") or "/"
        )
