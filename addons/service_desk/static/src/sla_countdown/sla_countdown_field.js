/** @odoo-module **/
// Copyright 2026 Full Customer Management contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

// The countdown is redrawn this often (ms): it shows minutes, so a few seconds late is fine.
const TICK_MS = 15000;

// Badge colour of each SLA status; "breached" is never green, whatever the stored state says.
const STATE_CLASS = {
    on_time: "text-bg-success",
    at_risk: "text-bg-warning",
    breached: "text-bg-danger",
    paused: "text-bg-secondary",
    met: "text-bg-light",
};

// Time left on a live clock of a ticket whose other clock breached: red outline.
const BREACHED_BEFORE_CLASS = "border border-danger text-danger";

/**
 * "2h 15m" / "2小时15分": whole minutes, days past 24 h.
 * @param {number} seconds
 */
export function formatSlaDuration(seconds) {
    const minutes = Math.floor(Math.abs(seconds) / 60);
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days) {
        return _t("%(days)sd %(hours)sh", { days, hours });
    }
    if (hours) {
        return _t("%(hours)sh %(minutes)sm", { hours, minutes: mins });
    }
    return _t("%(minutes)sm", { minutes: mins });
}

/**
 * What the badge says and its colour, from the stored SLA status and the deadline.
 * @param {string|false} state sla_state
 * @param {luxon.DateTime|false} due sla_due_date
 * @param {number} leftSeconds sla_left_seconds (paused clocks)
 * @param {luxon.DateTime} now
 * @param {boolean} everBreached sla_breached: a clock of this ticket breached before
 */
export function slaCountdown(state, due, leftSeconds, now, everBreached = false) {
    if (!state) {
        return null;
    }
    if (state === "paused") {
        const text = leftSeconds
            ? _t("Paused, %(duration)s left", { duration: formatSlaDuration(leftSeconds) })
            : _t("Paused");
        return { text, state, className: STATE_CLASS.paused };
    }
    if (state === "met") {
        return { text: _t("SLA met"), state, className: STATE_CLASS.met };
    }
    if (!due) {
        return state === "breached"
            ? { text: _t("SLA breached"), state, className: STATE_CLASS.breached }
            : null;
    }
    const seconds = Math.floor(due.diff(now).as("seconds"));
    if (seconds <= 0 || state === "breached") {
        // past the deadline before the cron ran: red already
        const duration = formatSlaDuration(Math.min(seconds, 0));
        return {
            text: _t("%(duration)s overdue", { duration }),
            state: "breached",
            className: STATE_CLASS.breached,
        };
    }
    return {
        text: _t("%(duration)s left", { duration: formatSlaDuration(seconds) }),
        state,
        // a ticket that already breached one clock (e.g. a late first reply) is never green
        className: everBreached
            ? BREACHED_BEFORE_CLASS
            : STATE_CLASS[state] || STATE_CLASS.on_time,
    };
}

export class SlaCountdownField extends Component {
    static template = "service_desk.SlaCountdownField";
    static props = { ...standardFieldProps };

    setup() {
        this.clock = useState({ now: luxon.DateTime.now() });
        const interval = setInterval(() => (this.clock.now = luxon.DateTime.now()), TICK_MS);
        onWillUnmount(() => clearInterval(interval));
    }

    get countdown() {
        const data = this.props.record.data;
        return slaCountdown(
            data.sla_state,
            data[this.props.name],
            data.sla_left_seconds || 0,
            this.clock.now,
            data.sla_breached
        );
    }

    get title() {
        const due = this.props.record.data[this.props.name];
        return due ? due.toLocaleString(luxon.DateTime.DATETIME_SHORT) : "";
    }
}

export const slaCountdownField = {
    component: SlaCountdownField,
    displayName: _t("SLA Countdown"),
    supportedTypes: ["datetime"],
    fieldDependencies: [
        { name: "sla_state", type: "selection" },
        { name: "sla_left_seconds", type: "integer" },
        { name: "sla_breached", type: "boolean" },
    ],
};

registry.category("fields").add("sla_countdown", slaCountdownField);
