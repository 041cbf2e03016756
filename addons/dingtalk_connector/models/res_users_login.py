# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, models
from odoo.exceptions import AccessDenied

from ..tools.login import DingtalkProof


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_credentials(self, credential, user_agent_env):
        """Accept a server-made DingTalk proof; refuse passwords where the company says so.

        The ``dingtalk`` credential type carries a :class:`DingtalkProof`
        built by our sign-in routes after DingTalk vouched for the person;
        anything a client can send (strings) is refused. Going through
        ``res.users._login`` keeps Odoo's cooldown, ``res.users.log``, the
        login log line and two-factor authentication (``mfa: default``).
        """
        if credential.get("type") == "dingtalk":
            proof = credential.get("dingtalk_proof")
            if (
                isinstance(proof, DingtalkProof)
                and self.env.user.active
                and proof.consume(self.env.uid)
            ):
                return {"uid": self.env.uid, "auth_method": "dingtalk", "mfa": "default"}
            raise AccessDenied()
        auth_info = super()._check_credentials(credential, user_agent_env)
        if auth_info.get("auth_method") == "password" and self._dingtalk_password_refused():
            raise AccessDenied(
                self.env._("Your company signs you in with DingTalk: use 'Log in with DingTalk'.")
            )
        return auth_info

    def _dingtalk_password_refused(self):
        """Password sign-in is off for a bound user whose company turned it off.

        Checked only after the password matched, so it tells nothing to a
        guesser. Exempt, so that nobody is locked out when DingTalk is down
        or misconfigured: the superuser, administrators (Settings group), and
        companies without a DingTalk app key.
        """
        user = self.env.user.sudo()
        if user.id == SUPERUSER_ID or not user.dingtalk_userid:
            return False
        company = user.company_id
        if not (company.dingtalk_login_password_off and company.dingtalk_app_key):
            return False
        return not user.has_group("base.group_system")
