import { registry } from "@web/core/registry";

// A Chinese agent (Asia/Shanghai) starts on "my tickets", reads each SLA at a glance
// (countdown and colour), opens a ticket, replies and solves it (issue 14).
registry.category("web_tour.tours").add("service_desk_agent_sla_zh_tour", {
    url: "/odoo/action-service_desk.service_desk_ticket_action",
    steps: () => [
        { trigger: ".o_searchview_facet:contains(我的工单)" },
        {
            trigger:
                ".o_kanban_record:contains(Tour SLA overdue) .o_sla_countdown.text-bg-danger:contains(已超时)",
        },
        {
            trigger:
                ".o_kanban_record:contains(Tour SLA on time) .o_sla_countdown.text-bg-success:contains(剩余)",
        },
        {
            // its first reply was late: time left on the other clock, but never green
            trigger:
                ".o_kanban_record:contains(Tour SLA late reply) .o_sla_countdown.border-danger:not(.text-bg-success):contains(剩余)",
        },
        { trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Tour SLA not mine)))" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        {
            trigger:
                ".o_data_row.text-danger:contains(Tour SLA overdue) .o_sla_countdown.text-bg-danger:contains(已超时)",
        },
        {
            // the whole ticket number is readable, not cut to "T2026-0…"
            trigger: ".o_data_row:contains(Tour SLA overdue) td[name=number]:contains(T)",
            run() {
                const cell = this.anchor;
                if (cell.scrollWidth > cell.clientWidth) {
                    throw new Error(`ticket number truncated: ${cell.textContent}`);
                }
            },
        },
        { trigger: ".o_data_row:contains(Tour SLA on time) td[name=name]", run: "click" },
        { trigger: ".o_form_view .oe_title:contains(T20)" },
        { trigger: ".o_form_view .o_sla_countdown.text-bg-success:contains(剩余)" },
        { trigger: ".o-mail-Chatter-sendMessage", run: "click" },
        { trigger: ".o-mail-Composer-input", run: "edit 已远程重启打印服务，请再试一次。" },
        { trigger: ".o-mail-Composer-send:enabled", run: "click" },
        { trigger: ".o-mail-Message-body:contains(已远程重启打印服务)" },
        { trigger: ".o_statusbar_status button:contains(已解决)", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(已解决)" },
        { trigger: ".o_form_view .o_sla_countdown:contains(SLA 已达成)" },
        { trigger: ".o_form_saved" },
    ],
});
