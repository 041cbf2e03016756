# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression

from ..tools.dedup_keys import company_key, email_key, phone_key, registry_key


class CrmLead(models.Model):
    _inherit = "crm.lead"

    dedupe_company = fields.Char(compute="_compute_dedupe_keys", store=True, index=True)
    dedupe_phone = fields.Char(compute="_compute_dedupe_keys", store=True, index=True)
    dedupe_mobile = fields.Char(compute="_compute_dedupe_keys", store=True, index=True)
    dedupe_email = fields.Char(compute="_compute_dedupe_keys", store=True, index=True)
    dedupe_registry = fields.Char(
        compute="_compute_dedupe_keys",
        store=True,
        index=True,
        help="统一社会信用代码 of the customer.",
    )
    duplicate_of_id = fields.Many2one(
        "crm.lead",
        "Duplicate Of",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="An earlier lead of the same customer (撞单): its owner was told.",
    )

    @api.depends(
        "partner_name",
        "partner_id.commercial_partner_id.name",
        "partner_id.commercial_partner_id.is_company",
        "partner_id.commercial_partner_id.company_registry",
        "phone",
        "mobile",
        "email_from",
        "country_id",
        "company_id.country_id",
    )
    def _compute_dedupe_keys(self):
        for lead in self:
            account = lead.partner_id.commercial_partner_id
            region = lead._dedupe_region()
            lead.dedupe_company = company_key(
                lead.partner_name or (account.is_company and account.name)
            )
            lead.dedupe_phone = phone_key(lead.phone, region)
            lead.dedupe_mobile = phone_key(lead.mobile, region)
            lead.dedupe_email = email_key(lead.email_from)
            lead.dedupe_registry = registry_key(account.company_registry)

    def _dedupe_region(self):
        """Where a number without country code is dialled from: the lead's country, else
        its company's (README "Duplicate keys")."""
        country = self.country_id or (self.company_id or self.env.company).country_id
        return country.code or "CN"

    def _dedupe_domain(self):
        """Leads of the same customer as ``self`` by any key: registry, phone, e-mail, company name."""
        self.ensure_one()
        clauses = []
        if self.dedupe_registry:
            clauses.append([("dedupe_registry", "=", self.dedupe_registry)])
        for number in {self.dedupe_phone, self.dedupe_mobile} - {False}:
            clauses.append(["|", ("dedupe_phone", "=", number), ("dedupe_mobile", "=", number)])
        if self.dedupe_email:
            clauses.append([("dedupe_email", "=", self.dedupe_email)])
        if self.dedupe_company:
            clauses.append([("dedupe_company", "=", self.dedupe_company)])
        if not clauses:
            return None
        return expression.AND(
            [expression.OR(clauses), [("id", "!=", self.id), ("user_id", "!=", False)]]
        )

    def _flag_duplicates(self, older_only=False):
        """Called by create (crm_lead_assignment), before the rules, which give a
        duplicate to the owner of its original, and after an edit that moved a lead's keys
        (``older_only``: an edited lead is only the duplicate of an earlier one).

        Link each new lead to the oldest owned lead of the same customer and tell its owner."""
        self.flush_recordset(
            ["dedupe_company", "dedupe_phone", "dedupe_mobile", "dedupe_email", "dedupe_registry"]
        )
        for lead in self:
            domain = lead._dedupe_domain()
            if not domain:
                continue
            original = self.sudo().search(domain, order="create_date, id", limit=1)
            if not original or original in self:
                continue
            if older_only and (original.create_date, original.id) > (lead.create_date, lead.id):
                continue
            lead.sudo().duplicate_of_id = original
            original.message_post(
                body=self.env._(
                    "Possible duplicate (撞单): %(lead)s looks like the same customer.",
                    lead=lead.name,
                ),
                partner_ids=original.user_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
