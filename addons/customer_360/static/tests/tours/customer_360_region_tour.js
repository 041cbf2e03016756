import { registry } from "@web/core/registry";

// A Chinese manager opens 按区域客户 from the Customer 360 menu: a bar chart sorted by size,
// then the pivot by province (issue 17).
registry.category("web_tour.tours").add("customer_360_region_tour", {
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: ".o_app[data-menu-xmlid='customer_360.customer_360_menu_root']", run: "click" },
        { trigger: "[data-menu-xmlid='customer_360.customer_value_menu']", run: "click" },
        { trigger: "[data-menu-xmlid='customer_360.customer_region_report_menu']", run: "click" },
        { trigger: ".o_graph_view canvas" },
        { trigger: ".o_switch_view.o_pivot", run: "click" },
        { trigger: ".o_pivot .o_pivot_header_cell_closed:contains(浙江)" },
    ],
});
