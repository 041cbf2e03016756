import { registry } from "@web/core/registry";

// An agent opens a ticket, answers the customer from the chatter and solves it.
registry.category("web_tour.tours").add("service_desk_solve_tour", {
    url: "/odoo/action-service_desk.service_desk_ticket_action",
    steps: () => [
        { trigger: ".o_kanban_record:contains(Tour solve scanner)", run: "click" },
        { trigger: ".o_form_view .o-mail-Chatter" },
        { trigger: ".o-mail-Chatter-sendMessage", run: "click" },
        { trigger: ".o-mail-Composer-input", run: "edit We replaced the roller, it works again." },
        { trigger: ".o-mail-Composer-send:enabled", run: "click" },
        { trigger: ".o-mail-Message-body:contains(replaced the roller)" },
        { trigger: ".o_statusbar_status button:contains(Solved)", run: "click" },
        { trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Solved)" },
        { trigger: ".o_form_saved" },
    ],
});
