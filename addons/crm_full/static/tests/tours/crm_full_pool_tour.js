import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A salesperson claims a pool lead, logs a follow-up and wins it.
registry.category("web_tour.tours").add("crm_full_pool_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_full.crm_full_menu_root", "Open Customer Lifecycle"),
        { trigger: 'a[data-menu-xmlid="crm_full.crm_lead_menu_pool"]', run: "click" },
        { trigger: ".o_list_view .o_data_row td[name=name]:contains(Tour Pool Lead)", run: "click" },
        { trigger: ".o_form_view button[name=action_claim]", run: "click" },
        { trigger: ".o_form_view button[name=action_open_release_wizard]" },
        { trigger: ".o_notebook a[name=followups]", run: "click" },
        { trigger: "div[name=followup_ids] .o_field_x2many_list_row_add a", run: "click" },
        {
            trigger: "div[name=followup_ids] .o_data_row .o_field_widget[name=summary] textarea",
            run: "edit 电话沟通需求 / Call about needs",
        },
        ...stepUtils.saveForm(),
        { trigger: ".o_form_view button[name=action_set_won_rainbowman]", run: "click" },
        { trigger: ".o_form_view .ribbon:contains(Won)" },
    ],
});
