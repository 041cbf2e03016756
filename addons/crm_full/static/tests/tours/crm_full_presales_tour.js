import { registry } from "@web/core/registry";

// A salesperson (zh_CN) asks the presales team for help on an opportunity.
registry.category("web_tour.tours").add("crm_full_presales_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_request_presales]", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=request_note] textarea",
            run: "edit 客户要看产线演示",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view button[name=action_view_presales_requests]" },
        { trigger: ".o_notebook a[name=presales]", run: "click" },
        { trigger: "div[name=presales_request_ids] .o_data_row:contains(售前流程工程师)" },
    ],
});
