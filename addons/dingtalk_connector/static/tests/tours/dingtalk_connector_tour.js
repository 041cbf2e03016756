import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An administrator adds the robot of a DingTalk group.
registry.category("web_tour.tours").add("dingtalk_connector_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("dingtalk_connector.dingtalk_connector_menu_root", "Open DingTalk"),
        { trigger: ".o_breadcrumb:contains(Messages)" },
        { trigger: 'a[data-menu-xmlid="dingtalk_connector.dingtalk_robot_menu"]', run: "click" },
        { trigger: ".o_breadcrumb:contains(Group Robots)" },
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit Tour support group" },
        {
            trigger: ".o_field_widget[name=webhook_url] input",
            run: "edit https://oapi.dingtalk.com/robot/send?access_token=tour",
        },
        ...stepUtils.saveForm(),
        { trigger: ".o_breadcrumb:contains(Tour support group)" },
    ],
});
