# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Realistic pairs for the duplicate keys: (a, b, same customer?, default region)."""

SAME, OTHER = True, False

PHONE_PAIRS = [
    # Chinese fixed lines: trunk prefix, area code, separators
    ("0571-88881234", "+86 571 8888 1234", SAME, "CN"),
    ("0571-88881234", "(0571) 8888 1234", SAME, "CN"),
    ("0571 8888 1234", "057188881234", SAME, "CN"),
    ("0571-88881234", "0086 571 88881234", SAME, "CN"),
    ("0571-88881234", "+86-(0)571-88881234", SAME, "CN"),
    ("0571-88881234", "571-8888-1234", SAME, "CN"),
    ("010-6552 9988", "+86 10 6552 9988", SAME, "CN"),
    ("010 65529988", "8610-65529988", SAME, "CN"),
    ("021-5012 3456", "+86 21 5012 3456", SAME, "CN"),
    ("0755-8888 1234", "+86 755 8888 1234", SAME, "CN"),
    ("020-8765 4321", "(020)87654321", SAME, "CN"),
    ("0512-6288 1234", "+86 512 6288 1234", SAME, "CN"),
    # Chinese mobiles
    ("139 0571 2201", "+86 139-0571-2201", SAME, "CN"),
    ("13905712201", "0086 13905712201", SAME, "CN"),
    ("13905712201", "8613905712201", SAME, "CN"),
    ("+86 186-2110-7788", "186 2110 7788", SAME, "CN"),
    ("138 1234 5678", "138-1234-5678", SAME, "CN"),
    ("(+86) 177 1234 5678", "17712345678", SAME, "CN"),
    ("+86 199 1234 5678", "0086-199-1234-5678", SAME, "CN"),
    # full-width digits and punctuation (NFKC)
    ("１３９０５７１２２０１", "13905712201", SAME, "CN"),
    ("０５７１－８８８８１２３４", "0571-88881234", SAME, "CN"),
    ("＋８６ １３８ １２３４ ５６７８", "13812345678", SAME, "CN"),
    ("（０５７１）８８８８１２３４", "+86 571 8888 1234", SAME, "CN"),
    # extensions are not part of the key
    ("0755 8888 1234 ext 12", "0755-8888-1234", SAME, "CN"),
    ("0755 8888 1234 转 12", "+86 755 8888 1234", SAME, "CN"),
    ("0755-8888-1234-12", "075588881234", SAME, "CN"),
    ("0755-88881234转808", "0755-88881234", SAME, "CN"),
    ("0755-88881234 分机 808", "0755-88881234", SAME, "CN"),
    ("0571-88881234 x 5", "0571-88881234", SAME, "CN"),
    ("+86 571 8888 1234 ext. 300", "0571 8888 1234", SAME, "CN"),
    ("0571-88881234#6", "0571-88881234", SAME, "CN"),
    # international prefixes: 00 and the (0) of British numbers
    ("+44 (0)20 7946 0958", "+44 20 7946 0958", SAME, "CN"),
    ("0044 20 7946 0958", "+44 20 7946 0958", SAME, "CN"),
    ("020 7946 0958", "+44 20 7946 0958", SAME, "GB"),
    ("+49 (0)30 901820", "0049 30 901820", SAME, "CN"),
    ("030 901820", "+49 30 901820", SAME, "DE"),
    ("+1 312-555-0123", "001 312 555 0123", SAME, "CN"),
    ("(312) 555-0123", "+1 312 555 0123", SAME, "US"),
    ("+852 2123 4567", "00852 21234567", SAME, "CN"),
    ("+886 2 2345 6789", "00886-2-23456789", SAME, "CN"),
    ("+65 6123 4567", "0065 6123 4567", SAME, "CN"),
    ("+81 3-1234-5678", "03-1234-5678", SAME, "JP"),
    ("400-800-8888", "4008008888", SAME, "CN"),
    ("+86 400 800 8888", "400 800 8888", SAME, "CN"),
    # different numbers that naive digit keys merge
    ("+1 312-555-0123", "131 2555 0123", OTHER, "CN"),
    ("+44 20 7946 0958", "020 7946 0958", OTHER, "CN"),
    ("+852 2123 4567", "+86 21 2123 4567", OTHER, "CN"),
    ("0571-88881234", "0755-88881234", OTHER, "CN"),
    ("0571-88881234", "0571-88881235", OTHER, "CN"),
    ("010-65529988", "021-65529988", OTHER, "CN"),
    ("13905712201", "13905712202", OTHER, "CN"),
    ("13125550123", "+1 312 555 0123", OTHER, "CN"),
    ("+86 139 0571 2201", "+852 3905 7122", OTHER, "CN"),
    ("0755-88881234", "0755-88881243", OTHER, "CN"),
    ("020 7946 0958", "+86 20 7946 0958", OTHER, "GB"),
    ("+49 30 901820", "+49 30 901821", OTHER, "CN"),
    ("+1 571 888 1234", "0571 8888 1234", OTHER, "CN"),
    ("18621107788", "186 2110 7789", OTHER, "CN"),
    ("400-800-8888", "800-800-8888", OTHER, "CN"),
    ("+886 2 2345 6789", "+86 21 2345 6789", OTHER, "CN"),
    ("0571 8888 1234 ext 12", "0571 8888 1212", OTHER, "CN"),
    ("+65 6123 4567", "+852 6123 4567", OTHER, "CN"),
]

# Numbers that are no key on their own: local numbers without area code, short codes, junk.
PHONE_NO_KEY = [
    "8888-1234",
    "88881234",
    "6552 9988",
    "95588",
    "10086",
    "123",
    "",
    "n/a",
    "+86",
    "12345678901234567",
]

COMPANY_PAIRS = [
    # legal forms, Chinese and Latin
    ("杭州云帆科技有限公司", "杭州云帆科技", SAME),
    ("上海启明精密制造股份有限公司", "上海启明精密制造", SAME),
    ("深圳华信电子有限责任公司", "深圳华信电子有限公司", SAME),
    ("Nordwind Trading GmbH", "nordwind trading", SAME),
    ("Nordwind Trading G.m.b.H.", "Nordwind Trading GmbH", SAME),
    ("ACME Co., Ltd.", "Acme", SAME),
    ("Acme Co Ltd", "ACME CO., LTD.", SAME),
    ("Acme Pte. Ltd.", "Acme Pte Ltd", SAME),
    ("Acme L.L.C.", "Acme LLC", SAME),
    ("Acme S.A.", "ACME SA", SAME),
    ("Acme Inc.", "Acme, Inc", SAME),
    ("Acme Corporation", "Acme Corp.", SAME),
    ("Acme Company Limited", "Acme Ltd", SAME),
    # the bracketed place
    ("杭州云帆科技有限公司", "云帆科技（杭州）有限公司", SAME),
    ("杭州云帆科技有限公司", "云帆科技(杭州)有限公司", SAME),
    ("云帆科技（杭州）有限公司", "云帆科技(杭州)有限公司", SAME),
    ("杭州市云帆科技有限公司", "云帆科技（杭州市）有限公司", SAME),
    ("北京苹果电子产品商贸有限公司", "苹果电子产品商贸（北京）有限公司", SAME),
    ("苹果电子产品商贸【北京】有限公司", "苹果电子产品商贸（北京）有限公司", SAME),
    ("中国平安保险（集团）股份有限公司", "中国平安保险集团股份有限公司", SAME),
    # full width
    ("ＡＣＭＥ Co．，Ltd．", "ACME Co., Ltd.", SAME),
    ("杭州云帆科技有限公司 ", "杭州云帆科技有限公司", SAME),
    ("ＡＢＣ（上海）贸易有限公司", "上海ABC贸易有限公司", SAME),
    # bilingual names
    ("Hangzhou Yunfan Technology Co., Ltd. (杭州云帆科技有限公司)", "杭州云帆科技有限公司", SAME),
    ("杭州云帆科技有限公司（Hangzhou Yunfan Technology Co., Ltd.）", "杭州云帆科技", SAME),
    ("杭州云帆科技 Co., Ltd.", "杭州云帆科技有限公司", SAME),
    # traditional and simplified script (Hong Kong, Taiwan and overseas spellings)
    ("杭州雲帆科技有限公司", "杭州云帆科技有限公司", SAME),
    ("雲帆科技（杭州）有限公司", "杭州云帆科技有限公司", SAME),
    ("深圳華信電子有限責任公司", "深圳华信电子有限公司", SAME),
    ("廣州寶龍貿易有限公司", "广州宝龙贸易有限公司", SAME),
    ("國際商業機器（中國）有限公司", "国际商业机器（中国）有限公司", SAME),
    ("臺灣積體電路製造股份有限公司", "台湾积体电路制造股份有限公司", SAME),
    ("長江實業（集團）有限公司", "长江实业集团有限公司", SAME),
    ("東風汽車集團股份有限公司", "东风汽车集团股份有限公司", SAME),
    ("聯想集團有限公司", "联想集团有限公司", SAME),
    ("滙豐銀行（中國）有限公司", "汇丰银行（中国）有限公司", SAME),
    ("北京鳳凰衛視傳媒有限公司", "北京凤凰卫视传媒", SAME),
    ("華為技術有限公司", "华为技术有限公司", SAME),
    ("上海啟明精密製造股份有限公司", "上海启明精密制造", SAME),
    # different entities
    ("中国石油天然气集团公司", "中国石油天然气股份有限公司", OTHER),
    ("云帆集团有限公司", "云帆科技有限公司", OTHER),
    ("杭州云帆科技有限公司", "杭州云帆物流有限公司", OTHER),
    ("杭州云帆科技有限公司", "宁波云帆科技有限公司", OTHER),
    ("云帆科技（杭州）有限公司", "云帆科技（宁波）有限公司", OTHER),
    ("云帆科技有限公司杭州分公司", "云帆科技有限公司", OTHER),
    ("云帆科技有限公司杭州分公司", "云帆科技有限公司宁波分公司", OTHER),
    ("Costco", "Cost", OTHER),
    ("Acme Group", "Acme Ltd", OTHER),
    ("Acme Trading GmbH", "Acme Logistics GmbH", OTHER),
    ("Nordwind AG", "Nordwind Trading AG", OTHER),
    ("Hangzhou Yunfan Technology Co., Ltd. (杭州云帆科技有限公司)", "宁波云帆科技有限公司", OTHER),
    # folding the script does not merge different names
    ("杭州雲帆科技有限公司", "杭州云帆物流有限公司", OTHER),
    ("杭州雲帆科技有限公司", "寧波云帆科技有限公司", OTHER),
    ("長江實業（集團）有限公司", "長江基建集團有限公司", OTHER),
    ("華為技術有限公司", "華為終端有限公司", OTHER),
    ("聯想集團有限公司", "聯想控股股份有限公司", OTHER),
    ("雲帆科技有限公司杭州分公司", "云帆科技有限公司", OTHER),
]

COMPANY_NO_KEY = ["有限公司", "Co., Ltd.", "", "  ", "（）"]

VALID_USCC = "91350100M000100Y43"  # GB 32100-2015's own example
USCC_SAME = [
    "91350100M000100Y43",
    "91350100m000100y43",
    "9135-0100-M000-100Y43",
    "913501 00M000100Y43",
    "91350100M000100Y43",  # no-break space
    "91350100　M000100Y43",  # ideographic space
    "９１３５０１００Ｍ０００１００Ｙ４３",
    " 91350100M000100Y43 ",
]
USCC_PROBLEMS = [
    ("91350100M000100Y43", None),
    ("91350100M00010", "length"),
    ("91350100M000100Y4", "length"),
    ("91350100M000100I43", "character"),
    ("91350100M000100O43", "character"),
    ("91350100M000100Y44", "check"),
    ("913A0100M000100Y43", "region"),  # positions 3–8: the division code, digits only
    ("91X50100M000100Y43", "region"),
]
