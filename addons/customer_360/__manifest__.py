# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer 360",
    "summary": "One view of each customer across sales and service / 客户 360 全景视图",
    "description": """
Where sales and service meet: every employee who touches a customer sees the
same live picture (pipeline, orders, tickets, health) and the system acts
before the customer leaves.

客户 360：销售与服务在同一客户记录上协同，统一视图、健康度与主动关怀。
""",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Full Customer Management contributors",
    "website": "https://github.com/full-customer-management/odoo-suite",
    "license": "LGPL-3",
    "depends": ["crm_full", "service_desk", "sale_margin", "spreadsheet_dashboard"],
    "data": [
        "security/customer_360_groups.xml",
        "security/ir.model.access.csv",
        "security/customer_360_events_security.xml",
        "data/customer_nps_mail_template_data.xml",
        "views/customer_event_views.xml",
        "views/customer_nps_views.xml",
        "views/customer_nps_templates.xml",
        "views/customer_timeline_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_feedback_views.xml",
        "security/customer_health_security.xml",
        "data/customer_health_data.xml",
        "views/customer_health_views.xml",
        "views/res_partner_health_views.xml",
        "views/res_partner_c360_kpi_views.xml",
        "views/customer_360_menus.xml",
        "security/customer_value_security.xml",
        "security/customer_360_scoping_security.xml",
        "data/customer_value_cron_data.xml",
        "data/customer_care_mail_template_data.xml",
        "data/customer_value_dashboard.xml",
        "views/res_partner_clv_views.xml",
        "views/res_partner_care_views.xml",
        "views/customer_care_rule_views.xml",
        "views/customer_value_report_views.xml",
        "views/customer_region_report_views.xml",
        "views/customer_value_menus.xml",
        "views/crm_handover_service_menus.xml",
        "data/customer_health_dashboard.xml",
        "data/customer_implementation_data.xml",
        "views/sale_order_implementation_views.xml",
    ],
    "demo": [
        "demo/customer_360_demo.xml",
        "demo/customer_value_demo.xml",
        "demo/customer_360_events_demo.xml",
        "demo/customer_health_demo.xml",
        "demo/customer_implementation_demo.xml",
        "demo/customer_360_terms_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["customer_360/static/tests/tours/*.js"],
    },
    "external_dependencies": {"python": ["xlsxwriter", "numpy", "scipy"]},
    "application": True,
    "installable": True,
}
