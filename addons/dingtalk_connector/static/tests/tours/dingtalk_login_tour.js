import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

// Opened from a DingTalk work notice: the login-free entry signed the bound
// user in and the deep link landed on the record.
registry.category("web_tour.tours").add("dingtalk_login_tour", {
    steps: () => [
        { trigger: ".o_breadcrumb:contains(DingTalk Landing Partner)" },
        {
            trigger: ".o_form_view",
            run() {
                if (user.login !== "dt_login_user") {
                    throw new Error(`signed in as ${user.login}, not dt_login_user`);
                }
            },
        },
    ],
});
