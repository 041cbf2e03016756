# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own tests of the modules we extend, without and with our addons (issue 13).

A baseline database gets the Odoo modules our addons depend on, with demo data;
a copy of it then gets our four addons. Odoo's selected tests (at_install ones
too, see odoo_all_tests.py) run on both, and a test failing only with our
addons fails the check. Environment failures show on both sides and are only
listed.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from odoo_env import (
    ADDONS_DIR,
    SUITE_ADDONS,
    _connect,
    addons_path,
    db_args,
    drop_database,
    free_port,
)

HERE = Path(__file__).resolve().parent
# Test-only Odoo module holding the mail gateway and activity classes.
TEST_MODULES = ["test_mail"]
TEST_TAGS = ",".join(
    [
        "/crm",
        "/sale_crm",
        "/sales_team",
        "/portal",
        "/rating",
        "/resource",
        "/base_automation",
        "/mail:TestPartner",
        "/mail:TestMailActivityChatter",
        "/test_mail:TestActivityRights",
        "/test_mail:TestActivityFlow",
        "/test_mail:TestActivityMixin",
        "/test_mail:TestMailgateway",
        "/test_mail:TestMailGatewayLoops",
        "/test_mail:TestMailGatewayReplies",
    ]
)
# Odoo tests that read Odoo's demo company as it ships and that our demo changes on
# purpose; each is listed with its reason and kept out of the count, nothing else is.
CHANGED_BY_OUR_DEMO = {
    "sale_crm.tests.test_sale_crm: TestSaleCrm.test_sale_crm_revenue": (
        "expects the main company's books in USD; our demo company keeps them in CNY"
    ),
}
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): (?P<msg>.*)"
)
FAILURE = re.compile(r"^(?P<flavour>FAIL|ERROR): (?P<test>.+)$")


def odoo_modules():
    """The Odoo modules our addons depend on directly, plus the test-only ones."""
    modules = set(TEST_MODULES)
    for addon in SUITE_ADDONS:
        manifest = ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())
        modules.update(manifest.get("depends", []))
    return sorted(modules - set(SUITE_ADDONS))


def odoo(odoo_env, package_dir, data_dir, dbname, *args, script=None):
    """Run Odoo (or ``script`` with Odoo's arguments) and return (returncode, log lines)."""
    command = [sys.executable, str(script)] if script else [sys.executable, "-m", "odoo"]
    command += [
        f"--addons-path={addons_path(package_dir)}",
        *db_args(),
        f"--database={dbname}",
        f"--data-dir={data_dir}",
        "--stop-after-init",
        "--log-level=info",
        f"--http-port={free_port()}",
        "--max-cron-threads=0",
        "--no-database-list",
        *args,
    ]
    started = time.time()
    log_path = Path(tempfile.gettempdir()) / f"{dbname}.log"
    with log_path.open("w") as log:
        process = subprocess.run(
            command, env=odoo_env, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    print(
        f"  {dbname}: {' '.join(args[:2])} -> {process.returncode} "
        f"in {(time.time() - started) / 60:.1f} min (log {log_path})",
        flush=True,
    )
    return process.returncode, log_path.read_text(errors="replace").splitlines()


def copy_database(source, target, data_dir):
    """The baseline as the start of the database with our addons (SQL and filestore)."""
    conn = _connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    conn.close()
    filestore = Path(data_dir) / "filestore"
    if (filestore / source).is_dir():
        shutil.copytree(filestore / source, filestore / target)


def failures(lines):
    """{'module: Class.method': flavour} for each failed test, and the count of tests run."""
    found, run = {}, 0
    for line in lines:
        match = LOG_LINE.match(line)
        if not match:
            continue
        if match["level"] == "ERROR" and (failure := FAILURE.match(match["msg"])):
            module = match["logger"].removeprefix("odoo.addons.")
            found[f"{module}: {failure['test']}"] = failure["flavour"]
        elif tests := re.search(r"(\d+) post-tests in", match["msg"]):
            run += int(tests[1])
    return found, run


def main(odoo_env, package_dir, tags=None, keep_db=False):
    tags = tags or TEST_TAGS
    stamp = f"{int(time.time())}_{os.getpid()}"
    base, ours = f"cfm_compat_base_{stamp}", f"cfm_compat_ours_{stamp}"
    data_dir = tempfile.mkdtemp(prefix="cfm_compat_")
    runner = HERE / "odoo_all_tests.py"
    modules = odoo_modules()
    print(f"Odoo's own tests ({tags}) on {modules}, without and with {SUITE_ADDONS}")
    started = time.time()
    try:
        for dbname, addons in ((base, modules), (ours, SUITE_ADDONS)):
            if dbname == ours:
                copy_database(base, ours, data_dir)
            code, _lines = odoo(
                odoo_env, package_dir, data_dir, dbname, f"--init={','.join(addons)}"
            )
            if code:
                print(f"installing on {dbname} failed (status {code})", file=sys.stderr)
                print("0 passed, 1 failed")
                return 1
        # Both sides at once: half the time on two cores, and the same load on each.
        with ThreadPoolExecutor(2) as pool:
            runs = {
                dbname: pool.submit(
                    odoo,
                    odoo_env,
                    package_dir,
                    data_dir,
                    dbname,
                    "--test-enable",
                    f"--test-tags={tags}",
                    script=runner,
                )
                for dbname in (base, ours)
            }
            results = {dbname: failures(run.result()[1]) for dbname, run in runs.items()}
    finally:
        if not keep_db:
            for dbname in (base, ours):
                drop_database(dbname)
            shutil.rmtree(data_dir, ignore_errors=True)
    return report(results[base], results[ours], time.time() - started)


def report(baseline, with_ours, seconds):
    (base_failed, base_run), (our_failed, our_run) = baseline, with_ours
    demo_changed = sorted((set(our_failed) - set(base_failed)) & CHANGED_BY_OUR_DEMO.keys())
    new = sorted(set(our_failed) - set(base_failed) - set(demo_changed))
    fixed = sorted(set(base_failed) - set(our_failed))
    print(
        f"\nbaseline: {base_run} tests, {len(base_failed)} failed; "
        f"with our addons: {our_run} tests, {len(our_failed)} failed "
        f"({seconds / 60:.1f} min)"
    )
    for test in sorted(set(base_failed) & set(our_failed)):
        print(f"  fails in both (environment, not us): {test}")
    for test in fixed:
        print(f"  fails only WITHOUT our addons: {test}")
    for test in demo_changed:
        print(f"  differs by our demo data, not our code: {test} ({CHANGED_BY_OUR_DEMO[test]})")
    for test in new:
        print(f"  FAILS ONLY WITH OUR ADDONS ({our_failed[test]}): {test}", file=sys.stderr)
    problems = len(new) + (0 if our_run else 1)
    if not our_run:
        print("no Odoo test ran with our addons", file=sys.stderr)
    print(
        f"{our_run - len(our_failed)} passed, {problems} failed (Odoo's own tests, "
        f"{len(new)} new failure(s) with our addons)"
    )
    return 1 if problems else 0
