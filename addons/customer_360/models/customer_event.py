# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from datetime import datetime, timedelta, timezone

from psycopg2 import errors

from odoo import api, fields, models
from odoo.tools import email_normalize, mute_logger

from odoo.addons.crm_full.tools.dedup_keys import phone_key

from ..tools.strict_json import Invalid, check_text, check_value

_logger = logging.getLogger(__name__)

# One request carries at most this many events: enough for a minute of a busy
# web site, small enough to stay one short transaction (and one INSERT).
MAX_BATCH = 1000
MAX_TEXT = 128  # source, external id, type
MAX_KEY_TEXT = 256  # ref, email, phone
MAX_PAYLOAD = 16384  # characters of serialized JSON per event
MAX_PAYLOAD_DEPTH = 16  # levels of nesting inside one payload
MAX_BODY = 8 * 1024 * 1024  # bytes of one request
MAX_BODY_DEPTH = 32  # levels of nesting in one request; refused whole beyond
# Plausible dates: behaviour data of this century, and clocks at most a day ahead.
OCCURRED_EARLIEST = datetime(2000, 1, 1)
OCCURRED_FUTURE = timedelta(days=1)
MAX_DATE_TEXT = 64
# Lookup keys, strongest first: the first one present in an item is used.
CUSTOMER_KEYS = ("customer_id", "ref", "email", "phone")
ITEM_FIELDS = ("source", "external_id", "type", "value", "occurred_at", *CUSTOMER_KEYS)


class CustomerEvent(models.Model):
    """A behaviour event pushed by an external system (web site, app, product usage).

    Idempotent by (sender, source, external_id): a system may replay a batch
    after a time-out and nothing is stored twice. The sender is the API user
    (``create_uid``, which no client can set), so that one integration cannot
    claim, and so block, the ids of another.
    """

    _name = "customer.event"
    _description = "Customer External Event"
    _order = "occurred_at desc, id desc"
    _rec_name = "event_type"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        help="The customer account (commercial partner) the event belongs to.",
    )
    source = fields.Char(required=True, help="Sending system, e.g. web, app, product.")
    external_id = fields.Char(
        string="External ID", required=True, help="The event's id in the sending system."
    )
    event_type = fields.Char(string="Event Type", required=True, index=True)
    value = fields.Float(aggregator="sum", help="Optional measure: minutes, items, amount…")
    occurred_at = fields.Datetime(string="Occurred On", required=True, index=True)
    payload = fields.Json(help="Extra data as sent, kept for audits and custom measures.")
    payload_text = fields.Text(string="Payload (JSON)", compute="_compute_payload_text")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "source_external_id_uniq",
            # the name is kept so that an update replaces the old global constraint
            "unique(create_uid, source, external_id)",
            "This sender already stored an event with this source and external ID.",
        ),
    ]

    def init(self):
        # the timeline and the health measures read a customer's events by date
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS customer_event_partner_occurred_idx
                   ON customer_event (partner_id, occurred_at DESC)"""
        )

    @api.model_create_multi
    def create(self, vals_list):
        # events belong to the account: a contact given by hand rolls up to its company
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        # an event lands on a customer's timeline: only on customers the sender may read
        partners.check_access("read")
        accounts = {partner.id: partner.commercial_partner_id.id for partner in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = accounts[vals["partner_id"]]
        return super().create(vals_list)

    @api.depends("payload")
    def _compute_payload_text(self):
        for event in self:
            event.payload_text = (
                json.dumps(event.payload, indent=2, ensure_ascii=False) if event.payload else False
            )

    # ------------------------------------------------------------
    # INGESTION
    # ------------------------------------------------------------
    @api.model
    def _ingest(self, items):
        """Store a batch of raw events as the current user; return one result per item.

        Each result is ``{"index", "status": accepted|duplicate|rejected, "id"?,
        "error"?, "message"?}``. Customers are looked up with one search per key
        kind, duplicates with one query, and the new events are created in one
        batch. The user's access rights apply: customers they cannot read are
        unknown, and without create access on events nothing is written.
        """
        self.check_access("create")
        results = [None] * len(items)
        parsed = {}
        for index, item in enumerate(items):
            vals, error = self._ingest_parse(item)
            if error:
                results[index] = self._ingest_reject(index, *error)
            else:
                parsed[index] = vals
        customers = self._ingest_find_customers([vals["customer"] for vals in parsed.values()])
        for index, vals in list(parsed.items()):
            kind, key = vals.pop("customer")
            partner = customers.get((kind, key))
            if partner is None:
                results[index] = self._ingest_reject(
                    index,
                    "unknown_customer",
                    self.env._("No customer found with %(key)s %(value)s.", key=kind, value=key),
                )
                del parsed[index]
            elif partner is False:
                results[index] = self._ingest_reject(
                    index,
                    "ambiguous_customer",
                    self.env._(
                        "Several customers match %(key)s %(value)s; send the customer_id.",
                        key=kind,
                        value=key,
                    ),
                )
                del parsed[index]
            else:
                vals["partner_id"] = partner.id
                vals["company_id"] = (partner.company_id or self.env.company).id
        self._ingest_store(parsed, results)
        return results

    def _ingest_reject(self, index, error, message):
        return {"index": index, "status": "rejected", "error": error, "message": message}

    def _ingest_parse(self, item):
        """Validate one raw item; return ``(vals, None)`` or ``(None, (code, message))``."""
        _ = self.env._
        if not isinstance(item, dict):
            return None, ("invalid_event", _("An event must be a JSON object."))
        for field in ITEM_FIELDS:  # the payload is checked below, with its depth
            value = item.get(field)
            if isinstance(value, Invalid):
                reason = value.reason
            else:
                reason = check_text(value) if isinstance(value, str) else None
            if reason:
                return None, (
                    "invalid_field",
                    _("Field %(field)s: %(reason)s.", field=field, reason=reason),
                )
        vals = {}
        for field in ("source", "external_id", "type"):
            value = item.get(field)
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip():
                return None, ("missing_field", _("Field %s is required (text).", field))
            if len(value) > MAX_TEXT:
                return None, (
                    "invalid_field",
                    _(
                        "Field %(field)s is longer than %(max)s characters.",
                        field=field,
                        max=MAX_TEXT,
                    ),
                )
            vals[field] = value.strip()
        vals["event_type"] = vals.pop("type")
        value = item.get("value", 0.0)
        if value is None:
            value = 0.0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, ("invalid_field", _("Field value must be a number."))
        vals["value"] = float(value)
        occurred_at, error = self._ingest_parse_date(item.get("occurred_at"))
        if error:
            return None, error
        vals["occurred_at"] = occurred_at
        payload = item.get("payload")
        if payload is not None:
            if not isinstance(payload, dict):
                return None, ("invalid_field", _("Field payload must be a JSON object."))
            reason = check_value(payload, MAX_PAYLOAD_DEPTH)
            if reason:
                return None, ("invalid_field", _("Field payload: %s.", reason))
            if len(json.dumps(payload)) > MAX_PAYLOAD:
                return None, (
                    "invalid_field",
                    _("Field payload is larger than %s characters.", MAX_PAYLOAD),
                )
            vals["payload"] = payload
        customer, error = self._ingest_parse_customer(item)
        if error:
            return None, error
        vals["customer"] = customer
        return vals, None

    def _ingest_parse_date(self, value):
        if value in (None, ""):
            return fields.Datetime.now(), None
        error = (
            "invalid_field",
            self.env._(
                "Field occurred_at must be an ISO 8601 date-time, e.g. 2026-03-01T09:30:00Z."
            ),
        )
        if not isinstance(value, str) or len(value) > MAX_DATE_TEXT:
            return None, error
        try:
            moment = datetime.fromisoformat(value.strip())
            if moment.tzinfo:  # stored naive in UTC, as every Odoo datetime
                moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError):  # overflow: year 1 or 9999 shifted by its offset
            return None, error
        latest = fields.Datetime.now() + OCCURRED_FUTURE
        if not OCCURRED_EARLIEST <= moment <= latest:
            return None, (
                "invalid_field",
                self.env._(
                    "Field occurred_at must lie between %(earliest)s and %(latest)s (UTC).",
                    earliest=fields.Datetime.to_string(OCCURRED_EARLIEST),
                    latest=fields.Datetime.to_string(latest.replace(microsecond=0)),
                ),
            )
        return moment.replace(microsecond=0), None

    def _ingest_parse_customer(self, item):
        """Return ``((key kind, normalized key), None)`` from the first key present."""
        for kind in CUSTOMER_KEYS:
            raw = item.get(kind)
            if raw in (None, ""):
                continue
            if kind == "customer_id":
                if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
                    break
                return (kind, raw), None
            if not isinstance(raw, str) or len(raw) > MAX_KEY_TEXT:
                break
            key = {
                "ref": lambda v: v.strip(),
                "email": email_normalize,
                "phone": lambda v: phone_key(v, self.env.company.country_id.code),
            }[kind](raw)
            if not key:
                break
            return (kind, key), None
        return None, (
            "invalid_customer",
            self.env._("Identify the customer with a valid customer_id, ref, email or phone."),
        )

    def _ingest_find_customers(self, keys):
        """Map every ``(kind, key)`` to its commercial partner, False when ambiguous.

        One search per key kind for the whole batch, run as the current user so
        that record rules decide which customers exist for the sender.
        """
        Partner = self.env["res.partner"]
        by_kind = {}
        for kind, key in keys:
            by_kind.setdefault(kind, set()).add(key)
        found = {}

        def collect(kind, partners, key_of):
            matches = {}
            for partner in partners:
                for key in key_of(partner):
                    matches.setdefault(key, set()).add(partner.commercial_partner_id)
            for key, accounts in matches.items():
                found[(kind, key)] = accounts.pop() if len(accounts) == 1 else False

        if ids := by_kind.get("customer_id"):
            partners = Partner.search([("id", "in", list(ids))])
            collect("customer_id", partners, lambda p: [p.id])
        if refs := by_kind.get("ref"):
            partners = Partner.search([("ref", "in", list(refs))])
            collect("ref", partners, lambda p: [p.ref])
        if emails := by_kind.get("email"):
            partners = Partner.search([("email_normalized", "in", list(emails))])
            collect("email", partners, lambda p: [p.email_normalized])
        if phones := by_kind.get("phone"):
            # crm_full's stored keys: the same normalisation as leads and partners.
            partners = Partner.search(
                ["|", ("dedupe_phone", "in", list(phones)), ("dedupe_mobile", "in", list(phones))]
            )
            collect("phone", partners, lambda p: {p.dedupe_phone, p.dedupe_mobile} & phones)
        return found

    def _ingest_store(self, parsed, results):
        """Create the new events in one batch; mark the replays as duplicates.

        A concurrent request may store one of our events between our duplicate
        check and our INSERT. Its row is invisible to this transaction (Odoo's
        cursors are REPEATABLE READ), so looking again cannot find it: only
        the unique index knows. Then the events are inserted one by one, each
        in its own savepoint, and those the index refuses are duplicates. The
        refused INSERTs are expected, not errors: the cursor must not log them.
        """
        pending = {}
        for index, vals in parsed.items():
            key = (vals["source"], vals["external_id"])
            if key in pending:  # the same event twice in one batch
                results[index] = {"index": index, "status": "duplicate"}
            else:
                pending[key] = index
        existing = self._ingest_existing(list(pending))
        for key in existing:
            index = pending.pop(key)
            results[index] = {"index": index, "status": "duplicate", "id": existing[key]}
        if not pending:
            return
        events = self._ingest_create([parsed[index] for index in pending.values()])
        if events is None:
            _logger.info("Concurrent event batch; storing its events one by one")
            events = [self._ingest_create([parsed[index]]) for index in pending.values()]
            refused = [key for key, event in zip(pending, events, strict=True) if event is None]
            existing = self._ingest_existing(refused)  # their ids, where this cursor sees them
            for key in refused:
                index = pending.pop(key)
                results[index] = {"index": index, "status": "duplicate"}
                if key in existing:
                    results[index]["id"] = existing[key]
            events = [event for event in events if event is not None]
        for index, event in zip(pending.values(), events, strict=True):
            results[index] = {"index": index, "status": "accepted", "id": event.id}

    def _ingest_create(self, vals_list):
        """Create events in a savepoint; None when one of them already exists.

        ``mute_logger``: the cursor logs every failed query as an ERROR, and
        a refused duplicate is an answer here, not a failure (Odoo mutes
        expected unique violations the same way, e.g. in product variants).
        """
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self.create(vals_list)
        except errors.UniqueViolation as error:
            if error.diag.constraint_name != f"{self._table}_source_external_id_uniq":
                raise
            return None

    def _ingest_existing(self, keys):
        if not keys:
            return {}
        # raw SQL: the sender's own events, whatever record rules show it
        self.env.cr.execute(
            """SELECT source, external_id, id FROM customer_event
                WHERE create_uid = %s AND (source, external_id) IN %s""",
            [self.env.uid, tuple(keys)],
        )
        return {(source, ext): event_id for source, ext, event_id in self.env.cr.fetchall()}
