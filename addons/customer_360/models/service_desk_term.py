# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ServiceDeskTerm(models.Model):
    """NPS comments join the word cloud, and the customer segment is the RFM segment.

    NPS terms have no ticket: service_desk's rules show them to service managers only.
    """

    _inherit = "service.desk.term"

    source = fields.Selection(selection_add=[("nps", "NPS Comment")], ondelete={"nps": "cascade"})
    nps_response_id = fields.Many2one(
        "customer.nps.response", "NPS Response", readonly=True, ondelete="cascade", index=True
    )

    @api.model
    def _selection_segment(self):
        # labels in the reader's language, as the reports' RFM segment
        return self.env["res.partner"]._fields["rfm_segment"]._description_selection(self.env)

    @api.model
    def _get_term_segments(self, partners):
        # sudo: the segment is a 360 figure; the cron indexes as superuser anyway
        return {
            partner.id: partner.rfm_segment for partner in partners.sudo() if partner.rfm_segment
        }

    @api.model
    def _get_term_sources(self):
        return {**super()._get_term_sources(), "nps": ("customer.nps.response", [])}

    def _term_documents_nps(self, responses):
        return [
            (
                response.id,
                (response.date_answered and response.comment) or "",
                {
                    "nps_response_id": response.id,
                    "ticket_id": False,
                    "date": response.date_answered and response.date_answered.date(),
                    "team_id": False,
                    "category_id": False,
                    "partner_id": response.partner_id.id,
                    "company_id": response.company_id.id,
                },
            )
            for response in responses
        ]

    def action_open_source(self):
        if self.nps_response_id:
            return {
                "type": "ir.actions.act_window",
                "res_model": "customer.nps.response",
                "res_id": self.nps_response_id.id,
                "views": [(False, "form")],
            }
        return super().action_open_source()
