import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// From the customer list to the 360 form with its live figures.
registry.category("web_tour.tours").add("customer_360_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("customer_360.customer_360_menu_root", "Open Customer 360"),
        { trigger: ".o_list_view .o_data_row td[name=name]:contains(Tour 360 Co)", run: "click" },
        { trigger: ".oe_stat_button:contains(Open Tickets) .o_stat_value:contains(1)" },
    ],
});
