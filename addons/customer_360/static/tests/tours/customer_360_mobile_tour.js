import { registry } from "@web/core/registry";

// Issue 18: a Chinese account manager on a phone (390×844) opens Customer 360 from the
// menu, finds the account among the cards and reads the form's header and figures.
const sidebar = ".o_app_menu_sidebar";

registry.category("web_tour.tours").add("customer_360_mobile_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        {
            trigger: `${sidebar} .o_sidebar_topbar a.btn-primary`,
            run() {
                const app = `${sidebar} .o_app[data-menu-xmlid="customer_360.customer_360_menu_root"]`;
                if (!document.querySelector(app)) {
                    this.anchor.click();
                }
            },
        },
        {
            trigger: `${sidebar} .o_app[data-menu-xmlid="customer_360.customer_360_menu_root"]`,
            run: "click",
        },
        {
            trigger: ".o_kanban_view .o_kanban_record:contains(移动端云帆科技):contains(杭州)",
        },
        { trigger: ".o_kanban_record:contains(移动端云帆科技)", run: "click" },
        { trigger: ".o_form_view .oe_title h1:contains(移动端云帆科技)" },
        { trigger: ".o_form_view div[name=c360_health_header] .badge:contains(绿色)" },
        { trigger: ".o_form_view div[name=c360_health_header]:contains(82)" },
        {
            // the header fits the phone: nothing pushes the page sideways
            trigger: ".o_form_view div[name=c360_health_header]",
            run() {
                const sheet = document.querySelector(".o_form_sheet");
                if (sheet.scrollWidth > sheet.clientWidth + 1) {
                    throw new Error("the 360 header overflows the phone's width");
                }
            },
        },
        { trigger: ".o_form_view .o_field_widget[name=c360_open_ticket_count]:contains(1)" },
        { trigger: ".o_form_view .o_field_widget[name=c360_open_opportunity_count]:contains(1)" },
        { trigger: ".o_notebook a[name=c360_contacts]", run: "click" },
        { trigger: ".o_field_widget[name=child_ids]:contains(王芳)" },
    ],
});
