# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .customer_health_metric import is_available, metric_selection

HEALTH_GROUPS = [
    ("commercial", "Commercial"),
    ("payment", "Payment"),
    ("service", "Service"),
    ("engagement", "Engagement"),
    ("sentiment", "Sentiment"),
]


class CustomerHealthModel(models.Model):
    """A health profile: which customers it judges and how.

    Models are tried by sequence and the first that matches a customer
    (lifecycle stage and segment tags, empty = any) scores it, so a new
    customer gets an onboarding model and an established one the full set.
    """

    _name = "customer.health.model"
    _description = "Customer Health Model"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    description = fields.Text(translate=True)
    lifecycle_stage_ids = fields.Many2many(
        "crm.lifecycle.stage",
        string="Lifecycle Stages",
        help="Applies to customers at one of these stages; empty: any stage.",
    )
    category_ids = fields.Many2many(
        "res.partner.category",
        string="Segments",
        help="Applies to customers with one of these tags; empty: any customer.",
    )
    component_ids = fields.One2many(
        "customer.health.component", "model_id", string="Measures", copy=True
    )
    total_weight = fields.Float(compute="_compute_total_weight")
    red_max = fields.Integer(
        "Red up to", default=50, help="Scores from 0 up to this value are red."
    )
    yellow_max = fields.Integer(
        "Yellow up to", default=75, help="Scores above red and up to this value are yellow."
    )
    red_exit_score = fields.Integer(
        "Leave red above",
        default=55,
        help="A red customer turns yellow only above this score, so a score "
        "hovering on the border does not flap.",
    )
    drop_alert_points = fields.Integer(
        "Alert on a drop of",
        default=15,
        help="Points lost within the drop window that open a proactive-care activity.",
    )
    drop_alert_days = fields.Integer("Drop window (days)", default=30)
    trend_dead_band = fields.Integer(
        "Trend dead band",
        default=5,
        help="A 4-week change within ± this many points shows a flat arrow.",
    )

    @api.depends("component_ids.weight")
    def _compute_total_weight(self):
        for model in self:
            model.total_weight = sum(model.component_ids.mapped("weight"))

    @api.constrains("component_ids", "red_max", "yellow_max", "red_exit_score")
    def _check_health_model(self):
        for model in self:
            if model.component_ids and not sum(model.component_ids.mapped("weight")) > 0:
                raise ValidationError(
                    self.env._(
                        "The measures of health model %s have weights summing to zero: "
                        "give at least one measure a positive weight.",
                        model.name,
                    )
                )
            if not 0 <= model.red_max < model.yellow_max < 100:
                raise ValidationError(
                    self.env._(
                        "Health model %s: bands must satisfy 0 <= red < yellow < 100.",
                        model.name,
                    )
                )
            if not model.red_max <= model.red_exit_score <= model.yellow_max:
                raise ValidationError(
                    self.env._(
                        "Health model %s: the score to leave red must lie between the "
                        "red and yellow limits.",
                        model.name,
                    )
                )

    def _select_for(self, partners_info):
        """First model of ``self`` (ordered) that applies to each customer.

        :param partners_info: {partner id: dict with company_id,
            lifecycle_stage_id and category_ids (a set)}
        :return: {partner id: health model (maybe empty)}
        """
        filters = [
            (
                model,
                model.company_id.id,
                set(model.lifecycle_stage_ids.ids),
                set(model.category_ids.ids),
            )
            for model in self
        ]
        chosen = {}
        for partner_id, info in partners_info.items():
            chosen[partner_id] = next(
                (
                    model
                    for model, company, stages, categories in filters
                    if (not company or not info["company_id"] or info["company_id"] == company)
                    and (not stages or info["lifecycle_stage_id"] in stages)
                    and (not categories or info["category_ids"] & categories)
                ),
                self.browse(),
            )
        return chosen

    def _scoring_components(self):
        """Components as plain dicts for the scoring arithmetic; a measure
        whose source module is not installed is left out altogether (it
        would otherwise lower everybody's coverage)."""
        self.ensure_one()
        return [
            component._as_scoring_dict()
            for component in self.component_ids
            if is_available(self.env, component.metric)
        ]


class CustomerHealthComponent(models.Model):
    _name = "customer.health.component"
    _description = "Customer Health Measure"
    _order = "sequence, id"

    model_id = fields.Many2one(
        "customer.health.model", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    metric = fields.Selection(
        selection="_selection_metric", required=True, help="Raw measure from the metric registry."
    )
    group = fields.Selection(HEALTH_GROUPS, required=True, default="commercial")
    weight = fields.Float(default=10.0)
    direction = fields.Selection(
        [("higher_better", "Higher is better"), ("lower_better", "Lower is better")],
        required=True,
        default="higher_better",
    )
    missing_policy = fields.Selection(
        [("skip", "Skip"), ("zero", "Zero points"), ("neutral", "Neutral (50 points)")],
        required=True,
        default="skip",
        help="What a customer without a value for this measure gets.",
    )
    band_ids = fields.One2many(
        "customer.health.band", "component_id", string="Scoring Bands", copy=True
    )
    knockout = fields.Boolean(
        "Knock-out", help="A value at or past the threshold caps the whole score."
    )
    knockout_threshold = fields.Float()
    knockout_cap = fields.Integer("Cap score at", default=30)

    @api.model
    def _selection_metric(self):
        return metric_selection()

    @api.constrains("weight", "knockout_cap")
    def _check_weight(self):
        for component in self:
            if component.weight < 0:
                raise ValidationError(
                    self.env._("Measure %s: a weight cannot be negative.", component.name)
                )
            if not 0 <= component.knockout_cap <= 100:
                raise ValidationError(
                    self.env._("Measure %s: the knock-out cap is a score 0-100.", component.name)
                )
        self.model_id._check_health_model()

    def _as_scoring_dict(self):
        return {
            "id": self.id,
            "metric": self.metric,
            "weight": self.weight,
            "direction": self.direction,
            "missing": self.missing_policy,
            "bands": [(band.threshold, band.points) for band in self.band_ids],
            "knockout": self.knockout,
            "knockout_threshold": self.knockout_threshold,
            "knockout_cap": self.knockout_cap,
        }


class CustomerHealthBand(models.Model):
    """One step of a measure's scale: with "higher is better" a value at or
    above the threshold earns the points, with "lower is better" a value at or
    below it; the closest matching threshold wins, no match gives 0."""

    _name = "customer.health.band"
    _description = "Customer Health Scoring Band"
    _order = "threshold, id"

    component_id = fields.Many2one(
        "customer.health.component", required=True, ondelete="cascade", index=True
    )
    threshold = fields.Float(required=True)
    points = fields.Integer(required=True)

    @api.constrains("points")
    def _check_points(self):
        for band in self:
            if not 0 <= band.points <= 100:
                raise ValidationError(self.env._("Band points must lie between 0 and 100."))
