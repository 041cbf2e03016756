# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# Run by tests/benchmarks/run inside `odoo shell` (``env`` is given).
"""Outbox drain vs bare synchronous sends (issue 3).

Baseline: the same work notifications posted directly with ``requests`` in
a loop, one after the other, against the same local fake DingTalk. The
outbox commits after every message, as in production. Goal: overhead under
2x the bare sends, and queries per message flat as the queue grows.
"""

import importlib.util
import statistics
import time
from pathlib import Path

import requests

import odoo

SIZES, ROUNDS = (1000, 10000), 3

spec = importlib.util.spec_from_file_location(
    "fake_dingtalk",
    Path(odoo.addons.dingtalk_connector.__path__[0]) / "tests" / "fake_dingtalk.py",
)
fake_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fake_module)
fake = fake_module.FakeDingTalk().start()

params = env["ir.config_parameter"].sudo()  # noqa: F821
params.set_param("dingtalk_connector.oapi_base_url", fake.url)
params.set_param("dingtalk_connector.api_base_url", fake.url)
company = env.company  # noqa: F821
company.sudo().write(
    {
        "dingtalk_app_key": fake.app_key,
        "dingtalk_app_secret": fake.app_secret,
        "dingtalk_agent_id": fake.agent_id,
    }
)
env.cr.commit()  # noqa: F821
Message = env["dingtalk.message"]  # noqa: F821
token = company._dingtalk_token()


def bare(count, tag):
    session_url = f"{fake.url}/topapi/message/corpconversation/asyncsend_v2"
    start = time.perf_counter()
    for index in range(count):
        body = {
            "agent_id": fake.agent_id,
            "userid_list": f"{tag}-{index}",
            "msg": {"msgtype": "text", "text": {"content": f"bare {index}"}},
        }
        requests.post(session_url, params={"access_token": token}, json=body, timeout=20).json()
    return time.perf_counter() - start


def outbox(count, tag):
    for index in range(count):
        msg = {"msgtype": "text", "text": {"content": f"outbox {index}"}}
        Message._enqueue_work_notice(company, [f"{tag}-{index}"], msg)
    env.cr.commit()  # noqa: F821
    queries = env.cr.sql_log_count  # noqa: F821
    start = time.perf_counter()
    sent = 0
    while sent < count:
        sent += Message._cron_send(batch_size=count)
    elapsed = time.perf_counter() - start
    return elapsed, (env.cr.sql_log_count - queries) / count  # noqa: F821


for size in SIZES:
    bare_times, outbox_times, per_message = [], [], []
    for round_ in range(ROUNDS):
        bare_times.append(bare(size, f"b{size}-{round_}"))
        elapsed, queries = outbox(size, f"o{size}-{round_}")
        outbox_times.append(elapsed)
        per_message.append(queries)
    bare_median, outbox_median = statistics.median(bare_times), statistics.median(outbox_times)
    print(f"messages={size} rounds={ROUNDS}")
    print(f"  bare     median {size / bare_median:8.0f} msg/s  ({bare_median:.2f} s)")
    print(f"  outbox   median {size / outbox_median:8.0f} msg/s  ({outbox_median:.2f} s)")
    print(f"  queries per message: {statistics.median(per_message):.2f}")
    print(f"  ratio outbox/bare time = {outbox_median / bare_median:.2f}x  (goal < 2x)")
assert Message.search_count([("state", "!=", "sent")]) == 0
fake.stop()
