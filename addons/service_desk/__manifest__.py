# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Desk",
    "summary": "After-sales tickets, teams and SLA / 售后服务工单与 SLA",
    "description": """
After-sales service tickets handled by teams inside business hours, with
SLA clocks, routing, escalation and customer satisfaction.

售后服务工单：团队分派、工作时间内的 SLA 计时、路由、升级与满意度回访。
""",
    "version": "18.0.1.1.0",
    "category": "Services/Helpdesk",
    "author": "Full Customer Management contributors",
    "website": "https://github.com/full-customer-management/odoo-suite",
    "license": "LGPL-3",
    "depends": ["mail", "portal", "rating", "resource", "spreadsheet_dashboard"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/service_desk_groups.xml",
        "security/ir.model.access.csv",
        "security/service_desk_security.xml",
        "security/service_desk_csat_security.xml",
        "security/service_desk_channels_security.xml",
        "data/ir_sequence_data.xml",
        "data/service_desk_stage_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/service_desk_ticket_views.xml",
        "views/service_desk_ticket_metrics_views.xml",
        "views/service_desk_ces_templates.xml",
        "views/service_desk_team_views.xml",
        "views/service_desk_stage_views.xml",
        "report/service_desk_ticket_report_views.xml",
        "views/service_desk_category_views.xml",
        "views/service_desk_tag_views.xml",
        "views/service_desk_routing_rule_views.xml",
        "views/service_desk_team_mail_views.xml",
        "views/portal_templates.xml",
        "views/service_desk_sla_policy_views.xml",
        "views/service_desk_ticket_sla_views.xml",
        "wizards/service_desk_sla_replan_views.xml",
        "wizards/service_desk_cn_holiday_load_views.xml",
        "views/resource_calendar_views.xml",
        "views/service_desk_menus.xml",
        "views/service_desk_reporting_menus.xml",
        "data/service_desk_dashboard.xml",
    ],
    "demo": [
        "demo/service_desk_company_demo.xml",
        "demo/service_desk_demo.xml",
        "demo/service_desk_channels_demo.xml",
        "demo/service_desk_sla_demo.xml",
        "demo/service_desk_rating_demo.xml",
        "demo/service_desk_tag_demo.xml",
        "demo/service_desk_history_demo.xml",
    ],
    "assets": {
        "web.assets_backend": ["service_desk/static/src/**/*"],
        "web.assets_tests": ["service_desk/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
