import { registry } from "@web/core/registry";

// the administrator opens the delivery channels from the settings and sends a test message
registry.category("web_tour.tours").add("duban_channel_settings_tour", {
    steps: () => [
        { content: "The settings show the channels", trigger: "#duban_channels button", run: "click" },
        { content: "Open the WeCom group robot", trigger: ".o_data_row td:contains(督办群机器人)", run: "click" },
        { content: "Its key is there", trigger: ".o_field_widget[name='webhook_key'] input:value(robot-key-1)" },
        { content: "测试发送", trigger: ".o_form_view button[name='action_test_send']", run: "click" },
        { content: "The robot answered", trigger: ".o_notification:contains(测试消息已发送)" },
    ],
});

// a liaison follows the link of a pushed urge and lands on it, under their desk, able to answer
registry.category("web_tour.tours").add("duban_push_link_tour", {
    steps: () => [
        { content: "The desk leads back", trigger: ".o_breadcrumb:contains(我的督办)" },
        { content: "The urge, with its answer button", trigger: ".o_form_view button[name='action_answer']" },
    ],
});
