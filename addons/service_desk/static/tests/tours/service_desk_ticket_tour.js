import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An agent opens the desk, creates a ticket and gets its number.
registry.category("web_tour.tours").add("service_desk_ticket_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("service_desk.service_desk_menu_root", "Open Service Desk"),
        { trigger: ".o_kanban_view .o_kanban_group:contains(New)" },
        { trigger: ".o-kanban-button-new", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=name] input", run: "edit Tour printer offline" },
        ...stepUtils.saveForm(),
        { trigger: ".o_form_view .o_field_widget[name=number]:contains(T)" },
    ],
});
