# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import threading
from collections import Counter, defaultdict
from datetime import timedelta

from markupsafe import Markup, escape
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import mute_logger

from ..tools.assignment import distribute
from .crm_recipient import recipient_env

_logger = logging.getLogger(__name__)

SKIP_CONTEXT = "crm_full_no_rule_assignment"  # imports of history, fixtures, benchmarks
ASSIGN_CONTEXT = "crm_full_rule_assignment"  # set only by _assignment_apply
DIGEST_LEADS = 10  # leads named in a salesperson's digest; the rest are counted


class CrmLead(models.Model):
    _inherit = "crm.lead"

    assignment_rule_id = fields.Many2one(
        "crm.assignment.rule",
        "Assigned by Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # Runs before the pool's create (see models/__init__.py): what a rule takes
        # never enters the pool; what no rule takes is left for it.
        leads = super().create(vals_list)
        # Before the rules: a duplicate (撞单) goes to the owner of its original.
        leads._flag_duplicates()
        # Honoured in sudo only: a context key can come over RPC.
        if not (self.env.su and self.env.context.get(SKIP_CONTEXT)):
            leads.filtered(
                lambda lead: not lead.user_id and not lead.in_pool and lead.active
            )._assignment_apply()
        return leads

    def _check_company(self, fnames=None):
        # The rule's team and members were checked against its company when it was
        # saved (and its company domain picks the leads); checking again lead by lead
        # only costs time. Honoured in sudo only: a context key can come over RPC.
        if self.env.su and self.env.context.get(ASSIGN_CONTEXT):
            return
        super()._check_company(fnames)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------
    def action_assignment_preview(self):
        self.ensure_one()
        preview = self.env["crm.assignment.preview"].create({"lead_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assignment Preview"),
            "res_model": "crm.assignment.preview",
            "res_id": preview.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------
    # ASSIGNMENT
    # ------------------------------------------------------------
    def _assignment_candidate_domain(self):
        """Leads of ``self`` a rule may still take: unowned and open."""
        return [("id", "in", self.ids), ("user_id", "=", False), ("active", "=", True)]

    def _assignment_open_domain(self, users):
        """What counts as an open lead held, for the caps and the balanced method."""
        return [
            ("user_id", "in", users),
            ("active", "=", True),
            "|",
            ("stage_id", "=", False),
            ("stage_id.is_won", "=", False),
        ]

    def _assignment_match(self, rules):
        """{rule: lead ids it matches}: one query per rule, whatever the number of leads."""
        Lead = self.sudo().with_context(active_test=False)
        base = self._assignment_candidate_domain()
        return {
            rule: Lead._search(
                expression.AND([base, rule._get_company_domain(), rule._get_lead_domain()]),
                order="id",
            ).get_result_ids()
            for rule in rules
        }

    def _assignment_loads(self, rules):
        members = list({user for rule in rules for user in rule._get_members()})
        if not members:
            return {}
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(self._assignment_open_domain(members), ["user_id"], ["__count"])
        )
        return {user.id: count for user, count in groups}

    def _assignment_plan(self, rules, skip=(), held=None):
        """Decide, without writing, which rule and member take each lead of ``self``
        (but those of ``skip``); nobody gets a lead they released during its cooldown.

        :param held: {user id: open leads} they get in this batch outside the rules
            (duplicates), counted in their load as if already written
        :return: ({lead id: (rule, user id)}, {rule: last user id})
        """
        matches = self._assignment_match(rules)
        loads = self._assignment_loads(rules)
        for user_id, count in (held or {}).items():
            loads[user_id] = loads.get(user_id, 0) + count
        excluded = self._assignment_cooldowns()
        plan, positions, taken = {}, {}, set(skip)
        for rule in rules:
            lead_ids = [lead_id for lead_id in matches[rule] if lead_id not in taken]
            given, last = distribute(
                lead_ids,
                rule._get_members(),
                loads,
                rule.method,
                cap=rule.max_open_leads,
                last_member=rule.last_user_id.id,
                excluded=excluded,
            )
            for lead_id, user_id in given.items():
                plan[lead_id] = (rule, user_id)
            taken.update(given)
            if given:
                positions[rule] = last
        return plan, positions

    def _assignment_apply(self):
        """Give leads of ``self`` to the members of the first rule that takes each one.

        Set-based: one query per rule to match, one to count open leads, then one
        write per (rule, salesperson) and one digest message per salesperson,
        however many leads the batch holds.

        :return: the leads no rule took (they stay unowned, for the pool)
        """
        if not self:
            return self
        rules = self.env["crm.assignment.rule"]._get_active_rules()
        if not rules:
            return self
        to_owners = self._assignment_duplicates()
        held = Counter(owner for owner in to_owners.values() if owner)
        plan, positions = self._assignment_plan(rules, skip=to_owners, held=held)
        given = self._assignment_give_duplicates(to_owners)
        if not plan:
            return self - given
        pooled_ids = set(self.filtered("in_pool").ids)
        users = self.env["res.users"].sudo().browse({user_id for _rule, user_id in plan.values()})
        groups = defaultdict(list)
        for lead in self.browse(plan):
            rule, user_id = plan[lead.id]
            company = self._assignment_company(lead, rule, users.browse(user_id))
            groups[rule, user_id, company].append(lead.id)
        # sudo: server-side rule, the web-form or e-mail author may not write others'
        # leads; pooled leads are written with in_pool, so the pool sees a rule's move.
        # mail_notrack: the rule on the lead is the trace, one tracking message per
        # lead is what makes Odoo's assignment slow.
        Lead = (
            self.sudo()
            .with_context(mail_notrack=True, mail_auto_subscribe_no_notify=True)
            .with_context(**{ASSIGN_CONTEXT: True})
        )
        for (rule, user_id, company), lead_ids in groups.items():
            vals = {
                "user_id": user_id,
                "team_id": rule.team_id.id,
                "assignment_rule_id": rule.id,
                "company_id": company,
            }
            if pooled_ids.intersection(lead_ids):
                vals.update(in_pool=False, pool_date=False, pool_reminded=False)
            Lead.browse(lead_ids).write(vals)
        self._assignment_log_pooled(plan, pooled_ids)
        rules._save_positions(positions)
        self._assignment_notify(plan)
        return self - self.browse(plan) - given

    def _assignment_cooldowns(self):
        """{lead id: {user id}}: who released a lead of ``self`` less than their
        team's cooldown ago, and may not get it back from the rules either."""
        self.flush_model(["previous_user_id"])
        self.env["crm.pool.log"].flush_model(["lead_id", "action", "date"])
        self.env.cr.execute(
            """SELECT l.id, l.previous_user_id, max(g.date)
                 FROM crm_lead l
                 JOIN crm_pool_log g ON g.lead_id = l.id AND g.action = 'release'
                WHERE l.id = ANY(%s) AND l.previous_user_id IS NOT NULL
             GROUP BY l.id, l.previous_user_id""",
            [self.ids],
        )
        rows = self.env.cr.fetchall()
        now, company = fields.Datetime.now(), self.env.company
        users = self.env["res.users"].sudo().browse({user_id for _l, user_id, _d in rows})
        days = {
            user.id: user.sale_team_id._pool_setting("pool_cooldown_days", company)
            for user in users
        }
        return {
            lead_id: {user_id}
            for lead_id, user_id, released in rows
            if released > now - timedelta(days=days[user_id])
        }

    def _assignment_duplicates(self):
        """{lead id: owner id} for duplicates (撞单) of a lead someone owns: they go to
        that owner, never to another salesperson by the rules. A duplicate its owner
        released during the cooldown maps to False: it stays in the pool, where only
        they may claim it.

        The rules' cap on open leads does not stop a duplicate: the customer is already
        the owner's (报备保护, first registrant keeps it), and handing it to a colleague
        or the pool because the owner is busy would put two salespeople on one customer,
        the very conflict the 撞单 check prevents. Like the pool's managers' assignments,
        this bypasses the cap; the duplicate then counts in the owner's open leads, so
        the rules give them fewer new leads, in this batch (``held``) and later.
        """
        dups = self.sudo().filtered(
            lambda lead: lead.duplicate_of_id.user_id.active and not lead.user_id
        )
        if not dups:
            return {}
        cooldowns = dups._assignment_cooldowns()
        return {
            lead.id: owner.id if owner.id not in cooldowns.get(lead.id, ()) else False
            for lead in dups
            for owner in [lead.duplicate_of_id.user_id]
        }

    def _assignment_give_duplicates(self, to_owners):
        """Give each duplicate to the owner of its original, one write per owner and team;
        :return: the leads given"""
        to_owners = {lead_id: owner for lead_id, owner in to_owners.items() if owner}
        given = self.browse(to_owners)
        if not given:
            return given
        Lead = given.sudo().with_context(mail_notrack=True)
        pooled_ids = set(given.filtered("in_pool").ids)
        groups = defaultdict(list)
        for lead in Lead:
            team = lead.duplicate_of_id.team_id or lead.duplicate_of_id.user_id.sale_team_id
            groups[to_owners[lead.id], team.id].append(lead.id)
        for (user_id, team_id), lead_ids in groups.items():
            Lead.browse(lead_ids).write(
                {
                    "user_id": user_id,
                    "team_id": team_id,
                    "assignment_rule_id": False,
                    "in_pool": False,
                    "pool_date": False,
                    "pool_reminded": False,
                }
            )
        self._assignment_log_pooled(
            {lead_id: (None, to_owners[lead_id]) for lead_id in pooled_ids}, pooled_ids
        )
        Lead._pool_digest(
            lambda lead: lead.user_id,
            lambda env, count: env._("%s duplicate leads given to you", count),
            lambda env: env._("These leads duplicate (撞单) leads you own and were given to you:"),
        )
        return given

    def _assignment_company(self, lead, rule, user):
        """The company crm's ``_compute_company_id`` would give, decided once per group.

        Written with the owner so that the ORM does not recompute it lead by lead:
        the team's company, else the lead's, else the salesperson's.
        """
        company = rule.team_id.company_id or lead.company_id
        if not company:
            current = self.env.company
            company = current if current in user.company_ids else user.company_id
        return company.id

    def _assignment_log_pooled(self, plan, pooled_ids):
        now = fields.Datetime.now()
        self.env["crm.pool.log"].sudo().create(
            [
                {"lead_id": lead_id, "user_id": plan[lead_id][1], "action": "assign", "date": now}
                for lead_id in sorted(pooled_ids.intersection(plan))
            ]
        )

    def _assignment_notify(self, plan):
        """One digest per salesperson for the whole batch, never one message per lead."""
        per_user = defaultdict(list)
        for lead_id, (rule, user_id) in plan.items():
            per_user[user_id].append((lead_id, rule))
        Users = self.env["res.users"].sudo()
        for user_id, items in per_user.items():
            user = Users.browse(user_id)
            rule = items[0][1]
            env = recipient_env(self.env, user)
            leads = self.browse([lead_id for lead_id, _rule in items]).sudo()
            # Queued, not sent inside the batch: the mail cron sends it after the commit.
            rule.with_env(env).with_context(mail_notify_force_send=False).message_notify(
                partner_ids=user.partner_id.ids,
                subject=env._("%s new leads assigned to you", len(leads)),
                body=self.with_env(env)._assignment_digest_body(leads, {r for _l, r in items}),
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _assignment_digest_body(self, leads, rules):
        shown = leads[:DIGEST_LEADS]
        items = Markup("").join(Markup("<li>%s</li>") % lead._get_html_link() for lead in shown)
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "Assignment rules (%(rules)s) gave you %(count)s new leads:",
                rules=", ".join(sorted(rule.name for rule in rules)),
                count=len(leads),
            ),
            items,
        )
        if len(leads) > len(shown):
            body += Markup("<p>%s</p>") % escape(
                self.env._("… and %s more in your pipeline.", len(leads) - len(shown))
            )
        return body

    # ------------------------------------------------------------
    # PREVIEW
    # ------------------------------------------------------------
    def _assignment_explain(self):
        """Which rule would take this lead now, to whom, and why earlier rules did not.

        :return: (rule or empty, user or empty, list of sentences)
        """
        self.ensure_one()
        Rule = self.env["crm.assignment.rule"]
        rules = Rule._get_active_rules()
        if not rules:
            return (
                Rule,
                self.env["res.users"],
                [self.env._("No assignment rule is active: Odoo's own team assignment applies.")],
            )
        # Evaluate as if the lead were new and unowned, whoever holds it now, but as the
        # user: rule conditions on what they may not read do not match for them.
        original = self.sudo().duplicate_of_id
        owner = original.user_id
        if owner.active:
            return (
                Rule,
                owner,
                [
                    self.env._(
                        "It duplicates (撞单) %(lead)s: it goes to its owner %(user)s, "
                        "whatever the rules and their caps.",
                        lead=original.name
                        if original.with_env(self.env).has_access("read")
                        else self.env._("another salesperson's lead"),
                        user=owner.name,
                    )
                ],
            )
        lines = []
        loads = self._assignment_loads(rules)
        Lead = self.env["crm.lead"].with_context(active_test=False)
        for rule in rules:
            domain = expression.AND(
                [[("id", "=", self.id)], rule._get_company_domain(), rule._get_lead_domain()]
            )
            if not Lead.search_count(domain):
                lines.append(
                    self.env._(
                        "%(rule)s: does not match (%(why)s).",
                        rule=rule.name,
                        why=self._assignment_unmet(rule),
                    )
                )
                continue
            members = rule._get_members()
            given, _last = distribute(
                [self.id],
                members,
                dict(loads),
                rule.method,
                cap=rule.max_open_leads,
                last_member=rule.last_user_id.id,
            )
            if not given:
                if members:
                    why = self.env._(
                        "matches, but every member already holds %s open leads", rule.max_open_leads
                    )
                else:
                    why = self.env._("matches, but has no active member")
                lines.append(self.env._("%(rule)s: %(why)s.", rule=rule.name, why=why))
                continue
            user = self.env["res.users"].browse(given[self.id])
            method = dict(rule._fields["method"]._description_selection(self.env))[rule.method]
            lines.append(
                self.env._(
                    "%(rule)s takes it: %(user)s (team %(team)s, %(method)s, %(load)s open leads held).",
                    rule=rule.name,
                    user=user.name,
                    team=rule.team_id.name,
                    method=method,
                    load=loads.get(user.id, 0),
                )
            )
            return rule, user, lines
        if self._pool_enabled():
            lines.append(self.env._("No rule takes it: it goes to the public pool."))
        else:
            lines.append(self.env._("No rule takes it: it waits for Odoo's own team assignment."))
        return Rule, self.env["res.users"], lines

    def _assignment_unmet(self, rule):
        """The conditions of ``rule`` this lead fails, in words, when they are simple ANDs."""
        domain = rule._get_company_domain() + rule._get_lead_domain()
        if any(not isinstance(term, list | tuple) and term != "&" for term in domain):
            return self.env._("its conditions are not met")
        failed = []
        for term in domain:
            if isinstance(term, str):
                continue
            try:
                met = self.filtered_domain([term])
            except AccessError:
                met = False
            if not met:
                failed.append(self._assignment_describe(term))
        return "; ".join(failed) or self.env._("its conditions are not met")

    def _assignment_describe(self, term):
        """One condition in words: field labels along the path, record names for ids."""
        path, operator, value = term
        names, model, field = [], self, None
        for name in path.split("."):
            field = model._fields.get(name)
            if field is None:
                return f"{path} {operator} {value!r}"
            names.append(field._description_string(self.env))
            if field.relational:
                model = self.env[field.comodel_name]
        ids = [value] if isinstance(value, int) else value
        if field.relational and isinstance(ids, list | tuple):
            # False in an "in" list means "no value": name it instead of browsing it.
            records = model.sudo().browse(i for i in ids if type(i) is int).exists()
            value = ", ".join([*records.mapped("display_name"), *(["∅"] if False in ids else [])])
        return f"{' › '.join(names)} {operator} {value}"

    # ------------------------------------------------------------
    # POOL CRON
    # ------------------------------------------------------------
    @api.model
    def _cron_assignment_pool(self, batch_size=1000):
        """Give pool leads to the rules in batches, committing each batch.

        Two runs at once never take the same lead: each batch locks its rows with
        ``FOR UPDATE SKIP LOCKED``. A partial commit is safe: every batch is whole.
        """
        if not self.env["crm.assignment.rule"]._get_active_rules():
            return 0
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        after_id, assigned = 0, 0
        while True:
            batch, after_id = self._assignment_pool_batch(batch_size, after_id)
            if batch is None:
                break
            assigned += batch
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit  # batch cron, see docstring
        _logger.info("Assignment rules took %s pool leads", assigned)
        return assigned

    @api.model
    def _assignment_pool_batch(self, batch_size, after_id=0):
        """Lock the next ``batch_size`` free pool leads after ``after_id`` and assign them.

        :return: (number assigned, last id seen), or (None, after_id) when nothing is left
        """
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """SELECT id FROM crm_lead
                        WHERE in_pool AND active AND user_id IS NULL AND id > %s
                     ORDER BY id LIMIT %s
                          FOR UPDATE SKIP LOCKED""",
                    [after_id, batch_size],
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except errors.SerializationFailure:
            # Another run changed these rows after our snapshot: it has them, stop here.
            return None, after_id
        if not ids:
            return None, after_id
        leads = self.browse(ids)
        leads.invalidate_recordset(["user_id", "in_pool"])
        left = leads._assignment_apply()
        return len(leads) - len(left), ids[-1]
