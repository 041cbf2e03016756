# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: a breached clock is in state "breached" from its deadline on (issue 14).

Before, it stayed "running" (or "paused") with ``breached`` set until fulfilled. Open
breached clocks take the new state here, before the ticket's new ``sla_state`` column is
computed from them; a paused one keeps ``date_pause``, which now says it is paused.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE service_desk_sla_status SET state = 'breached' "
        "WHERE breached AND state IN ('running', 'paused') AND date_reached IS NULL"
    )
