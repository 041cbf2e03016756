# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

SALES_GROUP = "sales_team.group_sale_salesman"
SERVICE_GROUP = "service_desk.service_desk_group_user"
# How many open tickets the hand-off lists: the implementation team needs the gist.
OPEN_TICKETS_LISTED = 10


class SaleOrder(models.Model):
    """Hand a signed contract over to the implementation team (实施交付).

    It lives here, where sales and service meet: crm_full and service_desk know
    nothing of each other. The work is a service_desk ticket of the
    "Implementation" category, routed by the service desk's own rules, and, when
    Odoo's Project app is installed, a project with one task per order line too
    (project is not a dependency: the suite runs without it).
    """

    _inherit = "sale.order"

    implementation_ticket_id = fields.Many2one(
        "service.desk.ticket",
        "Implementation Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=SERVICE_GROUP,
    )
    implementation_date = fields.Datetime("Handed Over on", readonly=True, copy=False)
    implementation_project_id = fields.Integer(
        "Implementation Project ID",
        readonly=True,
        copy=False,
        help="The project.project created by the hand-off, when the Project app is installed.",
    )
    implementation_status = fields.Char(
        "Implementation", compute="_compute_implementation_status", compute_sudo=True
    )

    @api.model
    def _system_fields(self):
        return super()._system_fields() | {
            "implementation_ticket_id",
            "implementation_date",
            "implementation_project_id",
        }

    @api.depends("implementation_date")
    def _compute_implementation_status(self):
        # Salespeople read no tickets: they see its number and stage, as the system.
        for order in self:
            ticket = order.implementation_ticket_id
            order.implementation_status = (
                f"{ticket.number} · {ticket.stage_id.name}" if ticket else False
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def action_handover_implementation(self):
        self._implementation_check()
        self._implementation_handover()
        if len(self) == 1 and self.env.user.has_group(SERVICE_GROUP):
            return self.sudo().implementation_ticket_id._get_records_action()
        return True

    def action_view_implementation_ticket(self):
        self.ensure_one()
        return self.implementation_ticket_id._get_records_action()

    def action_view_implementation_project(self):
        self.ensure_one()
        if "project.project" not in self.env or not self.implementation_project_id:
            return False
        project = self.env["project.project"].browse(self.implementation_project_id)
        return project._get_records_action()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------
    def _implementation_check(self):
        """Only a confirmed order one may edit, and only once."""
        self.check_access("write")
        for order in self:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Only a confirmed order is handed over to implementation; %(order)s is not.",
                        order=order.name,
                    )
                )
            if order.sudo().implementation_date:
                raise UserError(
                    self.env._(
                        "%(order)s was already handed over to implementation (%(ticket)s).",
                        order=order.name,
                        ticket=order.implementation_status or "",
                    )
                )

    def _implementation_handover(self):
        """Create the implementation work of each order, linked both ways.

        As the system: the salesperson hands over but may not create tickets."""
        now = fields.Datetime.now()
        for order in self.sudo():
            ticket = (
                self.env["service.desk.ticket"]
                .sudo()
                .create(order._prepare_implementation_ticket_values())
            )
            vals = {"implementation_ticket_id": ticket.id, "implementation_date": now}
            if "project.project" in self.env:
                vals["implementation_project_id"] = order._implementation_create_project().id
            order.write(vals)
            order.message_post(
                body=Markup(self.env._("Handed over to implementation: %s"))
                % ticket._get_html_link(title=ticket.display_name),
                subtype_xmlid="mail.mt_note",
            )

    def _implementation_category(self):
        return self.env.ref(
            "customer_360.service_desk_category_implementation", raise_if_not_found=False
        )

    def _prepare_implementation_ticket_values(self):
        self.ensure_one()
        category = self._implementation_category()
        return {
            "name": self.env._(
                "Implementation: %(order)s %(customer)s",
                order=self.name,
                customer=self.partner_id.commercial_partner_id.name,
            ),
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "category_id": category.id if category else False,
            "description": self._implementation_context_html(),
            "sale_order_id": self.id,
        }

    def _implementation_create_project(self):
        """A project with one task per order line (Odoo's Project app)."""
        self.ensure_one()
        project = (
            self.env["project.project"]
            .sudo()
            .create(
                {
                    "name": self.env._("Implementation %s", self.name),
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "company_id": self.company_id.id,
                    "description": self._implementation_context_html(),
                }
            )
        )
        self.env["project.task"].sudo().create(
            [
                {
                    "name": line.name.splitlines()[0] if line.name else line.product_id.name,
                    "project_id": project.id,
                    "partner_id": self.partner_id.id,
                }
                for line in self.order_line.filtered(lambda ol: not ol.display_type)
            ]
        )
        return project

    def _implementation_context_html(self):
        """What the implementation team needs: contacts, lines, notes, open tickets, health."""
        self.ensure_one()
        account = self.partner_id.commercial_partner_id
        _ = self.env._
        li = Markup("<li>%s</li>")

        def section(title, items):
            body = Markup("").join(li % item for item in items) or li % _("None")
            return Markup("<h4>%s</h4><ul>%s</ul>") % (title, body)

        contacts = [
            " · ".join(filter(None, [c.name, c.function, c.phone or c.mobile, c.email]))
            for c in (account | account.child_ids.filtered("active"))
        ]
        lines = [
            f"{line.product_id.display_name or line.name} × {line.product_uom_qty:g} "
            f"{line.product_uom.name or ''} = {line.price_subtotal:,.2f} {line.currency_id.symbol}"
            for line in self.order_line.filtered(lambda ol: not ol.display_type)
        ]
        notes = [
            text
            for text in (
                Markup(self.note or "").striptags(),
                Markup(account.comment or "").striptags(),
            )
            if text
        ]
        tickets = self.env["service.desk.ticket"].search(
            [("commercial_partner_id", "=", account.id), ("is_done", "=", False)],
            limit=OPEN_TICKETS_LISTED,
        )
        states = dict(account._fields["health_state"]._description_selection(self.env))
        health = (
            _(
                "%(score)s / 100 (%(state)s)",
                score=account.health_score,
                state=states.get(account.health_state),
            )
            if account.health_state
            else _("Not scored yet")
        )
        return Markup("").join(
            [
                section(_("Contacts"), contacts),
                section(_("Order Lines"), lines),
                section(_("Notes"), notes),
                section(_("Open Tickets"), tickets.mapped("display_name")),
                section(_("Health"), [health]),
            ]
        )
