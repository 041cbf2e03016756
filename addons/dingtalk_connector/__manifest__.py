# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "DingTalk Connector",
    "summary": "DingTalk robots, work notices and approvals / 钉钉集成",
    "description": """
Send Odoo activities, alerts and approvals to DingTalk (钉钉) through a
durable outbox, group robots and work notifications, and receive approval
results back. Works with any Odoo database on its own.

钉钉集成：群机器人、工作通知、OA 审批与事件回调，消息经可靠发件箱投递。
""",
    "version": "18.0.1.0.0",
    "category": "Productivity/Discuss",
    "author": "Full Customer Management contributors",
    "website": "https://github.com/full-customer-management/odoo-suite",
    "license": "LGPL-3",
    "depends": ["mail", "base_automation"],
    "external_dependencies": {"python": ["requests", "cryptography", "phonenumbers"]},
    "data": [
        "security/dingtalk_connector_groups.xml",
        "security/ir.model.access.csv",
        "security/dingtalk_connector_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron_data.xml",
        "data/base_automation_data.xml",
        "views/dingtalk_message_views.xml",
        "views/dingtalk_approval_views.xml",
        "views/dingtalk_event_views.xml",
        "views/dingtalk_robot_views.xml",
        "views/ir_actions_server_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_login_views.xml",
        "views/dingtalk_login_templates.xml",
        "views/res_users_views.xml",
        "wizards/dingtalk_user_sync_views.xml",
        "views/dingtalk_connector_menus.xml",
    ],
    "demo": ["demo/dingtalk_robot_demo.xml"],
    "assets": {
        "web.assets_tests": ["dingtalk_connector/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
