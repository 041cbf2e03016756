import { registry } from "@web/core/registry";

// From a customer's 360 form (the test opens it) to its timeline, filtered on one kind.
registry.category("web_tour.tours").add("customer_360_timeline_tour", {
    steps: () => [
        { trigger: "button[name=action_c360_open_timeline]", run: "click" },
        { trigger: ".o_list_view .o_data_row td[name=kind]:contains(Follow-up)" },
        { trigger: ".o_list_view .o_data_row td[name=kind]:contains(External Event)" },
        { trigger: ".o_control_panel .o_searchview_dropdown_toggler", run: "click" },
        { trigger: ".o_filter_menu .o_menu_item:contains(External Events)", run: "click" },
        { trigger: ".o_searchview_facet:contains(External Events)" },
        {
            trigger:
                ".o_list_view:not(:has(td[name=kind]:contains(Follow-up))) .o_data_row td[name=name]:contains(app: login)",
        },
    ],
});
