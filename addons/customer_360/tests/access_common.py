# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personas and labelled records shared by the access-matrix tests.

Four labels name who a record belongs to: ``a`` (salesperson A, team A), ``b``
(salesperson B, team B), ``u`` (nobody: the pool, an unowned customer) and ``z``
(a salesperson of the second company). Every business record of the fixture
carries one of them, through its customer, lead, order or owner, so that what a
persona can reach is written as a short string such as ``"au"``.
"""

from datetime import timedelta

from odoo import fields

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

LABELS = "abuz"

C360 = "customer_360.customer_360_group_user"
# persona -> (groups, company: 1 or 2)
PERSONA_GROUPS = {
    "portal": ("base.group_portal", 1),
    "internal": ("base.group_user", 1),
    "sales_a": ("crm_full.crm_full_group_user", 1),
    "sales_b": ("crm_full.crm_full_group_user", 1),
    "leader_a": ("crm_full.crm_full_group_user", 1),
    "director": ("crm_full.crm_full_group_sales_director", 1),
    "gm": ("crm_full.crm_full_group_general_manager", 1),
    "finance": ("account.group_account_invoice", 1),
    "agent": ("service_desk.service_desk_group_user", 1),
    "service_mgr": ("service_desk.service_desk_group_manager", 1),
    # the 360 user leads team B (salesperson B's): it may read the 360 data of b only
    "c360": (f"crm_full.crm_full_group_user,{C360}", 1),
    "api": (C360, 1),
    "sales_z": ("crm_full.crm_full_group_user", 2),
}
PERSONAS = tuple(PERSONA_GROUPS)
# who owns the records of a label
OWNERS = {"a": "sales_a", "b": "sales_b", "u": None, "z": "sales_z"}


class AccessMatrixCommon(BaseCommon):
    """One fixture per class: personas, teams, and records for every label."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company = cls.env.company
        cls.company_z = cls.env["res.company"].create({"name": "第二公司 (矩阵)"})
        cls.users = {}
        for persona, (groups, company_no) in PERSONA_GROUPS.items():
            company = cls.company if company_no == 1 else cls.company_z
            cls.users[persona] = mail_new_test_user(
                cls.env,
                login=f"matrix_{persona}",
                name=f"矩阵 {persona}",
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
                lang="zh_CN",
                tz="Asia/Shanghai",
            )
        users = cls.users
        Team = cls.env["crm.team"]
        cls.team_a = Team.create(
            {
                "name": "矩阵 A 组",
                "user_id": users["leader_a"].id,
                "member_ids": [(6, 0, users["sales_a"].ids)],
                "company_id": cls.company.id,
            }
        )
        cls.team_b = Team.create(
            {
                "name": "矩阵 B 组",
                "user_id": users["c360"].id,
                "member_ids": [(6, 0, users["sales_b"].ids)],
                "company_id": cls.company.id,
            }
        )
        cls.team_z = Team.with_company(cls.company_z).create(
            {
                "name": "矩阵 Z 组",
                "member_ids": [(6, 0, users["sales_z"].ids)],
                "company_id": cls.company_z.id,
            }
        )
        cls.teams = {"a": cls.team_a, "b": cls.team_b, "u": cls.team_a, "z": cls.team_z}
        cls._create_records()

    @classmethod
    def owner(cls, label):
        persona = OWNERS[label]
        return cls.users[persona] if persona else cls.env["res.users"]

    @classmethod
    def company_of(cls, label):
        return cls.company_z if label == "z" else cls.company

    @classmethod
    def _create_records(cls):
        """Records per label, created as the system (the way crons and flows do)."""
        env = cls.env
        cls.customers, cls.leads, cls.orders, cls.records = {}, {}, {}, {}
        today = fields.Date.today()
        stage = env["crm.lifecycle.stage"].search([], limit=1)
        care_rule = {}
        survey = {}
        for company in (cls.company, cls.company_z):
            care_rule[company] = env["customer.care.rule"].create(
                {"name": "矩阵关怀", "company_id": company.id, "trigger": "birthday"}
            )
            survey[company] = env["customer.nps.survey"].create(
                {"name": "矩阵 NPS", "company_id": company.id}
            )
        for label in LABELS:
            owner, company = cls.owner(label), cls.company_of(label)
            Env = env(context=dict(env.context, allowed_company_ids=company.ids))
            customer = Env["res.partner"].create(
                {
                    "name": f"矩阵客户 {label}",
                    "is_company": True,
                    "user_id": owner.id,
                    "company_id": company.id,
                    "email": f"matrix.{label}@example.cn",
                }
            )
            cls.customers[label] = customer
            cls.leads[label] = Env["crm.lead"].create(
                {
                    "name": f"矩阵商机 {label}",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "user_id": owner.id,
                    "team_id": cls.teams[label].id,
                    "company_id": company.id,
                    "expected_revenue": 1000,
                }
            )
            cls.orders[label] = Env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "user_id": owner.id,
                    "team_id": cls.teams[label].id,
                    "company_id": company.id,
                }
            )
            ticket = Env["service.desk.ticket"].create(
                {"name": f"矩阵工单 {label}", "partner_id": customer.id, "company_id": company.id}
            )
            cls.records.setdefault("service.desk.ticket", {})[label] = ticket
            values = {
                "crm.followup": {
                    "lead_id": cls.leads[label].id,
                    "user_id": (owner or cls.users["leader_a"]).id,
                    "summary": "电话回访",
                    "company_id": company.id,
                },
                "crm.payment.plan": {
                    "order_id": cls.orders[label].id,
                    "due_date": today + timedelta(days=30),
                    "percentage": 100,
                },
                "crm.lifecycle.history": {
                    "partner_id": customer.id,
                    "axis": "stage",
                    "new_stage_id": stage.id,
                    "reason": "矩阵",
                },
                "crm.pool.log": {
                    "lead_id": cls.leads[label].id,
                    "user_id": (owner or cls.users["leader_a"]).id,
                    "action": "claim",
                },
                "customer.health.snapshot": {
                    "partner_id": customer.id,
                    "date": today - timedelta(days=today.weekday()),
                    "score": 40,
                    "state": "red",
                },
                "customer.care.log": {
                    "rule_id": care_rule[company].id,
                    "partner_id": customer.id,
                    "occurrence_date": today,
                    "company_id": company.id,
                },
                "customer.nps.response": {
                    "survey_id": survey[company].id,
                    "contact_id": customer.id,
                },
                "customer.event": {
                    "partner_id": customer.id,
                    "source": "web",
                    "external_id": f"matrix-{label}",
                    "event_type": "login",
                    "occurred_at": fields.Datetime.now(),
                    "company_id": company.id,
                },
            }
            for model, vals in values.items():
                cls.records.setdefault(model, {})[label] = Env[model].create(vals)
        # the unowned lead sits in the pool; the portal user is a contact of customer a
        cls.leads["u"]._pool_enter(reason="矩阵")
        cls.users["portal"].partner_id.parent_id = cls.customers["a"]
        cls.records["res.partner"] = cls.customers
        cls.records["crm.lead"] = cls.leads
        cls.records["sale.order"] = cls.orders
        env.flush_all()

    @classmethod
    def label_map(cls):
        """{(model, id): label} of every labelled record, for mapping search results."""
        return {
            (record._name, record.id): label
            for by_label in cls.records.values()
            for label, record in by_label.items()
        }
