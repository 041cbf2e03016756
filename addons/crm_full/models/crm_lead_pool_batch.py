# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import models

from .crm_recipient import recipient_env

DIGEST_LEADS = 10  # leads named in a digest; the rest are counted


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _pool_batches(self, select_batch):
        """Run ``select_batch()`` until it returns nothing, committing after each batch
        outside tests: a crash loses one batch, and locks are held one batch long.

        :return: every lead the batches handled
        """
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        done_ids = []
        while True:
            batch = select_batch()
            if not batch:
                break
            done_ids.extend(batch.ids)
            # The next select is raw SQL: it must see this batch's writes.
            self.env.flush_all()
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit  # batch cron
        return self.browse(done_ids)

    def _pool_locked_ids(self, query, params):
        """Ids of a ``FOR UPDATE SKIP LOCKED`` select: rows another run holds are left to it."""
        self.env.cr.execute(query, params)
        return [row[0] for row in self.env.cr.fetchall()]

    def _pool_schedule(self, user_of, summary_of, note_of, deadline_of):
        """One activity per lead, created at once, without the e-mail Odoo sends per
        activity: each user gets one digest per batch instead (``_pool_digest``).

        ``summary_of``/``note_of``/``deadline_of`` get the lead in its user's language
        and time zone: write texts with ``lead.env._``.
        """
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("crm.lead")
        vals_list = []
        for lead in self:
            user = user_of(lead)
            local = lead.with_env(recipient_env(self.env, user))
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": lead.id,
                    "activity_type_id": todo.id,
                    "user_id": user.id,
                    "summary": summary_of(local),
                    "note": note_of(local),
                    "date_deadline": deadline_of(local),
                }
            )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )

    def _pool_digest(self, user_of, subject_of, intro_of):
        """One message per user for the leads of ``self`` that concern them, in that
        user's language: ``subject_of(env, count)`` and ``intro_of(env)``."""
        per_user = defaultdict(list)
        for lead in self:
            per_user[user_of(lead)].append(lead.id)
        for user, lead_ids in per_user.items():
            env = recipient_env(self.env, user)
            leads = self.browse(lead_ids).with_env(env)
            body = Markup("<p>%s</p>") % intro_of(env) + leads._pool_digest_list()
            self._pool_digest_send(user, subject_of(env, len(leads)), body)

    def _pool_digest_list(self, label_of=None):
        """The leads of ``self`` as links, the first ``DIGEST_LEADS`` named, the rest counted.

        :param label_of: optional lead -> text shown after the link
        """
        shown = self[:DIGEST_LEADS]
        items = Markup("").join(
            Markup("<li>%s</li>") % lead._get_html_link()
            if not label_of
            else Markup("<li>%s (%s)</li>") % (lead._get_html_link(), label_of(lead))
            for lead in shown
        )
        body = Markup("<ul>%s</ul>") % items
        if len(self) > len(shown):
            body += Markup("<p>%s</p>") % escape(
                self.env._("… and %s more.", len(self) - len(shown))
            )
        return body

    def _pool_digest_send(self, user, subject, body):
        # mail.thread: a digest belongs to no single lead.
        self.env["mail.thread"].with_context(
            lang=user.lang, mail_notify_force_send=False
        ).message_notify(
            partner_ids=user.partner_id.ids,
            subject=subject,
            body=body,
            email_layout_xmlid="mail.mail_notification_light",
        )
