import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The lifecycle kanban shows every stage as a column, even an empty one.
registry.category("web_tour.tours").add("crm_full_lifecycle_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_full.crm_full_menu_root", "Open Customer Lifecycle"),
        { trigger: ".o_kanban_view .o_kanban_group:contains(Reached)" },
        { trigger: ".o_kanban_view .o_kanban_group:contains(Repeat Customer)" },
        {
            trigger: ".o_kanban_group:contains(Opportunity) .o_kanban_record:contains(Tour Lifecycle Co)",
        },
    ],
});
