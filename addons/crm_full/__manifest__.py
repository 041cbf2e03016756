# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Full Customer Lifecycle CRM",
    "summary": "Customer lifecycle, pool, follow-ups and approvals / 客户全生命周期管理",
    "description": """
One customer record through the whole journey: first touch, marketing
interaction, sales conversion, order delivery, after-sales service and
repurchase.

客户全生命周期：首次触达、营销互动、销售转化、订单交付、售后服务、复购增购。
""",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "author": "Full Customer Management contributors",
    "website": "https://github.com/full-customer-management/odoo-suite",
    "license": "LGPL-3",
    "depends": ["crm", "sale_crm", "account", "mail"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/crm_full_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_full_security.xml",
        "data/crm_lifecycle_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_lifecycle_stage_views.xml",
        "views/crm_lead_pool_views.xml",
        "views/crm_followup_views.xml",
        "views/crm_lifecycle_history_views.xml",
        "views/res_partner_views.xml",
        "wizards/crm_pool_release_views.xml",
        "security/crm_full_order_security.xml",
        "data/crm_approval_rule_data.xml",
        "views/crm_approval_views.xml",
        "views/crm_payment_plan_views.xml",
        "views/sale_order_approval_views.xml",
        "views/res_config_settings_order_views.xml",
        "wizards/crm_approval_decision_views.xml",
        "views/crm_assignment_rule_views.xml",
        "wizards/crm_assignment_preview_views.xml",
        "views/crm_full_menus.xml",
        "security/crm_full_visibility_rules.xml",
        "data/crm_lifecycle_cron_data.xml",
        "wizards/crm_lifecycle_move_views.xml",
        "views/res_partner_lifecycle_status_views.xml",
        "views/crm_idle_reclaim_views.xml",
        "data/crm_stage_idle_data.xml",
        "security/crm_report_security.xml",
        "views/crm_sales_target_views.xml",
        "report/crm_report_stage_funnel_views.xml",
        "report/crm_report_lifecycle_funnel_views.xml",
        "report/crm_report_leaderboard_views.xml",
        "report/crm_report_forecast_views.xml",
        "report/crm_report_followup_delay_views.xml",
        "views/crm_report_menus.xml",
    ],
    "demo": [
        "demo/crm_full_demo.xml",
        "demo/crm_full_order_demo.xml",
        "demo/crm_lifecycle_status_demo.xml",
        "demo/crm_sales_target_demo.xml",
        "demo/crm_assignment_rule_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_full/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
