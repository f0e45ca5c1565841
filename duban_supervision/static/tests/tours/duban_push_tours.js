import { registry } from "@web/core/registry";

// the administrator sets the reminder budget, opens a channel and sends a test message
registry.category("web_tour.tours").add("duban_channel_settings_tour", {
    steps: () => [
        {
            content: "The reminder budget: at most two pushes a day",
            trigger: "#duban_push_budget .o_field_widget[name='duban_push_daily_cap'] input",
            run: "edit 2",
        },
        { content: "Save the settings", trigger: ".o_form_button_save", run: "click", expectUnloadPage: true },
        {
            content: "The settings were saved",
            trigger: ".o-settings-form-view:not(:has(.o_dirty_warning)) #duban_push_budget .o_field_widget[name='duban_push_daily_cap'] input:value(2)",
        },
        { content: "Open the delivery channels", trigger: "#duban_channels button", run: "click" },
        { content: "Open the WeCom group robot", trigger: ".o_data_row td:contains(督办群机器人)", run: "click" },
        { content: "Its key is there", trigger: ".o_field_widget[name='webhook_key'] input" },
        { content: "测试发送", trigger: ".o_form_view button[name='action_test_send']", run: "click" },
        { content: "The robot answered", trigger: ".o_notification:contains(测试消息已发送)" },
    ],
});
