import { registry } from "@web/core/registry";
import { withClickCount } from "@duban_supervision/../tests/tours/click_count";

// a leader opens the cockpit, clicks 已逾期 and finds the overdue item behind the figure, then
// a unit's bar and finds its open items: three clicks in all
registry.category("web_tour.tours").add("duban_cockpit_tour", {
    steps: () => withClickCount(3, [
        { content: "The cockpit in Chinese", trigger: ".o_duban_cockpit h2:contains(领导驾驶舱)" },
        { content: "Six figures", trigger: ".o_duban_cockpit_kpis:has(.o_duban_cockpit_kpi:nth-child(6))" },
        { content: "One item overdue", trigger: ".o_duban_kpi_overdue .o_duban_cockpit_kpi_value:contains(1)" },
        { content: "The unit's bars", trigger: ".o_duban_cockpit_unit:contains(主办科)" },
        { content: "The trend chart", trigger: ".o_duban_cockpit_trend canvas" },
        { content: "The most overdue item", trigger: ".o_duban_cockpit_overdue_item:contains(驾驶舱逾期事项)" },
        { content: "Click 已逾期", trigger: ".o_duban_kpi_overdue:contains(已逾期)", run: "click" },
        { content: "The overdue item is listed", trigger: ".o_list_view .o_data_row:contains(驾驶舱逾期事项)" },
        { content: "Only overdue items", trigger: ".o_list_view:not(:has(.o_data_row:contains(驾驶舱按期事项)))" },
        { content: "Back to the cockpit", trigger: ".o_breadcrumb a:contains(领导驾驶舱), .o_breadcrumb .o_back_button", run: "click" },
        { content: "The cockpit again", trigger: ".o_duban_cockpit .o_duban_kpi_overdue" },
        { content: "Click the unit's bar", trigger: ".o_duban_cockpit_unit:contains(主办科)", run: "click" },
        { content: "The unit's open items", trigger: ".o_list_view .o_data_row:contains(驾驶舱按期事项)" },
        { content: "The overdue one too", trigger: ".o_list_view .o_data_row:contains(驾驶舱逾期事项)" },
    ]),
});
