# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What leads and partners share about their stored duplicate keys: a 撞单 link stands
while both records share a key, and a change of the rules re-keys every record."""

from odoo.tools import split_every

from .dedup_keys import key_set

DEDUPE_KEY_FIELDS = (
    "dedupe_company",
    "dedupe_phone",
    "dedupe_mobile",
    "dedupe_email",
    "dedupe_registry",
)
REKEY_BATCH = 5000


def stored_key_set(record):
    return key_set(
        record.dedupe_registry,
        record.dedupe_email,
        record.dedupe_company,
        (record.dedupe_phone, record.dedupe_mobile),
    )


def clear_stale_links(records, link_field):
    """Clear ``link_field`` on ``records`` and on the records linked to them where the
    two no longer share a key. The system's doing: runs as superuser."""
    records = records.sudo().with_context(active_test=False)
    linked = records.filtered(link_field) | records.search([(link_field, "in", records.ids)])
    stale = linked.filtered(
        lambda record: not stored_key_set(record) & stored_key_set(record[link_field])
    )
    if stale:
        stale[link_field] = False


def rekey_all(model, link_field):
    """Recompute every record's keys with today's rules by batches, then clear the links
    that no longer hold (new matches are flagged on the next edit)."""
    model = model.sudo().with_context(active_test=False)
    fields_ = [model._fields[name] for name in DEDUPE_KEY_FIELDS]
    for ids in split_every(REKEY_BATCH, model.search([]).ids):
        batch = model.browse(ids)
        for field in fields_:
            model.env.add_to_compute(field, batch)
        batch.flush_recordset(list(DEDUPE_KEY_FIELDS))
        batch.invalidate_recordset()
    clear_stale_links(model.search([(link_field, "!=", False)]), link_field)
