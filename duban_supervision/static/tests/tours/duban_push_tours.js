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

// a liaison chooses, in their preferences, the channel their reminders reach them on
registry.category("web_tour.tours").add("duban_channel_preferences_tour", {
    steps: () => [
        { content: "Open the user menu", trigger: ".o_user_menu .dropdown-toggle", run: "click" },
        { content: "My preferences", trigger: ".dropdown-item[data-menu=preferences]", run: "click" },
        { content: "The reminders tab", trigger: ".modal a.nav-link[name='duban_channels']", run: "click" },
        {
            content: "As my role, the application reaches me",
            trigger: ".modal .o_field_widget[name='duban_reaching_channel_ids'] .o_tag:contains(企业微信督办应用)",
        },
        {
            content: "I choose myself",
            trigger: ".modal .o_field_widget[name='duban_channel_choice'] input[data-value='custom']",
            run: "click",
        },
        {
            content: "Look for the DingTalk channel",
            trigger: ".modal .o_field_widget[name='duban_channel_ids'] input",
            run: "edit 钉钉",
        },
        { content: "Pick it", trigger: ".o-autocomplete--dropdown-item:contains(钉钉工作通知)", run: "click" },
        {
            content: "It reaches me now",
            trigger: ".modal .o_field_widget[name='duban_reaching_channel_ids'] .o_tag:contains(钉钉工作通知)",
        },
        {
            content: "Save: the web client reloads with my preferences",
            trigger: ".modal button[name='preference_save']",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "Back in the web client", trigger: ".o_main_navbar" },
    ],
});

// a liaison follows the link of a pushed urge and lands on it, under their desk, able to answer
registry.category("web_tour.tours").add("duban_push_link_tour", {
    steps: () => [
        { content: "The desk leads back", trigger: ".o_breadcrumb:contains(我的督办)" },
        { content: "The urge, with its answer button", trigger: ".o_form_view button[name='action_answer']" },
    ],
});
