import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A sales manager (简体中文) hands a leaving salesperson's book to a colleague (离职交接).
registry.category("web_tour.tours").add("crm_full_handover_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root", "Open CRM"),
        { trigger: 'button[data-menu-xmlid="crm.crm_menu_config"]', run: "click" },
        { trigger: 'a[data-menu-xmlid="crm_full.crm_handover_wizard_menu"]', run: "click" },
        {
            trigger: ".modal .o_field_widget[name=source_user_id] input",
            run: "edit 交接离职销售",
        },
        { trigger: ".o-autocomplete--dropdown-menu a:contains(交接离职销售)", run: "click" },
        // the preview counts the book before anything moves
        { trigger: ".modal .o_field_widget[name=preview_html] td:contains(客户)" },
        {
            trigger: ".modal .o_field_widget[name=target_user_ids] input",
            run: "edit 交接接手销售",
        },
        { trigger: ".o-autocomplete--dropdown-menu a:contains(交接接手销售)", run: "click" },
        { trigger: ".modal .o_field_widget[name=target_user_ids] .o_tag:contains(交接接手销售)" },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        // the audit record: who, from, to, what
        { trigger: ".o_form_view .o_field_widget[name=source_user_id]:contains(交接离职销售)" },
        { trigger: ".o_form_view .o_field_widget[name=line_ids] td:contains(客户)" },
    ],
});
