import { registry } from "@web/core/registry";

// A Chinese portal customer opens a ticket with a description and sees the SLA promise.
registry.category("web_tour.tours").add("service_desk_portal_zh_tour", {
    url: "/my/tickets/new",
    steps: () => [
        { trigger: ".o_service_desk_sla_promise:contains(首次响应)" },
        { trigger: "label[for=description]:contains(描述)" },
        { trigger: "input[name=name]", run: "edit 导览工单" },
        { trigger: "textarea[name=description]", run: "edit 导览描述：打印机卡纸" },
        { trigger: "button[type=submit]", run: "click" },
        { trigger: "h4:contains(导览工单)" },
        { trigger: "div:contains(导览描述)" },
    ],
});
