# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    birthday = fields.Date(help="Date of birth; personal data, keep it only with consent.")
    birthday_calendar = fields.Selection(
        [("solar", "Gregorian"), ("lunar", "Chinese Lunar")],
        string="Birthday Calendar",
        default="solar",
        help="Lunar: the birthday is celebrated on the lunar month and day of the "
        "date of birth (农历生日), converted to this year's date.",
    )
    care_opt_out = fields.Boolean(
        "No Care Messages",
        help="Care rules skip this contact: no greetings, no care activities.",
    )
    care_consent_date = fields.Date(
        "Care Consent Date", help="When the contact agreed to birthday and care messages."
    )
    csm_user_id = fields.Many2one(
        "res.users",
        "Customer Success Manager",
        index="btree_not_null",
        tracking=True,
        copy=False,
        domain="[('share', '=', False)]",
        help="Gets onboarding and proactive-care activities with the owner.",
    )
    care_log_ids = fields.One2many("customer.care.log", "partner_id", "Care Log")
