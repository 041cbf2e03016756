import { registry } from "@web/core/registry";

// A zh_CN sales manager opens the activity report from the menu, sees the chart,
// switches to the list and finds a salesperson's row; any client error fails the tour.
registry.category("web_tour.tours").add("crm_full_activity_report_tour", {
    steps: () => [
        { trigger: ".o_graph_view .o_graph_renderer canvas" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        { trigger: ".o_list_view .o_data_row:contains(报表销售)" },
        { trigger: ".o_list_view th[data-name='visit_count']:contains(拜访)" },
    ],
});
