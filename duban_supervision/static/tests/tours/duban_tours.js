import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { withClickCount } from "@duban_supervision/../tests/tours/click_count";

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

// the clerk lists the dates the lead unit reports by (报告日期), one line each
tours.add("duban_report_dates_tour", {
    steps: () => [
        { content: "Open the reporting schedules", trigger: ".o_field_widget[name='report_rhythm'] .o_select_menu_toggler", run: "click" },
        { content: "Reports on given dates", trigger: ".o_select_menu_item:contains(指定日期报告)", run: "click" },
        { content: "The list speaks Chinese", trigger: ".o_field_widget[name='report_date_ids'] th:contains(日期)" },
        { content: "Add a date", trigger: ".o_field_widget[name='report_date_ids'] .o_field_x2many_list_row_add a:contains(添加行)", run: "click" },
        { content: "The date", trigger: ".o_field_widget[name='report_date_ids'] .o_data_row .o_field_widget[name='date'] input", run: "edit 2026/06/30" },
        ...stepUtils.saveForm(),
        { content: "The date is listed", trigger: ".o_form_saved .o_field_widget[name='report_date_ids'] .o_data_row td:contains(6月30日)" },
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

// the clerk closes the item in the confirmation dialog, with an opinion: three clicks
tours.add("duban_close_tour", {
    steps: () =>
        withClickCount(3, [
            statusIs("to_close"),
            clickButton("action_close"),
            { content: "The dialog shows the result", trigger: ".modal .o_field_widget[name='result'] textarea:value(已完成全部巡查并整改到位。)" },
            { content: "The dialog lists the units", trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains(主办科)" },
            { content: "The closing opinion", trigger: ".modal .o_field_widget[name='close_opinion'] textarea", run: "edit 同意办结" },
            { content: "Close", trigger: ".modal button[name='action_confirm']", run: "click" },
            { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
            statusIs("done"),
        ]),
});

// the same on a phone: the dialog fills the screen, the status bar folds
tours.add("duban_phone_close_tour", {
    steps: () =>
        withClickCount(3, [
            { content: "Close the item", trigger: ".o_form_view button[name='action_close']", run: "click" },
            { content: "The dialog shows the result", trigger: ".modal .o_field_widget[name='result'] textarea:value(手机上办结的结果。)" },
            { content: "The dialog names the unit", trigger: ".modal .o_field_widget[name='line_ids']:contains(主办科)" },
            { content: "The closing opinion", trigger: ".modal .o_field_widget[name='close_opinion'] textarea", run: "edit 同意办结" },
            { content: "Close", trigger: ".modal button[name='action_confirm']", run: "click" },
            { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
            { content: "Closed: the button is gone", trigger: ".o_form_view:not(:has(button[name='action_close']))" },
        ]),
});

// from login, the liaison signs for new work on their desk (我的督办): one click of at most 3
tours.add("duban_desk_sign_tour", {
    steps: () =>
        withClickCount(3, [
            { content: "The desk lists the new item", trigger: ".o_list_view .o_data_row:contains(桌面签收事项)" },
            { content: "Sign for it", trigger: ".o_data_row:contains(桌面签收事项) button[name='action_sign_for']", run: "click" },
            { content: "Signed: no more to sign for", trigger: ".o_action:not(:has(button[name='action_sign_for']))" },
        ]),
});

// the same on a phone: the desk's card carries the button
tours.add("duban_phone_desk_sign_tour", {
    steps: () =>
        withClickCount(3, [
            { content: "The desk shows the new item", trigger: ".o_kanban_record:contains(手机签收事项)" },
            { content: "Sign for it", trigger: ".o_kanban_record:contains(手机签收事项) button[name='action_sign_for']", run: "click" },
            { content: "Signed: no more to sign for", trigger: ".o_action:not(:has(button[name='action_sign_for']))" },
        ]),
});

// open an item from the desk (我的督办): its row on a desktop, its card on a phone
function openFromDesk(title, phone) {
    return phone
        ? { content: `Open ${title} from the desk`, trigger: `.o_kanban_record:contains(${title})`, run: "click" }
        : { content: `Open ${title} from the desk`, trigger: `.o_list_view .o_data_row:contains(${title}) td[name='name']`, run: "click" };
}

// from login, the liaison writes the unit's completion report and sends it to the head
function deskReportSteps(title, phone) {
    return withClickCount(7, [
        openFromDesk(title, phone),
        clickButton("action_write_report"),
        { content: "Report title", trigger: ".o_field_widget[name='name'] input", run: "edit 关于落实情况的报告" },
        { content: "It is the completion report", trigger: ".o_field_widget[name='report_type'] input[data-value='completion']", run: "click" },
        { content: "What was done", trigger: ".o_field_widget[name='content'] .odoo-editor-editable", run: "editor 已按要求全部落实。" },
        ...stepUtils.saveForm(),
        clickButton("action_request_sign"),
        { content: "Sent to the head", trigger: ".o_form_view:not(:has(button[name='action_request_sign']))" },
    ]);
}

tours.add("duban_desk_report_tour", { steps: () => deskReportSteps("桌面报告事项", false) });
tours.add("duban_phone_desk_report_tour", { steps: () => deskReportSteps("手机报告事项", true) });

// from login, the head opens the report waiting on the desk and signs it off: three clicks
function deskSignOffSteps(title, phone) {
    return withClickCount(3, [
        openFromDesk(title, phone),
        clickButton("action_open_my_report"),
        { content: "The report to sign", trigger: ".o_form_view .o_field_widget[name='content']:contains(已按要求全部落实。)" },
        clickButton("action_sign"),
        { content: "Signed: the button is gone", trigger: ".o_form_view:not(:has(button[name='action_sign']))" },
    ]);
}

tours.add("duban_desk_head_sign_tour", { steps: () => deskSignOffSteps("桌面报告事项", false) });

// EC 四(二): the unit's leader in charge signs its report from the item: two clicks
tours.add("duban_leader_report_sign_tour", {
    steps: () =>
        withClickCount(2, [
            clickButton("action_open_my_report"),
            { content: "The report to sign", trigger: ".o_form_view .o_field_widget[name='content']:contains(已全部完成。)" },
            clickButton("action_sign"),
            statusIs("signed"),
        ]),
});

// ... and the unit's head, who does not sign there, is offered neither 处理报告 nor 签字
tours.add("duban_head_not_offered_sign_tour", {
    steps: () => [
        { content: "The item, read", trigger: ".o_form_view .o_field_widget[name='number']" },
        { content: "No report to handle", trigger: ".o_form_view:not(:has(button[name='action_open_my_report']))" },
    ],
});
tours.add("duban_phone_desk_head_sign_tour", { steps: () => deskSignOffSteps("手机报告事项", true) });

// from login, the liaison submits what the head signed: three clicks
tours.add("duban_desk_submit_tour", {
    steps: () =>
        withClickCount(3, [
            openFromDesk("桌面报告事项", false),
            clickButton("action_open_my_report"),
            clickButton("action_submit"),
            statusIs("submitted"),
        ]),
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

// the principal leader approves an extension with an opinion (意见): three clicks
tours.add("duban_extension_opinion_tour", {
    steps: () =>
        withClickCount(3, [
            clickButton("action_approve_opinion"),
            { content: "The opinion", trigger: ".modal .o_field_widget[name='reason'] textarea", run: "edit 同意延期，不得再延" },
            { content: "Confirm", trigger: ".modal button[name='action_confirm']", run: "click" },
            { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
            { content: "Decided: the buttons are gone", trigger: ".o_form_view:not(:has(button[name='action_approve_opinion']))" },
        ]),
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
    steps: () =>
        withClickCount(4, [
            { content: "More actions", trigger: ".o_form_view button:has(.oi-ellipsis-v)", run: "click" },
            { content: "Approve with an opinion", trigger: ".o-dropdown--menu button[name='action_approve_opinion']", run: "click" },
            { content: "The opinion", trigger: ".modal .o_field_widget[name='reason'] textarea", run: "edit 同意延期，不得再延" },
            { content: "Confirm", trigger: ".modal button[name='action_confirm']", run: "click" },
            { content: "The dialog closed", trigger: "body:not(:has(.modal))" },
            { content: "Decided: the buttons are gone", trigger: ".o_form_view:not(:has(button[name='action_approve']))" },
        ]),
});
