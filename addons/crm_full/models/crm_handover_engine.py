# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import Command, api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .crm_recipient import recipient_env

# who belongs to a team, on crm.team and on other addons' teams (service desk: leader_id)
TEAM_MEMBER_FIELDS = ("member_ids", "user_id", "leader_id")


class CrmHandover(models.Model):
    _inherit = "crm.handover"

    # ------------------------------------------------------------
    # KINDS AND CHECKS
    # ------------------------------------------------------------
    @api.model
    def _handover_allowed_kinds(self):
        """The kinds the running user may hand over: their addon's manager group."""
        kinds = [
            kind
            for kind in self.env["res.users"]._handover_kinds()
            if kind["model"] in self.env
            and (not kind.get("groups") or self.env.user.has_groups(kind["groups"]))
        ]
        return sorted(kinds, key=lambda kind: kind.get("sequence", 100))

    @api.model
    def _handover_check(self, source, targets, kinds):
        """Refuse before anything moves, with a message that says what to fix."""
        _ = self.env._
        if not [kind for kind in kinds if not kind.get("system")]:
            raise AccessError(_("Only sales or service managers hand a book over."))
        if not source:
            raise UserError(_("Choose whose book to hand over."))
        if not targets:
            raise UserError(_("Choose who takes the book over."))
        if source in targets:
            raise UserError(_("%s cannot hand their book over to themselves.", source.name))
        for target in targets:
            if not target.active:
                raise UserError(_("%s is archived: choose an active user.", target.name))
            if target.share:
                raise UserError(_("%s is a portal user: choose an internal user.", target.name))
            if self.env.company not in target.company_ids:
                raise UserError(
                    _(
                        "%(user)s does not work for %(company)s: choose a user of this company.",
                        user=target.name,
                        company=self.env.company.name,
                    )
                )

    # ------------------------------------------------------------
    # COLLECT
    # ------------------------------------------------------------
    @api.model
    def _handover_collect(self, source, kinds):
        """``[(kind, records, hidden)]``: the records of ``source`` of each kind that the
        running manager may read, in the current company, and how many they may not
        (those stay where they are: nobody hands over what they cannot see)."""
        found = []
        for kind in kinds:
            Model = self.env[kind["model"]]
            domain = getattr(source, kind["domain"])()
            if "company_id" in Model._fields:
                domain = expression.AND(
                    [domain, [("company_id", "in", [self.env.company.id, False])]]
                )
            if kind.get("system"):
                # an outbox is the system's: nobody reads it, it follows the rest
                found.append((kind, Model.sudo().search(domain), 0))
                continue
            records = Model.search(domain)
            hidden = Model.sudo().search_count(domain) - len(records)
            found.append((kind, records, hidden))
        return found

    @api.model
    def _handover_preview(self, source, leads_to_pool=False):
        """Counts per kind before anything moves: ``[{key, label, count, hidden}]``."""
        if not source:
            return []
        return [
            {
                "key": kind["key"],
                "label": kind["label"],
                "count": len(records),
                "hidden": hidden,
                "pool": leads_to_pool and kind["key"] == "lead",
            }
            for kind, records, hidden in self._handover_collect(
                source, self._handover_allowed_kinds()
            )
        ]

    # ------------------------------------------------------------
    # PLAN: who gets what
    # ------------------------------------------------------------
    @api.model
    def _handover_plan(self, kind, records, targets, split, owners, counter):
        """``{target: [ids]}``. With the team split, a record goes to a target of its
        team first; else it follows its customer or document when that went to
        someone already (the account stays in one hand); else the next target in turn.

        :param owners: ``{(model, id): target}`` of what earlier kinds gave, updated
        :param counter: one-item list, the round-robin position shared by the kinds
        """
        plan = defaultdict(list)
        team_field, partner_field = kind.get("team"), kind.get("partner")
        activity_field = kind.get("activities")
        for record in records:
            target = None
            if split == "team" and team_field:
                team = record[team_field]
                members = self.env["res.users"].union(
                    *(team[name] for name in TEAM_MEMBER_FIELDS if name in team._fields)
                )
                target = next((user for user in targets if user in members), None)
            if not target and partner_field:
                partner = record[partner_field].commercial_partner_id
                target = owners.get(("res.partner", partner.id))
            elif not target and kind["model"] == "mail.activity":
                target = owners.get(("mail.activity", record.id)) or owners.get(
                    (record.res_model, record.res_id)
                )
            if not target:
                target = targets[counter[0] % len(targets)]
                counter[0] += 1
            plan[target].append(record.id)
            owners[(record._name, record.id)] = target
            # to-dos that belong to the record rather than to its document (an
            # approver's to-do is on the order) go where the record went
            for activity in record[activity_field] if activity_field else ():
                owners[("mail.activity", activity.id)] = target
        return plan

    # ------------------------------------------------------------
    # RUN
    # ------------------------------------------------------------
    @api.model
    def _handover_run(self, source, targets, split="round_robin", leads_to_pool=False):
        """Hand ``source``'s book to ``targets`` in this transaction and return the
        audit record. One write per kind and target; lifecycle and history untouched."""
        kinds = self._handover_allowed_kinds()
        self._handover_check(source, targets, kinds)
        owners, counter, lines = {}, [0], []
        for kind, records, _hidden in self._handover_collect(source, kinds):
            if not records:
                continue
            if leads_to_pool and kind["key"] == "lead":
                # the pool's own release: reason, previous owner and pool log kept
                records._pool_release(self.env._("Hand-over"))
                lines.append(self._handover_line_vals(kind, records, False))
                continue
            plan = self._handover_plan(kind, records, targets, split, owners, counter)
            for target, ids in plan.items():
                moved = records.browse(ids)
                # sudo: the manager's group allowed the kind and the records were found
                # as them; approval steps and activities are not theirs to write
                getattr(source.sudo(), kind["apply"])(moved.sudo(), target)
                lines.append(self._handover_line_vals(kind, moved, target))
        handover = self.sudo().create(
            {
                "user_id": self.env.uid,
                "source_user_id": source.id,
                "target_user_ids": targets.ids,
                "split": split,
                "leads_to_pool": leads_to_pool,
                "company_id": self.env.company.id,
                "total_count": sum(line["count"] for line in lines),
                "line_ids": [Command.create(vals) for vals in lines],
            }
        )
        handover._handover_notify()
        return handover.sudo(False)

    @api.model
    def _handover_line_vals(self, kind, records, target):
        return {
            "sequence": kind.get("sequence", 100),
            "kind": kind["key"],
            "kind_label": kind["label"],
            "res_model": records._name,
            "target_user_id": target.id if target else False,
            "count": len(records),
            "res_ids": records.ids,
        }

    # ------------------------------------------------------------
    # NOTIFY: one digest per new owner, in their language
    # ------------------------------------------------------------
    def _handover_notify(self):
        self.ensure_one()
        per_target = defaultdict(lambda: defaultdict(int))
        for line in self.line_ids.filtered("target_user_id"):
            per_target[line.target_user_id][line.kind] += line.count
        for target, counts in per_target.items():
            env = recipient_env(self.env, target)
            labels = {kind["key"]: kind["label"] for kind in env["res.users"]._handover_kinds()}
            items = Markup("").join(
                Markup("<li>%s: %s</li>") % (labels.get(key, key), count)
                for key, count in counts.items()
            )
            intro = env._(
                "%(leaver)s's book was handed over to you by %(manager)s:",
                leaver=self.source_user_id.name,
                manager=self.user_id.name,
            )
            body = Markup("<p>%s</p><ul>%s</ul>") % (escape(intro), items)
            # mail.thread: the digest belongs to no single record, and the new owner
            # may not read the audit record
            self.env["mail.thread"].with_context(
                lang=target.lang, mail_notify_force_send=False
            ).message_notify(
                partner_ids=target.partner_id.ids,
                subject=env._("You took over %s's book", self.source_user_id.name),
                body=body,
                email_layout_xmlid="mail.mail_notification_light",
            )
