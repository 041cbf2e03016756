# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""DingTalk's part of the access matrix (the rest: customer_360/tests/access_matrix.py).

Every model dingtalk_connector defines or extends, for every persona, against
the declaration below: ``-`` the ACL refuses, ``ok`` it allows, and for the
company-scoped models the companies whose records the persona reaches (``1``,
``2``; ``.`` none). A new model without a row fails.
"""

from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

PERSONAS = ("portal", "internal", "dt_user", "dt_manager", "dt_manager_2")
OPERATIONS = ("read", "write", "create", "unlink")
SCOPED = ("dingtalk.robot", "dingtalk.message")

# fmt: off
#          por  int  usr  mgr  mgr2
NONE    = "-    -    -    -    -"
EMPLOYEE = "-   ok   ok   ok   ok"
MATRIX = {
    "dingtalk.robot": {
        "read":   "-    -    1    1    2",
        "write":  "-    -    -    1    2",
        "create": "-    -    -    ok   ok",
        "unlink": "-    -    -    1    2",
    },
    "dingtalk.message": {  # the outbox: queued by server code, retried or cancelled by managers
        "read":   "-    -    1    1    2",
        "write":  "-    -    -    1    2",
        "create": NONE,
        "unlink": "-    -    -    1    2",
    },
    "dingtalk.approval": {
        "read": "-    -    ok   ok   ok", "write": "-    -    -    ok   ok",
        "create": "-    -    -    ok   ok", "unlink": "-    -    -    ok   ok",
    },
    "dingtalk.event": {
        "read": "-    -    -    ok   ok", "write": NONE, "create": NONE,
        "unlink": "-    -    -    ok   ok",
    },
    "dingtalk.auth.code": {"read": NONE, "write": NONE, "create": NONE, "unlink": NONE},
    "dingtalk.token": {"read": NONE, "write": NONE, "create": NONE, "unlink": NONE},
    "dingtalk.user.sync": {"read": NONE, "write": NONE, "create": NONE, "unlink": NONE},
    # Odoo models the addon extends: Odoo's own rights
    "res.users": {"read": "ok   ok   ok   ok   ok", "write": NONE, "create": NONE, "unlink": NONE},
    "res.company": {"read": "ok   ok   ok   ok   ok", "write": NONE, "create": NONE, "unlink": NONE},
    "res.config.settings": {"read": NONE, "write": NONE, "create": NONE, "unlink": NONE},
    "mail.activity": {
        "read": EMPLOYEE, "write": EMPLOYEE, "create": EMPLOYEE, "unlink": EMPLOYEE,
    },
    "ir.actions.server": {"read": NONE, "write": NONE, "create": NONE, "unlink": NONE},
}
# fmt: on


def row(cells):
    return " ".join(f"{cell:<4}" for cell in cells).rstrip()


@tagged("post_install", "-at_install", "access_matrix")
class TestDingtalkAccessMatrix(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "第二公司 (钉钉矩阵)"})
        groups = {
            "portal": "base.group_portal",
            "internal": "base.group_user",
            "dt_user": "dingtalk_connector.dingtalk_connector_group_user",
            "dt_manager": "dingtalk_connector.dingtalk_connector_group_manager",
            "dt_manager_2": "dingtalk_connector.dingtalk_connector_group_manager",
        }
        cls.users = {}
        for persona, group in groups.items():
            company = cls.company_2 if persona.endswith("_2") else cls.env.company
            cls.users[persona] = mail_new_test_user(
                cls.env,
                login=f"dt_matrix_{persona}",
                groups=group,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
        cls.labels = {}  # (model, id) -> company label
        for label, company in (("1", cls.env.company), ("2", cls.company_2)):
            robot = cls.env["dingtalk.robot"].create(
                {
                    "name": f"矩阵机器人 {label}",
                    "company_id": company.id,
                    "webhook_url": f"https://oapi.dingtalk.com/robot/send?access_token=m{label}",
                }
            )
            message = cls.env["dingtalk.message"].create(
                {
                    "name": f"矩阵消息 {label}",
                    "company_id": company.id,
                    "channel": "robot",
                    "robot_id": robot.id,
                    "payload": {"msgtype": "text", "text": {"content": "矩阵"}},
                }
            )
            cls.labels[("dingtalk.robot", robot.id)] = label
            cls.labels[("dingtalk.message", message.id)] = label

    def our_models(self):
        names = set()
        for ir_model in self.env["ir.model"].sudo().search([]):
            modules = (ir_model.modules or "").replace(" ", "").split(",")
            model = ir_model.model
            if "dingtalk_connector" in modules and model in self.env:
                if not self.env[model]._abstract:
                    names.add(model)
        return names

    def cell(self, user, model, operation):
        Model = self.env[model].with_user(user)
        if not Model.has_access(operation):
            return "-"
        if model not in SCOPED or operation == "create":
            return "ok"
        ids = [rid for (name, rid) in self.labels if name == model]
        if operation == "read":
            records = Model.search([("id", "in", ids)])
        else:
            records = self.env[model].browse(ids).with_user(user)._filtered_access(operation)
        return "".join(sorted(self.labels[(model, r.id)] for r in records)) or "."

    def test_every_model_is_declared(self):
        missing = self.our_models() - set(MATRIX)
        self.assertFalse(missing, f"add these models to this file's MATRIX: {sorted(missing)}")

    def test_matrix(self):
        for model in sorted(self.our_models() & set(MATRIX)):
            for operation in OPERATIONS:
                cells = [self.cell(self.users[p], model, operation) for p in PERSONAS]
                with self.subTest(model=model, operation=operation):
                    self.assertEqual(row(cells), row(MATRIX[model][operation].split()))
