# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.crm_full.tools.local_dates import company_tz, local_date


@tagged("post_install", "-at_install", "customer_360", "customer_360_care")
class TestCustomerCare(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Care Co"})
        cls.owner = new_test_user(cls.env, "care_owner", groups="sales_team.group_sale_salesman")
        cls.csm = new_test_user(cls.env, "care_csm", groups="base.group_user")
        Partner = cls.env["res.partner"]
        cls.account = Partner.create(
            {
                "name": "Lotus Trading",
                "is_company": True,
                "user_id": cls.owner.id,
                "email": "buy@lotus.example.com",
            }
        )
        cls.contact = Partner.create(
            {"name": "Li Na", "parent_id": cls.account.id, "birthday": date(1990, 3, 10)}
        )
        cls.product = cls.env["product.product"].create({"name": "Care widget"})

    @classmethod
    def _order(cls, partner, day):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "date_order": f"{day} 09:00:00",
                "state": "sale",
                "order_line": [(0, 0, {"product_id": cls.product.id, "price_unit": 100})],
            }
        )

    def _rule(self, trigger, partners, **vals):
        return self.env["customer.care.rule"].create(
            {
                "name": f"Test {trigger}",
                "trigger": trigger,
                "company_id": self.company.id,
                "partner_domain": f"[('id', 'in', {partners.ids})]",
                "user_id": self.env.user.id,
                **vals,
            }
        )

    def _run(self, rule, day):
        with freeze_time(day):
            return rule._run()

    def _activities(self, partner, rule):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("summary", "=", rule.activity_summary),
            ]
        )

    def test_birthday_with_lead_time_once(self):
        rule = self._rule("birthday", self.contact, lead_days=3, activity_summary="Gift")
        self.assertFalse(self._run(rule, "2026-03-06"))
        logs = self._run(rule, "2026-03-07")
        self.assertEqual(logs.partner_id, self.contact)
        self.assertEqual(logs.occurrence_date, date(2026, 3, 10))
        self.assertEqual(logs.state, "done")
        activity = self._activities(self.contact, rule)
        self.assertEqual(activity.date_deadline, date(2026, 3, 10))
        self.assertEqual(activity.user_id, self.owner, "the account owner is called")
        # The cron runs again the next days (and twice a day): nothing new.
        self.assertFalse(self._run(rule, "2026-03-07"))
        self.assertFalse(self._run(rule, "2026-03-10"))
        self.assertEqual(len(self._activities(self.contact, rule)), 1)
        self.assertFalse(self._run(rule, "2026-03-11"))
        # Next year is a new occurrence.
        self.assertEqual(self._run(rule, "2027-03-08").occurrence_date, date(2027, 3, 10))

    def test_cron_twice_acts_once(self):
        rule = self._rule("birthday", self.contact, lead_days=2, activity_summary="Twice")
        Rule = self.env["customer.care.rule"]
        with freeze_time("2026-03-08"):
            Rule._cron_run_care_rules()
            Rule._cron_run_care_rules()
        with freeze_time("2026-03-09"):
            Rule._cron_run_care_rules()
        self.assertEqual(len(rule.log_ids), 1)
        self.assertEqual(len(self._activities(self.contact, rule)), 1)

    def test_birthday_29_february(self):
        self.contact.birthday = date(1992, 2, 29)
        rule = self._rule("birthday", self.contact, activity_summary="Leap")
        self.assertEqual(self._run(rule, "2026-02-28").occurrence_date, date(2026, 2, 28))
        self.assertFalse(self._run(rule, "2026-03-01"))
        self.assertFalse(self._run(rule, "2028-02-28"))
        self.assertEqual(self._run(rule, "2028-02-29").occurrence_date, date(2028, 2, 29))

    def test_lunar_birthday(self):
        # Born on 1990-01-27, Spring Festival: lunar 1/1, i.e. 17 Feb in 2026.
        self.contact.write({"birthday": date(1990, 1, 27), "birthday_calendar": "lunar"})
        rule = self._rule("birthday", self.contact, activity_summary="Lunar")
        self.assertFalse(self._run(rule, "2026-01-27"))
        self.assertEqual(self._run(rule, "2026-02-17").occurrence_date, date(2026, 2, 17))
        self.assertEqual(self._run(rule, "2025-01-29").occurrence_date, date(2025, 1, 29))
        # A date of birth before the lunar table is skipped, not a crash.
        self.contact.birthday = date(1899, 5, 1)
        self.assertFalse(self._run(rule, "2026-06-01"))

    def test_first_order_anniversary(self):
        self._order(self.contact, "2024-05-15")
        self._order(self.account, "2025-02-01")
        rule = self._rule("anniversary", self.account, lead_days=7, activity_summary="Thanks")
        self.assertFalse(self._run(rule, "2025-05-07"))
        self.assertEqual(self._run(rule, "2025-05-08").occurrence_date, date(2025, 5, 15))
        self.assertFalse(self._run(rule, "2025-05-15"))
        self.assertFalse(self._run(rule, "2024-05-15"), "the first order itself is no anniversary")
        self.assertEqual(len(self._activities(self.account, rule)), 1)

    def test_inactivity_once_per_spell(self):
        self._order(self.account, "2026-01-01")
        rule = self._rule("inactivity", self.account, inactivity_days=90, activity_summary="Call")
        self.assertFalse(self._run(rule, "2026-03-31"))
        self.assertEqual(self._run(rule, "2026-04-01").occurrence_date, date(2026, 4, 1))
        self.assertFalse(self._run(rule, "2026-05-01"))
        # A new order ends the spell; the next one is a new occurrence.
        self._order(self.account, "2026-05-10")
        self.assertFalse(self._run(rule, "2026-06-01"))
        self.assertEqual(self._run(rule, "2026-08-08").occurrence_date, date(2026, 8, 8))
        self.assertEqual(len(self._activities(self.account, rule)), 2)

    def test_onboarding_assigns_csm_and_sends_welcome(self):
        self._order(self.account, "2026-06-25")
        template = self.env.ref("customer_360.mail_template_care_welcome")
        rule = self._rule(
            "onboarding",
            self.account,
            action_type="mail",
            mail_template_id=template.id,
            csm_user_id=self.csm.id,
            window_days=30,
        )
        logs = self._run(rule, "2026-06-28")
        self.assertEqual(logs.occurrence_date, date(2026, 6, 25))
        self.assertEqual(self.account.csm_user_id, self.csm)
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.account.ids)])
        self.assertEqual(len(mails), 1)
        self.assertIn("Welcome", mails.subject)
        self.assertFalse(self._run(rule, "2026-06-29"))
        self.assertEqual(
            self.env["mail.mail"].search_count([("recipient_ids", "in", self.account.ids)]), 1
        )
        # An old customer is not onboarded by a new rule.
        self.assertFalse(
            self._rule("onboarding", self.account, window_days=1)._run(date(2026, 7, 30))
        )

    def test_opt_out_and_blacklist(self):
        rule = self._rule("birthday", self.contact, activity_summary="Opt")
        self.account.care_opt_out = True
        self.assertFalse(self._run(rule, "2026-03-10"), "the company opted out for its contacts")
        self.account.care_opt_out = False
        self.contact.care_opt_out = True
        self.assertFalse(self._run(rule, "2026-03-10"))
        self.contact.write({"care_opt_out": False, "email": "li.na@lotus.example.com"})
        self.env["mail.blacklist"].create({"email": "li.na@lotus.example.com"})
        mail_rule = self._rule(
            "birthday",
            self.contact,
            action_type="mail",
            mail_template_id=self.env.ref("customer_360.mail_template_care_birthday").id,
        )
        self.assertFalse(self._run(mail_rule, "2026-03-10"), "no mail to a blacklisted address")
        self.assertTrue(self._run(rule, "2026-03-10"), "an activity for the owner is fine")

    def test_low_rating(self):
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.account.id,
                "partner_id": self.contact.id,
                "rating": 1,
                "consumed": True,
            }
        )
        rule = self._rule("low_rating", self.contact, activity_summary="Sorry", window_days=7)
        logs = rule._run()
        self.assertEqual(logs.partner_id, self.contact)
        # the company's day of the rating (Shanghai at 19:36 UTC is already tomorrow)
        rating_day = local_date(rating.write_date, company_tz(self.env.company))
        self.assertEqual(logs.occurrence_date, rating_day)
        self.assertFalse(rule._run())
        self.account.company_id = self.env.company
        self.assertFalse(
            self._rule("low_rating", self.contact, window_days=7)._run(),
            "a customer of another company than the rule's",
        )
        self.account.company_id = self.company
        rating.rating = 4
        self.assertFalse(self._rule("low_rating", self.contact)._run(), "4 is not low")

    def test_server_action_and_health_guard(self):
        action = self.env["ir.actions.server"].create(
            {
                "name": "Tag cared",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "state": "code",
                "code": "records.write({'ref': 'CARED'})",
            }
        )
        rule = self._rule(
            "birthday", self.contact, action_type="server", server_action_id=action.id
        )
        self._run(rule, "2026-03-10")
        self.assertEqual(self.contact.ref, "CARED")
        health = self._rule("health_drop", self.account)
        if "customer.health.snapshot" not in self.env:
            self.assertEqual(health._occurrences(date(2026, 3, 10)), {})

    def test_run_now_needs_a_manager(self):
        rule = self._rule("birthday", self.contact)
        user = new_test_user(self.env, "care_reader", groups="customer_360.customer_360_group_user")
        with self.assertRaises(AccessError):
            rule.with_user(user).action_run_now()
        with freeze_time("2026-03-10"):
            action = rule.action_run_now()
        self.assertEqual(self.env["customer.care.log"].search(action["domain"]), rule.log_ids)
        self.assertEqual(len(rule.log_ids), 1)

    def test_rule_validation(self):
        with self.assertRaises(ValidationError):
            self._rule("birthday", self.contact, action_type="mail")
        with self.assertRaises(ValidationError):
            self._rule("birthday", self.contact, partner_domain="[('nope', '=', 1)]")
