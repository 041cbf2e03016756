import { registry } from "@web/core/registry";

// A salesperson (简体中文) opens the customer, its contracts, then the renewal opportunity.
registry.category("web_tour.tours").add("crm_full_contract_renewal_tour", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_view_contracts]:contains(合同)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(续约测试客户):contains(续约到期) td[name=name]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_view_renewal_leads]:contains(续约)",
            run: "click",
        },
        { trigger: ".o_kanban_record:contains(续约：续约测试客户), .o_data_row:contains(续约：续约测试客户)" },
    ],
});
