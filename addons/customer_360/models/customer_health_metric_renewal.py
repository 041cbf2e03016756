# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract renewal as a health metric (issue 17): a customer who renewed is healthy,
one who let a contract lapse is not."""

from datetime import timedelta

from odoo.tools.translate import LazyTranslate

from odoo.addons.crm_full.tools.local_dates import company_today

from .customer_health_metric import BATCH_IDS, _fetch, register

_lt = LazyTranslate(__name__)

# Value of the customer's latest decided or pending contract, by its renewal state.
RENEWAL_VALUES = {"renewed": 1.0, "due_in_hand": 0.75, "due": 0.5, "lost": 0.0}
# Only contracts that ended (or end) within this many days speak of today's health.
RENEWAL_WINDOW_DAYS = 365


@register(
    "renewal_status",
    _lt("Contract renewal (1 renewed, 0.75 due and in hand, 0.5 due, 0 lost)"),
    models=("sale.order",),
)
def _metric_renewal_status(env, partner_ids, now):
    """The latest-ending contract of the customer within a year that is due, renewed
    or lost; "in hand" when its renewal opportunity is open. No value without one
    (a customer without contracts is not judged on renewals)."""
    Order = env["sale.order"]
    if "renewal_state" not in Order._fields:
        return {}
    Order.flush_model(["partner_id", "renewal_state", "contract_end"])
    env["crm.lead"].flush_model(["renewal_of_order_id", "active"])
    rows = _fetch(
        env,
        f"""
        SELECT DISTINCT ON (p.commercial_partner_id) p.commercial_partner_id, so.renewal_state,
               EXISTS (SELECT 1 FROM crm_lead lead
                        WHERE lead.renewal_of_order_id = so.id AND lead.active)
          FROM sale_order so
          JOIN res_partner p ON p.id = so.partner_id
         WHERE so.renewal_state IN ('due', 'renewed', 'lost')
           AND so.contract_end >= %(since)s
           AND p.commercial_partner_id = ANY({BATCH_IDS})
         ORDER BY p.commercial_partner_id, so.contract_end DESC, so.id DESC
        """,
        {
            "ids": partner_ids,
            "since": company_today(env.company, now) - timedelta(days=RENEWAL_WINDOW_DAYS),
        },
    )
    return {
        pid: RENEWAL_VALUES["due_in_hand" if state == "due" and in_hand else state]
        for pid, state, in_hand in rows
    }
