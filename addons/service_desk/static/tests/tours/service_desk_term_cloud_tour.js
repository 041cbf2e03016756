import { registry } from "@web/core/registry";

// A Chinese service manager reads the word cloud, narrows it to a period and opens
// the tickets behind one term (issue 17).
registry.category("web_tour.tours").add("service_desk_term_cloud_tour", {
    steps: () => [
        { trigger: ".o_term_ranking td:contains(扫描仪)" },
        { trigger: ".o_term_cloud_period", run: "select 30" },
        { trigger: ".o_term_cloud_word[data-term=扫描仪]", run: "click" },
        { trigger: ".breadcrumb-item:contains(扫描仪), .o_breadcrumb:contains(扫描仪)" },
        { trigger: ".o_data_row:contains(扫描仪卡顿)" },
    ],
});
