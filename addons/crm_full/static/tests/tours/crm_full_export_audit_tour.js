import { registry } from "@web/core/registry";

// A salesperson uses the list's "Export All": the server narrows it to their own
// customers and logs it (the test reads the log afterwards).
registry.category("web_tour.tours").add("crm_full_export_audit_tour", {
    steps: () => [
        { trigger: ".o_list_view .o_data_row" },
        { trigger: ".o_cp_action_menus button:has(.fa-cog)", run: "click" },
        { trigger: ".o_export_all_menu", run: "click" },
        { trigger: ".o_list_view:not(:has(.o_blockUI))" },
    ],
});
