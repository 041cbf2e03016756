import { registry } from "@web/core/registry";

// A salesperson (zh_CN) hands a confirmed order over to the implementation team.
registry.category("web_tour.tours").add("customer_360_handover_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_handover_implementation]", run: "click" },
        { trigger: ".modal-footer .btn-primary", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=implementation_status]" },
        { trigger: ".o_form_view:not(:has(button[name=action_handover_implementation]))" },
    ],
});
