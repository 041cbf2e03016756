# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class CrmHandoverWizard(models.TransientModel):
    """Hand a leaving user's book over in one step (离职交接): preview, then move."""

    _name = "crm.handover.wizard"
    _description = "Hand Over a Book"

    source_user_id = fields.Many2one(
        "res.users",
        "From",
        required=True,
        domain="[('share', '=', False)]",
        help="Whose customers, leads, quotations, tickets and to-dos move.",
    )
    target_user_ids = fields.Many2many(
        "res.users",
        string="To",
        domain="[('share', '=', False), ('id', '!=', source_user_id)]",
        help="One or several users; with several, the split rule decides who gets what.",
    )
    split = fields.Selection(
        [("round_robin", "Round-robin"), ("team", "By team")],
        "Split",
        required=True,
        default="round_robin",
        help="Round-robin: each customer in turn, with its leads, orders and to-dos. "
        "By team: a record goes to a new owner of its sales or service team first.",
    )
    leads_to_pool = fields.Boolean(
        "Open Leads to the Public Pool",
        help="Release the open leads to the public pool (公海) with the reason "
        "'Hand-over' instead of giving them to the new owners.",
    )
    archive_source = fields.Boolean(
        "Archive Afterwards", help="Archive the user once the book is handed over."
    )
    preview_html = fields.Html("Preview", compute="_compute_preview_html", sanitize=False)

    @api.depends("source_user_id", "leads_to_pool")
    def _compute_preview_html(self):
        Handover = self.env["crm.handover"]
        _ = self.env._
        for wizard in self:
            rows = Handover._handover_preview(wizard.source_user_id, wizard.leads_to_pool)
            if not rows:
                wizard.preview_html = False
                continue
            head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
                _("Kind"),
                _("To move"),
                _("Not visible to you (stay)"),
            )
            body = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    row["label"] + (" → " + _("Public Pool") if row["pool"] else ""),
                    row["count"],
                    row["hidden"] or "",
                )
                for row in rows
            )
            wizard.preview_html = Markup('<table class="table table-sm">%s%s</table>') % (
                head,
                body,
            )

    def action_confirm(self):
        self.ensure_one()
        handover = self.env["crm.handover"]._handover_run(
            self.source_user_id,
            self.target_user_ids,
            split=self.split,
            leads_to_pool=self.leads_to_pool,
        )
        if self.archive_source:
            self.source_user_id.with_context(handover_done=True).action_archive()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand-over"),
            "res_model": "crm.handover",
            "res_id": handover.id,
            "view_mode": "form",
            "target": "current",
        }
