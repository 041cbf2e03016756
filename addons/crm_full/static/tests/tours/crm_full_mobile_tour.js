import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Issue 18: the salesperson's day on a phone (390×844), in Chinese: the pool opens as
// cards with Claim on each, the lead's Claim and the order's Request Approval sit in
// the page (a phone folds header buttons into the cog menu), follow-ups are cards
// added through a dialog, and Convert is reached through the cog menu.
const openCogMenu = { trigger: ".o_cp_action_menus button:has(.fa-cog)", run: "click" };

// A phone's menu: the top-left toggle opens a sidebar with the app's sections, or
// every app after "All Apps".
export function openMenu(appXmlid, menuXmlid) {
    const sidebar = ".o_app_menu_sidebar";
    return [
        { trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        {
            trigger: `${sidebar} .o_sidebar_topbar a.btn-primary`,
            run() {
                if (!document.querySelector(`${sidebar} .o_app[data-menu-xmlid="${appXmlid}"]`)) {
                    this.anchor.click();
                }
            },
        },
        { trigger: `${sidebar} .o_app[data-menu-xmlid="${appXmlid}"]`, run: "click" },
        { trigger: `body:not(:has(${sidebar}))` },
        { trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        { trigger: `${sidebar} li[data-menu-xmlid="${menuXmlid}"]`, run: "click" },
        { trigger: `body:not(:has(${sidebar}))` },
    ];
}

registry.category("web_tour.tours").add("crm_full_sales_flow_mobile_tour", {
    url: "/odoo",
    steps: () => [
        ...openMenu("crm_full.crm_full_menu_root", "crm_full.crm_lead_menu_pool"),
        { trigger: ".o_breadcrumb:contains(今日还可领取 20 条)" },
        { trigger: ".o_kanban_view .o_kanban_record:contains(销售流程线索) button[name=action_claim]" },
        { trigger: ".o_kanban_view .o_kanban_record:contains(销售流程线索)", run: "click" },
        { trigger: ".o_crm_full_claims_left:contains(20) button[name=action_claim]", run: "click" },
        { trigger: ".o_notification:contains(已领取 销售流程线索):contains(今日还可领取 19 条)" },
        { trigger: ".o_form_view .o_field_widget[name=pool_reclaim_date]" },
        { trigger: ".o_notebook a[name=followups]", run: "click" },
        { trigger: "div[name=followup_ids] .o-kanban-button-new", run: "click" },
        { trigger: ".modal .o_field_widget[name=summary] textarea", run: "edit 电话沟通，客户需要两台服务器" },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "div[name=followup_ids] .o_kanban_record:contains(电话沟通，客户需要两台服务器)" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        openCogMenu,
        { trigger: ".dropdown-item button[data-hotkey=v]", run: "click" },
        { trigger: ".modal button[name=action_apply]", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=stage_id]" },
        openCogMenu,
        { trigger: ".dropdown-item button[name=action_sale_quotations_new]", run: "click" },
        { trigger: ".o_field_widget[name=order_line] .o_cp_buttons button:first-child", run: "click" },
        // a phone picks a product from a searchable card list, not a dropdown
        {
            trigger:
                ".modal .o_field_widget[name=product_id] input, .modal .o_field_widget[name=product_template_id] input",
            run: "click",
        },
        ...stepUtils.mobileKanbanSearchMany2X("产品", "销售流程服务器"),
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: ".o_field_widget[name=order_line] .o_kanban_record:contains(销售流程服务器)" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        // Needs approval: asked from the page itself, no Confirm anywhere.
        { trigger: ".o_form_view .alert-warning button[name=action_request_approval]", run: "click" },
        { trigger: ".o_form_view .alert-warning:not(:has(button[name=action_request_approval]))" },
        openCogMenu,
        { trigger: ".dropdown-item button[name=action_recall_approval]" },
        { trigger: ".o-dropdown--menu:not(:has(button[name=action_confirm]))" },
    ],
});

// The approver on a phone: cards with Decide, the dialog shows what is decided on.
registry.category("web_tour.tours").add("crm_full_approval_decision_mobile_tour", {
    url: "/odoo/action-crm_full.crm_approval_request_action_mine",
    steps: () => [
        { trigger: ".o_kanban_view .o_kanban_record:contains(销售流程客户), .o_kanban_view .o_kanban_record" },
        { trigger: ".o_kanban_record button[name=action_open_decision_wizard]", run: "click" },
        { trigger: ".modal .o_field_widget[name=customer_name]:contains(销售流程客户)" },
        { trigger: ".modal .o_field_widget[name=amount_total]:contains(150,000.00)" },
        { trigger: ".modal .o_field_widget[name=order_lines_html] td:contains(销售流程服务器)" },
        { trigger: ".modal .o_field_widget[name=comment] textarea", run: "edit 同意，尽快发货" },
        { trigger: ".modal button[name=action_approve]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_kanban_view:not(:has(button[name=action_open_decision_wizard]))" },
    ],
});
