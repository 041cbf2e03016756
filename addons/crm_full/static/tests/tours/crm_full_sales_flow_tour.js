import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A salesperson working in Chinese (issue 14): pool → claim (confirmation and claims
// left) → my leads → follow-up → convert → quotation → request approval.
registry.category("web_tour.tours").add("crm_full_sales_flow_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_full.crm_full_menu_root", "打开客户生命周期"),
        { trigger: 'a[data-menu-xmlid="crm_full.crm_lead_menu_pool"]', run: "click" },
        { trigger: ".o_breadcrumb:contains(今日还可领取 20 条)" },
        { trigger: ".o_list_view .o_data_row td[name=name]:contains(销售流程线索)", run: "click" },
        { trigger: ".o_crm_full_claims_left:contains(20)" },
        { trigger: ".o_form_view button[name=action_claim]", run: "click" },
        { trigger: ".o_notification:contains(已领取 销售流程线索):contains(今日还可领取 19 条)" },
        // The claimed lead opens in the lifecycle app's own "My Leads" action.
        { trigger: ".o_form_view button[name=action_open_release_wizard]" },
        { trigger: ".o_form_view .o_field_widget[name=pool_reclaim_date]" },
        { trigger: 'a[data-menu-xmlid="crm_full.crm_lead_menu_my_leads"]', run: "click" },
        { trigger: ".o_searchview_facet:contains(我的线索)" },
        { trigger: ".o_list_view .o_data_row td[name=name]:contains(销售流程线索)", run: "click" },
        { trigger: ".o_notebook a[name=followups]", run: "click" },
        { trigger: "div[name=followup_ids] .o_field_x2many_list_row_add a", run: "click" },
        {
            trigger: "div[name=followup_ids] .o_data_row .o_field_widget[name=summary] textarea",
            run: "edit 电话沟通，客户需要两台服务器",
        },
        ...stepUtils.saveForm(),
        { trigger: ".o_form_view .o_statusbar_buttons button[data-hotkey=v]", run: "click" },
        { trigger: ".modal button[name=action_apply]", run: "click" },
        { trigger: ".o_form_view button[name=action_sale_quotations_new]", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=order_line] .o_field_x2many_list_row_add > a", run: "click" },
        {
            trigger:
                ".o_field_widget[name=product_id] input, .o_field_widget[name=product_template_id] input",
            run: "edit 销售流程服务器",
        },
        { trigger: ".ui-menu-item > a:contains(销售流程服务器)", run: "click" },
        // The product's onchange prices the line; saving before it lands can miss the
        // step timeout on a loaded machine.
        { trigger: ".o_field_widget[name=tax_totals]:contains(150,000.00)", timeout: 30000 },
        { trigger: ".o_form_view .o_form_sheet_bg", run: "click" },
        { trigger: ".o_form_button_save:enabled", run: "click" },
        { trigger: ".o_form_saved", timeout: 30000 },
        // Needs approval: no Confirm, Request Approval instead.
        { trigger: ".o_statusbar_buttons:not(:has(button[name=action_confirm]))" },
        { trigger: ".o_statusbar_buttons button[name=action_request_approval]", run: "click" },
        { trigger: ".o_statusbar_buttons:not(:has(button[name=action_confirm])):has(button[name=action_recall_approval])" },
    ],
});

// The approver decides in a dialog that shows what is decided on.
registry.category("web_tour.tours").add("crm_full_approval_decision_tour", {
    url: "/odoo/action-crm_full.crm_approval_request_action_mine",
    steps: () => [
        { trigger: ".o_list_view .o_data_row button[name=action_open_decision_wizard]", run: "click" },
        { trigger: ".modal .o_field_widget[name=customer_name]:contains(销售流程客户)" },
        { trigger: ".modal .o_field_widget[name=salesperson_name]:contains(销售流程销售员)" },
        { trigger: ".modal .o_field_widget[name=amount_total]:contains(150,000.00)" },
        { trigger: ".modal .o_field_widget[name=order_lines_html] td:contains(销售流程服务器)" },
        { trigger: ".modal .o_field_widget[name=margin]" },
        { trigger: ".modal button[name=action_approve]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ],
});
