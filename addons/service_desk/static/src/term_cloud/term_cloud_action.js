import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

// Font sizes (px) of the least and the most mentioned term of the cloud.
const MIN_FONT = 13;
const MAX_FONT = 44;

/**
 * What customers talk about: the terms of tickets and survey comments as a cloud
 * (font size by the number of texts mentioning them) beside their ranked list.
 * Counting happens on the server, under the user's record rules; a term opens
 * the texts behind it.
 */
export class ServiceDeskTermCloud extends Component {
    static template = "service_desk.TermCloud";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.periods = [
            ["30", _t("Last 30 days")],
            ["90", _t("Last 90 days")],
            ["365", _t("Last 12 months")],
            ["all", _t("All time")],
        ];
        this.state = useState({
            filters: { period: "365", team_id: false, category_id: false, segment: false },
            terms: [],
            teams: [],
            categories: [],
            segments: [],
        });
        onWillStart(async () => {
            const [teams, categories, fields] = await Promise.all([
                this.orm.searchRead("service.desk.team", [], ["display_name"]),
                this.orm.searchRead("service.desk.category", [], ["display_name"]),
                this.orm.call("service.desk.term", "fields_get", [["segment"]], {
                    attributes: ["selection"],
                }),
            ]);
            Object.assign(this.state, {
                teams,
                categories,
                segments: fields.segment.selection,
            });
            await this.load();
        });
    }

    async load() {
        this.state.terms = await this.orm.call("service.desk.term", "get_term_cloud", [
            this.state.filters,
        ]);
    }

    get cloudTerms() {
        const counts = this.state.terms.map((t) => t.count);
        const [low, high] = [Math.min(...counts), Math.max(...counts)];
        const sized = this.state.terms.map((t) => ({
            ...t,
            size: high === low ? (MIN_FONT + MAX_FONT) / 2 : MIN_FONT + ((t.count - low) * (MAX_FONT - MIN_FONT)) / (high - low),
        }));
        // alphabetical, so that the big words are scattered rather than stacked first
        return sized.sort((a, b) => a.term.localeCompare(b.term));
    }

    async onFilter(name, ev) {
        const value = ev.target.value;
        this.state.filters[name] =
            name === "team_id" || name === "category_id" ? parseInt(value) || false : value || false;
        await this.load();
    }

    async openTerm(term) {
        const action = await this.orm.call("service.desk.term", "action_open_term", [
            term,
            this.state.filters,
        ]);
        await this.action.doAction(action);
    }
}

registry.category("actions").add("service_desk.term_cloud", ServiceDeskTermCloud);
