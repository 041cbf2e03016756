import { registry } from "@web/core/registry";

// A manager's dashboard (opened by id from the test, whatever the user's
// language) renders its grid and charts; any client error fails the tour.
registry.category("web_tour.tours").add("customer_360_manager_dashboard_tour", {
    steps: () => [
        { trigger: ".o_search_panel_category_value.active" },
        { trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-grid" },
        {
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status))",
        },
        { trigger: ".o_spreadsheet_dashboard_action .o-figure" },
    ],
});
