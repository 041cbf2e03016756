import { registry } from "@web/core/registry";

// Issue 18: a Chinese agent on a phone (390×844) opens the Service Desk from the menu,
// reads each ticket's SLA countdown on the cards, replies from the chatter and solves
// the ticket from the status bar, all in Odoo's mobile layout.
const sidebar = ".o_app_menu_sidebar";

registry.category("web_tour.tours").add("service_desk_agent_mobile_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        {
            trigger: `${sidebar} .o_sidebar_topbar a.btn-primary`,
            run() {
                const app = `${sidebar} .o_app[data-menu-xmlid="service_desk.service_desk_menu_root"]`;
                if (!document.querySelector(app)) {
                    this.anchor.click();
                }
            },
        },
        {
            trigger: `${sidebar} .o_app[data-menu-xmlid="service_desk.service_desk_menu_root"]`,
            run: "click",
        },
        { trigger: ".o_kanban_view .o_searchview_facet:contains(我的工单), .o_kanban_view" },
        {
            trigger:
                ".o_kanban_record:contains(Tour SLA overdue) .o_sla_countdown.text-bg-danger:contains(已超时)",
        },
        {
            trigger:
                ".o_kanban_record:contains(Tour SLA on time) .o_sla_countdown.text-bg-success:contains(剩余)",
        },
        { trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Tour SLA not mine)))" },
        { trigger: ".o_kanban_record:contains(Tour SLA on time)", run: "click" },
        { trigger: ".o_form_view .oe_title:contains(T20)" },
        { trigger: ".o_form_view .o_sla_countdown.text-bg-success:contains(剩余)" },
        { trigger: ".o-mail-Chatter-sendMessage", run: "click" },
        { trigger: ".o-mail-Composer-input", run: "edit 已远程重启打印服务，请再试一次。" },
        { trigger: ".o-mail-Composer-send:enabled", run: "click" },
        { trigger: ".o-mail-Message-body:contains(已远程重启打印服务)" },
        {
            // a phone shows the current stage as a dropdown when the stages do not fit,
            // else the stages inline: tap what is shown
            trigger: ".o_statusbar_status",
            run() {
                const shown = (el) => el && el.offsetParent !== null;
                const toggle = this.anchor.querySelector(".dropdown-toggle:not(.o_arrow_button)");
                const inline = [...this.anchor.querySelectorAll("button[role=radio]")].find(
                    (button) => shown(button) && button.textContent.includes("已解决")
                );
                (shown(toggle) ? toggle : inline || this.anchor.querySelector(".o_last")).click();
            },
        },
        {
            trigger:
                ".o-dropdown--menu .dropdown-item:contains(已解决), .o_form_view .o_sla_countdown:contains(SLA 已达成)",
            run() {
                if (this.anchor.classList.contains("dropdown-item")) {
                    this.anchor.click();
                }
            },
        },
        { trigger: ".o_form_view .o_sla_countdown:contains(SLA 已达成)" },
        {
            trigger: ".o_statusbar_status",
            run() {
                const current = [...this.anchor.querySelectorAll("button")].find(
                    (button) =>
                        button.offsetParent !== null &&
                        (button.getAttribute("aria-checked") === "true" ||
                            !button.classList.contains("o_arrow_button"))
                );
                if (!current?.textContent.includes("已解决")) {
                    throw new Error(`the phone shows the stage ${current?.textContent}`);
                }
            },
        },
        { trigger: ".o_form_saved" },
    ],
});
