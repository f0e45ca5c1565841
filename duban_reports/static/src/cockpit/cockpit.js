import { Component, onWillStart, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { getColor } from "@web/core/colors/colors";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * 领导驾驶舱: KPI tiles, by-unit bars, the trend by month and the most overdue items, all read
 * from one server method (duban.cockpit.get_cockpit_data) under the reader's record rules. Each
 * figure opens the items behind it.
 */
export class DubanCockpit extends Component {
    static template = "duban_reports.Cockpit";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null });
        this.trendCanvas = useRef("trend");
        this.chart = null;
        onWillStart(async () => {
            await Promise.all([loadBundle("web.chartjs_lib"), this.load()]);
        });
        useEffect(
            () => {
                this.renderTrend();
            },
            () => [this.state.data]
        );
        onWillUnmount(() => this.chart?.destroy());
    }

    async load() {
        this.state.data = await this.orm.call("duban.cockpit", "get_cockpit_data", []);
    }

    get maxOpen() {
        return Math.max(1, ...this.state.data.units.map((unit) => unit.open));
    }

    formatValue(kpi) {
        if (kpi.value === null || kpi.value === undefined) {
            return "—";
        }
        return kpi.unit ? `${kpi.value}${kpi.unit}` : String(kpi.value);
    }

    barWidth(count) {
        return `${Math.round((100 * count) / this.maxOpen)}%`;
    }

    overdueShare(unit) {
        return `${unit.open ? Math.round((100 * unit.overdue) / unit.open) : 0}%`;
    }

    openItems(name, domain, groupBy = []) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: "duban.item",
            domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            context: { group_by: groupBy },
        });
    }

    onKpiClick(kpi) {
        return this.openItems(kpi.label, kpi.domain, kpi.group_by || []);
    }

    onUnitClick(unit) {
        return this.openItems(_t("In progress: %(unit)s", { unit: unit.name }), unit.domain);
    }

    onItemClick(item) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: "duban.item",
            res_id: item.id,
            views: [[false, "form"]],
        });
    }

    renderTrend() {
        if (!this.trendCanvas.el || !this.state.data) {
            return;
        }
        this.chart?.destroy();
        const trend = this.state.data.trend;
        const dataset = (label, key, colorIndex, type = "bar") => ({
            type,
            label,
            data: trend.map((month) => month[key]),
            backgroundColor: getColor(colorIndex),
            borderColor: getColor(colorIndex),
        });
        this.chart = new Chart(this.trendCanvas.el, {
            type: "bar",
            data: {
                labels: trend.map((month) => month.month),
                datasets: [
                    dataset(_t("Issued"), "issued", 1),
                    dataset(_t("Closed"), "closed", 10),
                    dataset(_t("Closed on time"), "on_time", 4, "line"),
                ],
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                plugins: { legend: { position: "bottom" } },
            },
        });
    }
}

registry.category("actions").add("duban_cockpit", DubanCockpit);
