import { registry } from "@web/core/registry";

// The shipped spreadsheet opens, and its pivots load without an error.
registry.category("web_tour.tours").add("customer_360_value_dashboard_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            trigger: ".o_search_panel_category_value[data-name='Customer Value']",
            run: "click",
        },
        { trigger: ".o_search_panel_category_value.active[data-name='Customer Value']" },
        { trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-grid" },
        {
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status))",
        },
    ],
});
