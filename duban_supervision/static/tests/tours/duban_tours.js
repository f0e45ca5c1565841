import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const tours = registry.category("web_tour.tours");

function clickButton(name) {
    return { content: `Click ${name}`, trigger: `.o_form_view button[name='${name}']`, run: "click" };
}

function pick(field, text) {
    return [
        { content: `Type ${text} in ${field}`, trigger: `.o_field_widget[name='${field}'] input`, run: `edit ${text}` },
        { content: `Choose ${text}`, trigger: `.o-autocomplete--dropdown-item a:contains(${text})`, run: "click" },
    ];
}

function statusIs(value) {
    return {
        content: `The status is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value='${value}']`,
    };
}

function confirmReason(text) {
    return [
        { content: "Give the reason", trigger: ".modal .o_field_widget[name='reason'] textarea", run: `edit ${text}` },
        { content: "Confirm", trigger: ".modal button[name='action_confirm']", run: "click" },
        { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
    ];
}

// an office clerk registers an item and sends it for signing
tours.add("duban_register_tour", {
    steps: () => [
        { content: "The new item form", trigger: ".o_form_view .o_field_widget[name='name'] input", run: "edit 巡查校舍安全隐患" },
        ...pick("office_id", "测试办公室"),
        ...pick("lead_department_id", "主办科"),
        { content: "Ten working days were proposed", trigger: ".o_field_widget[name='deadline_days'] input:value(10)" },
        ...stepUtils.saveForm(),
        clickButton("action_submit"),
        statusIs("to_approve"),
    ],
});

// the leader in charge signs the notice
tours.add("duban_sign_tour", {
    steps: () => [clickButton("action_approve"), statusIs("approved")],
});

// the clerk issues it
tours.add("duban_issue_tour", {
    steps: () => [clickButton("action_issue"), statusIs("issued")],
});

// the unit's liaison signs for it and writes the completion report
tours.add("duban_liaison_report_tour", {
    steps: () => [
        clickButton("action_sign"),
        statusIs("in_progress"),
        clickButton("action_new_report"),
        { content: "Report title", trigger: ".o_field_widget[name='name'] input", run: "edit 关于校舍安全隐患巡查的报告" },
        { content: "It is the completion report", trigger: ".o_field_widget[name='report_type'] input[data-value='completion']", run: "click" },
        { content: "What was done", trigger: ".o_field_widget[name='content'] .odoo-editor-editable", run: "editor 已完成全部巡查并整改到位。" },
        ...stepUtils.saveForm(),
        clickButton("action_request_sign"),
        statusIs("to_sign"),
    ],
});

// the unit head signs the report, the liaison submits it
tours.add("duban_head_sign_tour", {
    steps: () => [clickButton("action_sign"), statusIs("signed")],
});

tours.add("duban_liaison_submit_tour", {
    steps: () => [clickButton("action_submit"), statusIs("submitted")],
});

// the clerk accepts the report: the item waits for closing
tours.add("duban_accept_tour", {
    steps: () => [clickButton("action_accept"), statusIs("accepted")],
});

// the clerk closes the item in the confirmation dialog, with an opinion
tours.add("duban_close_tour", {
    steps: () => [
        statusIs("to_close"),
        clickButton("action_close"),
        { content: "The dialog shows the result", trigger: ".modal .o_field_widget[name='result'] textarea:value(已完成全部巡查并整改到位。)" },
        { content: "The dialog lists the units", trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains(主办科)" },
        { content: "The closing opinion", trigger: ".modal .o_field_widget[name='close_opinion'] textarea", run: "edit 同意办结" },
        { content: "Close", trigger: ".modal button[name='action_confirm']", run: "click" },
        { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
        statusIs("done"),
    ],
});

// from login, the liaison signs for new work on their desk (我的督办): one click
tours.add("duban_desk_sign_tour", {
    steps: () => [
        { content: "The desk lists the new item", trigger: ".o_list_view .o_data_row:contains(桌面签收事项)" },
        { content: "Sign for it (click 1)", trigger: ".o_data_row:contains(桌面签收事项) button[name='action_sign_for']", run: "click" },
        { content: "Signed: no more to sign for", trigger: ".o_action:not(:has(button[name='action_sign_for']))" },
    ],
});

// the same on a phone: the desk's card carries the button
tours.add("duban_phone_desk_sign_tour", {
    steps: () => [
        { content: "The desk shows the new item", trigger: ".o_kanban_record:contains(手机签收事项)" },
        { content: "Sign for it (click 1)", trigger: ".o_kanban_record:contains(手机签收事项) button[name='action_sign_for']", run: "click" },
        { content: "Signed: no more to sign for", trigger: ".o_action:not(:has(button[name='action_sign_for']))" },
    ],
});

// a liaison objects to an assignment within the working day
tours.add("duban_object_tour", {
    steps: () => [clickButton("action_object"), ...confirmReason("不属于本科室职责"), statusIs("returned")],
});

// on a phone: the liaison finds the assignment, signs for it and writes the report
tours.add("duban_phone_tour", {
    steps: () => [
        { content: "The assignment card", trigger: ".o_kanban_record:contains(手机签收事项)", run: "click" },
        clickButton("action_sign"),
        { content: "Signed for", trigger: ".o_field_widget[name='date_signed']" },
        clickButton("action_new_report"),
        { content: "Report title", trigger: ".o_field_widget[name='name'] input", run: "edit 手机上报的进展" },
        { content: "What was done", trigger: ".o_field_widget[name='content'] .odoo-editor-editable", run: "editor 已完成现场核查。" },
        ...stepUtils.saveForm(),
        { content: "Saved", trigger: ".o_form_view .o_form_saved" },
    ],
});

// the principal leader approves an extension with an opinion (意见)
tours.add("duban_extension_opinion_tour", {
    steps: () => [
        clickButton("action_approve_opinion"),
        { content: "The opinion", trigger: ".modal .o_field_widget[name='reason'] textarea", run: "edit 同意延期，不得再延" },
        { content: "Confirm", trigger: ".modal button[name='action_confirm']", run: "click" },
        { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
        { content: "Decided: the buttons are gone", trigger: ".o_form_view:not(:has(button[name='action_approve_opinion']))" },
    ],
});

// on a phone the status bar folds: the head's signature shows as the button going away
tours.add("duban_phone_head_sign_tour", {
    steps: () => [
        clickButton("action_sign"),
        { content: "Signed: the button is gone", trigger: ".o_form_view:not(:has(button[name='action_sign']))" },
    ],
});

// the same on a phone: the second button sits behind the status bar's "More" menu
tours.add("duban_phone_extension_opinion_tour", {
    steps: () => [
        { content: "More actions", trigger: ".o_form_view button:has(.oi-ellipsis-v)", run: "click" },
        { content: "Approve with an opinion", trigger: ".o-dropdown--menu button[name='action_approve_opinion']", run: "click" },
        { content: "The opinion", trigger: ".modal .o_field_widget[name='reason'] textarea", run: "edit 同意延期，不得再延" },
        { content: "Confirm", trigger: ".modal button[name='action_confirm']", run: "click" },
        { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
        { content: "Decided: the buttons are gone", trigger: ".o_form_view:not(:has(button[name='action_approve']))" },
    ],
});
