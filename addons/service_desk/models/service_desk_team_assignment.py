# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ServiceDeskTeam(models.Model):
    _inherit = "service.desk.team"

    last_assigned_user_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Round-robin position: the next ticket goes to the member after this one.",
    )

    def _get_available_members(self):
        """Members who can take a ticket now: members on leave (resource leaves) are skipped."""
        self.ensure_one()
        now = fields.Datetime.now()
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            ._read_group(
                [
                    ("resource_id.user_id", "in", self.member_ids.ids),
                    ("date_from", "<=", now),
                    ("date_to", ">=", now),
                ],
                ["resource_id"],
            )
        )
        absent = {resource.user_id for (resource,) in leaves}
        return self.member_ids.sorted("id").filtered(lambda user: user not in absent)

    def _get_assignees(self, count):
        """Pick ``count`` users for new tickets of this team, per its assignment method.

        :return: list of ``res.users`` records (empty records when nobody is picked)
        """
        self.ensure_one()
        members = self._get_available_members() if self.assignment_method != "manual" else None
        if not members:
            return [self.env["res.users"]] * count
        if self.assignment_method == "round_robin":
            return self._get_assignees_round_robin(members, count)
        return self._get_assignees_balanced(members, count)

    def _get_assignees_round_robin(self, members, count):
        ordered = list(members)
        last = self.last_assigned_user_id
        # Resume after the last assigned member, even if that member has left the team.
        start = next((i for i, user in enumerate(ordered) if user.id > last.id), 0)
        picked = [ordered[(start + i) % len(ordered)] for i in range(count)]
        self.sudo().last_assigned_user_id = picked[-1]
        return picked

    def _get_assignees_balanced(self, members, count):
        loads = dict(
            self.env["service.desk.ticket"]
            .sudo()
            ._read_group(
                [("user_id", "in", members.ids), ("is_done", "=", False)],
                ["user_id"],
                ["__count"],
            )
        )
        load = {user: loads.get(user, 0) for user in members}
        picked = []
        for _i in range(count):
            user = min(members, key=lambda u: (load[u], u.id))
            load[user] += 1
            picked.append(user)
        return picked
