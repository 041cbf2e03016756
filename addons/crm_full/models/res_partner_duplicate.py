# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..tools.dedup_keys import company_key, email_key, phone_key, registry_key, uscc_problem
from ..tools.dedup_keys import uscc_normalize as normalize
from ..tools.dedupe_rekey import DEDUPE_KEY_FIELDS as DEDUPE_FIELDS

# Edits that run the duplicate check again: contact details and the credit code.
DEDUPE_WATCHED_FIELDS = {"phone", "mobile", "email", "company_registry"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    dedupe_company = fields.Char(
        compute="_compute_dedupe_keys", store=True, index=True, groups="base.group_user"
    )
    dedupe_phone = fields.Char(
        compute="_compute_dedupe_keys", store=True, index=True, groups="base.group_user"
    )
    dedupe_mobile = fields.Char(
        compute="_compute_dedupe_keys", store=True, index=True, groups="base.group_user"
    )
    dedupe_email = fields.Char(
        compute="_compute_dedupe_keys", store=True, index=True, groups="base.group_user"
    )
    dedupe_registry = fields.Char(
        compute="_compute_dedupe_keys", store=True, index=True, groups="base.group_user"
    )
    partner_duplicate_of_id = fields.Many2one(
        "res.partner",
        "Possible Duplicate Of",
        copy=False,
        index="btree_not_null",
        readonly=True,
        groups="base.group_user",
        help="An earlier customer with the same credit code, phone, e-mail or company name "
        "(撞单): its salesperson was told.",
    )

    @api.model
    def _system_fields(self):
        return super()._system_fields() | {*DEDUPE_FIELDS, "partner_duplicate_of_id"}

    @api.depends(
        "name",
        "is_company",
        "phone",
        "mobile",
        "email",
        "company_registry",
        "country_id",
        "company_id.country_id",
    )
    def _compute_dedupe_keys(self):
        for partner in self:
            partner.dedupe_company = partner.is_company and company_key(partner.name)
            partner.dedupe_phone = partner._dedupe_phone_key(partner.phone)
            partner.dedupe_mobile = partner._dedupe_phone_key(partner.mobile)
            partner.dedupe_email = email_key(partner.email)
            partner.dedupe_registry = registry_key(partner.company_registry)

    def _dedupe_phone_key(self, number):
        """E.164 key, dialled from the partner's country, else its company's."""
        country = self.country_id or (self.company_id or self.env.company).country_id
        return phone_key(number, country.code)

    @api.constrains("company_registry", "country_id")
    def _check_company_registry_uscc(self):
        for partner in self:
            if not partner.company_registry or not partner._uscc_applies():
                continue
            problem = uscc_problem(partner.company_registry)
            if problem:
                raise ValidationError(partner._uscc_message(problem))

    def _uscc_applies(self):
        """Chinese companies (or, without a country, those of a Chinese company)."""
        country = self.country_id or (self.company_id or self.env.company).country_id
        return country.code == "CN"

    def _uscc_message(self, problem):
        code = self.company_registry
        if problem == "length":
            return self.env._(
                "The unified social credit code %(code)s of %(name)s must have 18 characters, "
                "not %(count)s.",
                code=code,
                name=self.display_name,
                count=len(normalize(code)),
            )
        if problem == "character":
            return self.env._(
                "The unified social credit code %(code)s of %(name)s may only use digits and "
                "capital letters other than I, O, Z, S and V.",
                code=code,
                name=self.display_name,
            )
        if problem == "region":
            return self.env._(
                "The unified social credit code %(code)s of %(name)s must have digits in "
                "positions 3 to 8 (the administrative division code).",
                code=code,
                name=self.display_name,
            )
        return self.env._(
            "The unified social credit code %(code)s of %(name)s has a wrong check character "
            "(the last one): check it was copied correctly.",
            code=code,
            name=self.display_name,
        )

    # ------------------------------------------------------------
    # DUPLICATES (撞单)
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._partner_flag_duplicates()
        return partners

    def write(self, vals):
        if not DEDUPE_WATCHED_FIELDS.intersection(vals):
            return super().write(vals)
        before = {partner: partner._partner_watched_keys() for partner in self}
        res = super().write(vals)
        # Users' own partners (an employee editing their phone) are no customers: the
        # check never takes them as originals either.
        changed = self.browse(
            partner.id
            for partner, keys in before.items()
            if partner._partner_watched_keys() != keys and not partner.user_ids
        )
        changed._partner_flag_duplicates(edited=True)
        return res

    def _partner_watched_keys(self):
        """The keys an edit of phone, mobile, e-mail or credit code may change. The credit
        code counts on the commercial entity only: its contacts get copies of it, and
        the entity's own check covers them."""
        self.ensure_one()
        registry = self.dedupe_registry if self.commercial_partner_id == self else False
        return (self.dedupe_phone, self.dedupe_mobile, self.dedupe_email, registry)

    def _partner_dedupe_keys(self):
        """(field, value) pairs under which another partner is the same customer."""
        self.ensure_one()
        keys = [("dedupe_registry", self.dedupe_registry), ("dedupe_email", self.dedupe_email)]
        keys.append(("dedupe_company", self.dedupe_company))
        for number in (self.dedupe_phone, self.dedupe_mobile):
            keys += [("dedupe_phone", number), ("dedupe_mobile", number)]
        return [(fname, value) for fname, value in keys if value]

    def _partner_flag_duplicates(self, edited=False):
        """Link each partner to the oldest other customer sharing a key; tell its owner.

        Run on new partners, and on partners whose phone, mobile, e-mail or credit code
        was edited (``edited``): the same rules, and the owner is told only when the
        match is another customer than the one already linked. An edit that matches
        nobody keeps the link: the owner was told, and a manager judges (撞单 are not
        erased by changing a phone number).

        One search for the whole batch (one IN per key, so an import of thousands stays
        one query); contacts of the same company are no duplicates of each other.
        """
        keys = {partner: partner._partner_dedupe_keys() for partner in self}
        values = {}
        for partner_keys in keys.values():
            for fname, value in partner_keys:
                values.setdefault(fname, set()).add(value)
        if not values:
            return
        self.flush_recordset(list(DEDUPE_FIELDS))
        domain = expression.AND(
            [
                expression.OR([[(fname, "in", list(vals))] for fname, vals in values.items()]),
                [("id", "not in", self.ids), ("user_ids", "=", False)],
            ]
        )
        # One query fetching the keys read below (and no extra ``search`` call in
        # Odoo's own partner flows, e.g. _find_or_create_from_emails).
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(domain, [*DEDUPE_FIELDS, "commercial_partner_id"], order="id")
        )
        index = {}
        for other in existing:
            for fname, value in other._partner_dedupe_keys():
                index.setdefault((fname, value), other)
        for partner, partner_keys in keys.items():
            matches = [index[key] for key in partner_keys if key in index]
            account = partner.commercial_partner_id
            matches = [other for other in matches if other.commercial_partner_id != account]
            if matches:
                original = min(matches, key=lambda other: other.id)
                if partner.partner_duplicate_of_id == original:
                    continue
                partner.sudo().partner_duplicate_of_id = original
                original.sudo()._partner_tell_owner(partner, edited=edited)

    def _partner_tell_owner(self, duplicate, edited=False):
        """A to-do for the original's salesperson. An activity, not a message: the
        customer's thread stays its own history (Odoo's flows and merges read it), and
        no e-mail goes out in the name of whoever typed the contact. No owner, no to-do:
        the link stays on the duplicate for the managers' duplicate list."""
        owner = self.user_id or self.commercial_partner_id.user_id
        if not owner.active or owner.share:
            return
        if edited:
            text = self.env._(
                "Possible duplicate (撞单): %(new)s, edited by %(user)s, now looks like this "
                "customer.",
                new=duplicate.display_name,
                user=self.env.user.name,
            )
        else:
            text = self.env._(
                "Possible duplicate (撞单): %(new)s, created by %(user)s, looks like this customer.",
                new=duplicate.display_name,
                user=self.env.user.name,
            )
        self.with_context(mail_activity_quick_update=True).activity_schedule(
            "mail.mail_activity_data_todo", summary=text[:250], user_id=owner.id
        )
