# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.local_dates import company_today, company_tz, utc_range
from .crm_recipient import recipient_env

# Exports that count towards the daily threshold: the customer data a leaving
# salesperson would take (数据归属于企业). Report rows are logged, not counted.
THRESHOLD_MODELS = ("res.partner", "crm.lead", "sale.order")


class CrmExportLog(models.Model):
    """One export of customer data (导出审计): who took which records and fields.

    Written by the system only: the export hooks create it through ``sudo()``;
    no user may create, change or delete a line (the ACL gives managers read).
    One line per model and field list per transaction: a grouped export reads
    each group separately and still makes one line.
    """

    _name = "crm.export.log"
    _description = "Export Log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "res_model"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", "Exported By", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    res_model = fields.Char("Model", required=True, readonly=True, index=True)
    model_name = fields.Char("Document", compute="_compute_model_name")
    record_count = fields.Integer("Records", readonly=True)
    field_names = fields.Text("Fields", readonly=True)
    source = fields.Selection(
        [("export", "Export (list)"), ("report", "Excel report")],
        required=True,
        readonly=True,
        default="export",
    )
    threshold_notified = fields.Boolean(
        "Daily Limit Reported",
        readonly=True,
        help="This export took the user over the company's daily export limit and the "
        "sales directors were told (once per day and user).",
    )

    @api.depends("res_model")
    def _compute_model_name(self):
        for log in self:
            log.model_name = self.env["ir.model"]._get(log.res_model).name or log.res_model

    @api.depends("user_id", "res_model", "record_count")
    def _compute_display_name(self):
        # what a director reads in the to-do's link: who, what, how many
        for log in self:
            log.display_name = f"{log.user_id.name} · {log.model_name} · {log.record_count}"

    # ------------------------------------------------------------
    # LOGGING
    # ------------------------------------------------------------
    @api.model
    def _log_export(self, records, field_names, source="export"):
        """Record that the current user exported ``records`` with ``field_names``.

        Called by the export hooks after the data was read. Repeated calls in one
        transaction for the same model and fields add up on one line.

        :return: the log line (sudo)
        """
        env = records.env
        key = ("crm_export_log", env.uid, records._name, tuple(field_names), source)
        memo = env.cr.precommit.data
        log = self.sudo().browse(memo.get(key)).exists()
        if log:
            log.record_count += len(records)
        else:
            log = self.sudo().with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            log = log.create(self._prepare_log_values(records, field_names, source))
            memo[key] = log.id
        log._check_daily_threshold()
        return log

    @api.model
    def _prepare_log_values(self, records, field_names, source):
        env = records.env
        return {
            "user_id": env.uid,
            "company_id": env.company.id,
            "res_model": records._name,
            "record_count": len(records),
            "field_names": ", ".join(field_names),
            "source": source,
        }

    # ------------------------------------------------------------
    # DAILY THRESHOLD
    # ------------------------------------------------------------
    def _check_daily_threshold(self):
        """Tell the sales directors when a user's exports of the day pass the limit,
        at most once per user and company day."""
        self.ensure_one()
        company = self.company_id
        limit = company.export_daily_threshold
        if limit <= 0 or self.res_model not in self._threshold_models():
            return
        day_logs = self.search(self._day_domain())
        if sum(day_logs.mapped("record_count")) <= limit:
            return
        if day_logs.filtered("threshold_notified"):
            return
        self.threshold_notified = True
        self._notify_directors(sum(day_logs.mapped("record_count")), limit)

    @api.model
    def _threshold_models(self):
        """Models whose exports count towards the daily limit; extend with super()."""
        return THRESHOLD_MODELS

    def _day_domain(self):
        """This log's user and company, counted exports, today on the company's calendar."""
        today = company_today(self.company_id)
        start, end = utc_range(today, today, company_tz(self.company_id))
        return [
            ("user_id", "=", self.user_id.id),
            ("company_id", "=", self.company_id.id),
            ("res_model", "in", self._threshold_models()),
            ("date", ">=", start),
            ("date", "<", end),
        ]

    def _get_export_watchers(self):
        """Who hears of a large export: the company's sales directors (hook)."""
        directors = self.env.ref("crm_full.crm_full_group_sales_director").sudo().users
        return directors.filtered(
            lambda user: (
                not user.share
                and user.active
                and self.company_id in user.company_ids
                and user != self.user_id
                and user.id != self.env.ref("base.user_root").id
            )
        )

    def _notify_directors(self, total, limit):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for user in self._get_export_watchers():
            env = recipient_env(self.env, user)  # the director's language
            self.activity_schedule(
                activity_type_id=activity_type.id,
                summary=env._("Large export by %s", self.user_id.name),
                note=env._(
                    "%(user)s exported %(total)s records today; the daily limit is %(limit)s. "
                    "Last export: %(count)s records of %(model)s.",
                    user=self.user_id.name,
                    total=total,
                    limit=limit,
                    count=self.record_count,
                    model=self.env["ir.model"].with_env(env)._get(self.res_model).name,
                ),
                user_id=user.id,
            )
