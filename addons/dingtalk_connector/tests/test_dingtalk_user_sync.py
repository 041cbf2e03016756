# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.user_match import normalize_mobile
from .common import DingTalkFakeServerCommon


def member(userid, name, dept=2, **values):
    base = {"userid": userid, "unionid": f"union-{userid}", "name": name, "dept_id_list": [dept]}
    return base | values


@tagged("dingtalk_user_sync")
class TestDingtalkUserSync(DingTalkFakeServerCommon):
    def setUp(self):
        super().setUp()
        self.fake.departments += [
            {"dept_id": 2, "name": "Sales", "parent_id": 1},
            {"dept_id": 3, "name": "Support", "parent_id": 2},
        ]
        self.Users = self.env["res.users"].with_context(no_reset_password=True)

    def _user(self, login, name=None, **values):
        return self.Users.create(
            {"login": login, "name": name or login, "email": f"{login}@odoo.example.com"} | values
        )

    def _sync(self):
        wizard = self.env["dingtalk.user.sync"].create({})
        wizard.action_sync()
        return wizard

    def test_normalize_mobile(self):
        """E.164 as crm_full keys phones (issue 15): the old digit-stripping kept
        "8613800001111" (86 glued on), full-width digits and extensions as other numbers."""
        cases = {
            "+86 138-0000-1111": "+8613800001111",
            "0086 13800001111": "+8613800001111",
            "138 0000 1111": "+8613800001111",
            "+8613800001111": "+8613800001111",
            "8613800001111": "+8613800001111",
            "(+86) 138 0000 1111": "+8613800001111",
            "１３８００００１１１１": "+8613800001111",
            "+86 138 0000 1111 转 12": "+8613800001111",
            "+86-(0)138-0000-1111": "+8613800001111",
            "+852 9123-4567": "+85291234567",
            "00852 9123 4567": "+85291234567",
            "+1 (312) 555-0123": "+13125550123",
        }
        for raw, key in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(normalize_mobile(raw), key)
        self.assertEqual(normalize_mobile("9123 4567", "852"), "+85291234567")
        self.assertEqual(normalize_mobile("9123 4567", "+852"), "+85291234567")
        # a Chinese mobile of a member whose state code is another country's
        self.assertEqual(normalize_mobile("13800001111", "852"), "+8613800001111")
        for junk in ("123", "", None, "not a number", "95588", "1380000111"):
            with self.subTest(junk=junk):
                self.assertIsNone(normalize_mobile(junk))

    def test_match_by_mobile_then_email_never_by_name(self):
        by_mobile = self._user("zhang", mobile="+86 138-0000-1111")
        by_phone = self._user("zhao", phone="139 0000 3333")
        by_email = self._user("lilei", email="li.lei@example.com")
        by_org_email = self._user("hanmei", email="han.mei@corp.example.com")
        same_name = self._user("wangfang", name="Wang Fang", mobile="13700009999")
        self.fake.users = [
            member("dt_zhang", "Zhang San", mobile="13800001111", state_code="86"),
            member("dt_zhao", "Zhao Si", mobile="13900003333", dept=3),
            member("dt_lilei", "Li Lei", email="Li.Lei@Example.COM"),
            member("dt_hanmei", "Han Mei", org_email="HAN.MEI@corp.example.com", dept=3),
            member("dt_wangfang", "Wang Fang", mobile="13600008888", email="wf@other.example"),
        ]
        wizard = self._sync()
        self.assertEqual(by_mobile.dingtalk_userid, "dt_zhang")
        self.assertEqual(by_mobile.dingtalk_unionid, "union-dt_zhang")
        self.assertEqual(by_phone.dingtalk_userid, "dt_zhao")
        self.assertEqual(by_email.dingtalk_userid, "dt_lilei")
        self.assertEqual(by_org_email.dingtalk_userid, "dt_hanmei")
        self.assertFalse(same_name.dingtalk_userid, "a shared name is no identity")
        self.assertEqual(wizard.matched_count, 4)
        self.assertEqual(wizard.unmatched_count, 1)
        self.assertIn("dt_wangfang", wizard.report)

    def test_ambiguous_matches_are_not_bound(self):
        twin_a = self._user("twin_a", mobile="13500005555")
        twin_b = self._user("twin_b", mobile="+86 135 0000 5555")
        shared = self._user("shared", email="team@example.com")
        self.fake.users = [
            member("dt_twin", "Twin", mobile="13500005555"),
            member("dt_team1", "Team One", email="team@example.com"),
            member("dt_team2", "Team Two", email="TEAM@example.com", dept=3),
        ]
        wizard = self._sync()
        self.assertFalse((twin_a | twin_b | shared).filtered("dingtalk_userid"))
        self.assertEqual(wizard.ambiguous_count, 3)
        self.assertEqual(wizard.matched_count, 0)
        self.assertIn("twin_a", wizard.report)

    def test_already_mapped_keeps_binding_and_gets_unionid(self):
        mapped = self._user("mapped", dingtalk_userid="dt_mapped", mobile="13300001234")
        self.fake.users = [member("dt_mapped", "Mapped", mobile="13300001234")]
        wizard = self._sync()
        self.assertEqual(wizard.already_mapped_count, 1)
        self.assertEqual(mapped.dingtalk_unionid, "union-dt_mapped")

    def test_paging_and_dedupe_across_departments(self):
        self.fake.users = [member(f"dt_s{i}", f"Sales {i}", dept=2) for i in range(150)]
        self.fake.users += [member(f"dt_t{i}", f"Support {i}", dept=3) for i in range(100)]
        # members of both departments are counted once
        for user in self.fake.users[:20]:
            user["dept_id_list"] = [2, 3]
        self.fake.users[3]["mobile"] = "13100000003"
        self.fake.users[140]["email"] = "page.two@example.com"
        early = self._user("early", mobile="13100000003")
        late = self._user("late", email="Page.Two@example.com")
        wizard = self._sync()
        self.assertEqual(early.dingtalk_userid, "dt_s3")
        self.assertEqual(late.dingtalk_userid, "dt_s140", "found on the second page")
        self.assertEqual(wizard.matched_count + wizard.unmatched_count, 250)
        self.assertEqual(self.fake.calls["/topapi/v2/department/listsub"], 3)
        # root (1 page), Sales (150: 2 pages), Support (120: 2 pages)
        self.assertEqual(self.fake.calls["/topapi/v2/user/list"], 5)

    def test_userid_unique_per_company(self):
        first = self._user("first", dingtalk_userid="dt_same")
        with self.assertRaisesRegex(ValidationError, first.name):
            self._user("second", dingtalk_userid="dt_same")

    def test_cron_syncs_configured_companies(self):
        user = self._user("croned", mobile="13200001111")
        self.fake.users = [member("dt_cron", "Cron", mobile="13200001111")]
        self.env["dingtalk.user.sync"]._cron_sync_users()
        self.assertEqual(user.dingtalk_userid, "dt_cron")
