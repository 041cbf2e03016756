# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a leaving user's book is made of, kind by kind (离职交接).

``res.users._handover_kinds()`` is the extension point: every addon that owns
records of a user adds its descriptors with ``super()``, without depending on
crm_full (service_desk adds tickets, dingtalk_connector its outbox). A descriptor
is a dict:

``key``       unique technical name of the kind
``label``     what the preview and the audit record call it (translated)
``model``     the model of the records
``domain``    name of a ``res.users`` method: ``user._m()`` -> the domain of ``user``'s records
``apply``     name of a ``res.users`` method: ``source._m(records, target)`` gives
              ``records`` to ``target`` (res.users) in one set-based write; called
              once per target and kind, as the superuser
``groups``    who may hand this kind over (comma-separated xmlids; empty: whoever
              runs a hand-over)
``team``      optional field of the record holding its team; the team split gives
              the record to a target among that team's ``member_ids``/``user_id``
``partner``   optional field of the record holding its customer: the record goes
              to whoever took that customer in the same hand-over
``activities`` optional field of the record holding to-dos that go with it (an
              approver's to-dos are on the order, not on the step)
``system``    optional: the records are the system's (an outbox), collected as the
              superuser rather than as the manager running the hand-over
``sequence``  order in the preview
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

# Odoo's own per-record notifications stay quiet: the new owner gets one digest.
# mail_notrack: the hand-over record is the trace, a tracking message per record
# is what makes a per-record loop slow.
HANDOVER_CONTEXT = {
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_quick_update": True,
    "handover": True,
}


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _handover_kinds(self):
        # the first addon of the chain starts from none: no addon depends on another here
        kinds = getattr(super(), "_handover_kinds", lambda: [])()
        return [
            *kinds,
            {
                "key": "customer",
                "label": self.env._("Customers"),
                "model": "res.partner",
                "domain": "_handover_customer_domain",
                "apply": "_handover_write_user",
                "groups": "sales_team.group_sale_manager",
                "sequence": 10,
            },
            {
                "key": "lead",
                "label": self.env._("Open leads and opportunities"),
                "model": "crm.lead",
                "domain": "_handover_lead_domain",
                "partner": "partner_id",
                "apply": "_handover_apply_lead",
                "groups": "sales_team.group_sale_manager",
                "team": "team_id",
                "sequence": 20,
            },
            {
                "key": "quotation",
                "label": self.env._("Draft and sent quotations"),
                "model": "sale.order",
                "domain": "_handover_quotation_domain",
                "partner": "partner_id",
                "apply": "_handover_write_user",
                "groups": "sales_team.group_sale_manager",
                "team": "team_id",
                "sequence": 30,
            },
            {
                "key": "payment_plan",
                "label": self.env._("Orders with payments to collect"),
                "model": "sale.order",
                "domain": "_handover_payment_plan_domain",
                "partner": "partner_id",
                "apply": "_handover_write_user",
                "groups": "sales_team.group_sale_manager",
                "team": "team_id",
                "sequence": 40,
            },
            {
                "key": "followup",
                "label": self.env._("Follow-up next steps"),
                "model": "crm.followup",
                "domain": "_handover_followup_domain",
                "partner": "partner_id",
                "apply": "_handover_write_user",
                "groups": "sales_team.group_sale_manager",
                "sequence": 50,
            },
            {
                "key": "approval",
                "label": self.env._("Approval steps waiting on them"),
                "model": "crm.approval.request",
                "domain": "_handover_approval_domain",
                "apply": "_handover_apply_approval",
                "activities": "activity_ids",
                "groups": "sales_team.group_sale_manager",
                "sequence": 60,
            },
            {
                "key": "activity",
                "label": self.env._("Pending activities"),
                "model": "mail.activity",
                "domain": "_handover_activity_domain",
                "apply": "_handover_apply_activity",
                "groups": "sales_team.group_sale_manager",
                "sequence": 90,
            },
        ]

    # ------------------------------------------------------------
    # DOMAINS: the records of ``self`` (the leaving user), one kind each
    # ------------------------------------------------------------
    def _handover_customer_domain(self):
        return [("user_id", "=", self.id)]

    def _handover_lead_domain(self):
        # open: neither won nor lost (lost ones are archived, out of the default search)
        return [("user_id", "=", self.id), ("stage_id.is_won", "=", False)]

    def _handover_quotation_domain(self):
        return [("user_id", "=", self.id), ("state", "in", ("draft", "sent"))]

    def _handover_payment_plan_domain(self):
        # crm.payment.plan.user_id is its order's salesperson (stored related): the
        # collection reminders follow the order, so the order moves, only while money is due
        return [
            ("user_id", "=", self.id),
            ("state", "=", "sale"),
            ("payment_plan_ids.state", "in", ("planned", "partial", "overdue")),
        ]

    def _handover_followup_domain(self):
        return [
            ("user_id", "=", self.id),
            ("next_step", "!=", False),
            "|",
            ("next_date", "=", False),
            ("next_date", ">=", fields.Date.context_today(self)),
        ]

    def _handover_approval_domain(self):
        return [("approver_ids", "in", self.ids), ("state", "in", ("waiting", "pending"))]

    def _handover_activity_domain(self):
        return [("user_id", "=", self.id)]

    # ------------------------------------------------------------
    # APPLY: one set-based write per kind and target
    # ------------------------------------------------------------
    def _handover_write_user(self, records, target):
        """Give ``records`` to ``target``: their ``user_id`` in one write."""
        records.with_context(**HANDOVER_CONTEXT).write({"user_id": target.id})

    def _handover_apply_lead(self, leads, target):
        """Leads keep a team the target belongs to, else take the target's team.

        The team goes in the same write: crm recomputes it from the new owner one lead
        at a time, with a query each (``_get_default_team_id``), the per-record cost
        this avoids.
        """
        keep = leads.filtered(lambda lead: target in lead.team_id.member_ids | lead.team_id.user_id)
        self._handover_write_user(keep, target)
        moved = leads - keep
        if moved:
            team = self.env["crm.team"]._get_default_team_id(user_id=target.id)
            moved.with_context(**HANDOVER_CONTEXT).write({"user_id": target.id, "team_id": team.id})

    def _handover_apply_approval(self, requests, target):
        """The target decides in the leaver's place: swapped in every open step at once.
        Their approver to-dos are pending activities, moved with that kind."""
        requests.with_context(**HANDOVER_CONTEXT).write(
            {"approver_ids": [Command.unlink(self.id), Command.link(target.id)]}
        )

    def _handover_apply_activity(self, activities, target):
        """Activities in one UPDATE: ``mail.activity.write`` subscribes the new
        assignee to each document one by one and notifies each activity; here the
        assignee follows every document of a model in one call, and hears once, from
        the digest."""
        if not activities:
            return
        activities.flush_recordset()
        self.env.cr.execute(
            "UPDATE mail_activity SET user_id = %s, write_uid = %s, write_date = %s"
            " WHERE id = ANY(%s)",
            [target.id, self.env.uid, fields.Datetime.now(), activities.ids],
        )
        activities.invalidate_recordset(["user_id", "write_uid", "write_date"])
        # user_id is stored on mail.activity only; nothing else derives from it
        for model, ids in activities.grouped("res_model").items():
            documents = self.env[model].browse(set(ids.mapped("res_id"))).exists()
            if hasattr(documents, "message_subscribe"):
                documents.message_subscribe(partner_ids=target.partner_id.ids)

    # ------------------------------------------------------------
    # ARCHIVE: offer the hand-over instead of leaving orphans
    # ------------------------------------------------------------
    def action_archive(self):
        """Archiving (the UI's button) a user who still owns records opens the
        hand-over wizard, which archives them once their book is handed over.

        Only this action asks: ``write({"active": False})`` stays free for system
        code (imports, the DingTalk sync, tests), which decides for itself.
        """
        if self.env.context.get("handover_done"):
            return super().action_archive()
        owners = self.filtered(lambda user: user.active and user._handover_owns_records())
        if not owners:
            return super().action_archive()
        if len(owners) > 1:
            # a hand-over takes one leaver; archiving several at once keeps Odoo's own
            # behaviour (its mail module reassigns their activities), as Odoo's tests expect
            return super().action_archive()
        kinds = self.env["crm.handover"]._handover_allowed_kinds()
        if not [kind for kind in kinds if not kind.get("system")]:
            raise UserError(
                self.env._(
                    "%s still owns customers, leads or tickets: ask a sales or service "
                    "manager to hand their book over before archiving.",
                    owners.name,
                )
            )
        (self - owners).with_context(handover_done=True).action_archive()
        return owners._handover_action(archive=True)

    def _handover_owns_records(self):
        """Whether any kind still holds a record of ``self`` (as the system: an
        archivist who sees none of them must not orphan them either)."""
        self.ensure_one()
        for kind in self._handover_kinds():
            if kind["model"] not in self.env:
                continue
            if (
                self.env[kind["model"]]
                .sudo()
                .search_count(getattr(self, kind["domain"])(), limit=1)
            ):
                return True
        return False

    def _handover_action(self, archive=False):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Over a Book"),
            "res_model": "crm.handover.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_source_user_id": self.id,
                "default_archive_source": archive,
            },
        }
