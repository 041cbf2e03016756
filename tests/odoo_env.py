# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finding Odoo and PostgreSQL for the test and demo commands (no Odoo import at module level)."""

import ast
import getpass
import glob
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO / "addons"
# The virtualenv tests/setup makes when this Python cannot import Odoo (ignored by git).
VENV = REPO / ".venv"
SUITE_ADDONS = ["crm_full", "service_desk", "customer_360", "dingtalk_connector"]

HOW_TO_PROVIDE_ODOO = """\
Odoo 18 cannot be found, so nothing was tested.
Run tests/setup once (ODOO_SRC=/path/to/odoo-18.0 tests/setup): it makes a virtualenv in
this checkout with Odoo and its requirements, and tests/run and tests/demo use it.
Or make Odoo importable by this Python ({python}) yourself:
    pip install -r /path/to/odoo/requirements.txt && pip install --no-deps -e /path/to/odoo
{detail}"""

HOW_TO_INSTALL_REQUIREMENTS = """\
Odoo was found ({where}), but it cannot be imported by {python}:
    {error}
A package Odoo needs is missing from this Python. Run tests/setup (it installs Odoo's
requirements), or: pip install -r <odoo source>/requirements.txt"""


def use_checkout_venv():
    """Re-run the current command with the checkout's virtualenv when tests/setup made one."""
    python = VENV / "bin" / "python"
    if python.is_file() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])


# Enterprise modules may ship beside Community in some builds; their licence gives them away.
ENTERPRISE_LICENSES = ("OEEL-1", "OPL-1")

HOW_TO_DROP_ENTERPRISE = """\
{count} Enterprise modules ({sample}, ...) are on Odoo's own addons path {path}.
Odoo would auto-install some of them (web_enterprise, mail_enterprise, ...) into every
database, and this suite must run on Community alone. Use an Odoo 18.0 Community tree,
or move the modules whose manifest says 'license': 'OEEL-1' or 'OPL-1' (and those that
depend on them) out of that folder; see "Without Docker" in README.md."""


class SetupError(Exception):
    """Something the run needs is missing; the message says how to provide it."""


def find_odoo():
    """Return (env, odoo_package_dir) to run ``python -m odoo`` with.

    An importable ``odoo`` wins; ``ODOO_SRC`` is the fallback for a bare
    source tree. The version must be 18.0.
    """
    env = dict(os.environ)
    src = os.environ.get("ODOO_SRC")
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import odoo, odoo.release as r; print(odoo.__path__[0]); print(r.serie)",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        raise SetupError(_import_failure(probe.stderr, src))
    package_dir, serie = probe.stdout.split()
    if serie != "18.0":
        raise SetupError(f"Odoo {serie} found at {package_dir}; this suite needs Odoo 18.0.")
    return env, Path(package_dir)


def _import_failure(stderr, src):
    """Say why ``import odoo`` failed: no Odoo at all, or Odoo without its requirements."""
    lines = stderr.strip().splitlines()
    error = lines[-1] if lines else "no output"
    odoo_missing = error.endswith("No module named 'odoo'") or error.startswith(
        "ModuleNotFoundError: No module named 'odoo."
    )
    if odoo_missing:
        detail = f"(import odoo failed: {error})"
        if src:
            detail += (
                f"\n(ODOO_SRC={src} holds no odoo package: point it at the folder with odoo-bin)"
            )
        return HOW_TO_PROVIDE_ODOO.format(python=sys.executable, detail=detail)
    where = f"ODOO_SRC={src}" if src else "importable"
    return HOW_TO_INSTALL_REQUIREMENTS.format(where=where, python=sys.executable, error=error)


def module_license(module_dir):
    manifest = Path(module_dir) / "__manifest__.py"
    if not manifest.is_file():
        return None
    return ast.literal_eval(manifest.read_text(encoding="utf-8")).get("license", "LGPL-3")


def refuse_enterprise(package_dir):
    """Raise when Odoo itself would discover Enterprise modules."""
    for addons_dir in (package_dir / "addons", package_dir.parent / "addons"):
        if not addons_dir.is_dir():
            continue
        found = sorted(
            module.name
            for module in addons_dir.iterdir()
            if module_license(module) in ENTERPRISE_LICENSES
        )
        if found:
            raise SetupError(
                HOW_TO_DROP_ENTERPRISE.format(
                    count=len(found), sample=", ".join(found[:3]), path=addons_dir
                )
            )


def addons_path(package_dir):
    """Our addons first, then Odoo's (a git checkout keeps them beside the package)."""
    paths = [ADDONS_DIR, package_dir / "addons", package_dir.parent / "addons"]
    return ",".join(str(path) for path in paths if path.is_dir())


def db_args():
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER") or getpass.getuser()
    args = [f"--db_host={host}", f"--db_port={port}", f"--db_user={user}"]
    if os.environ.get("PGPASSWORD"):
        args.append(f"--db_password={os.environ['PGPASSWORD']}")
    return args


def _connect(dbname="postgres"):
    import psycopg2

    return psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER") or getpass.getuser(),
        password=os.environ.get("PGPASSWORD"),
        connect_timeout=5,
    )


def ensure_postgres():
    """Make sure PostgreSQL answers; start the local Debian cluster when it is down."""
    try:
        _connect().close()
        return
    except Exception as error:  # noqa: BLE001
        first_error = error
    host = os.environ.get("PGHOST", "127.0.0.1")
    clusters = sorted(glob.glob("/etc/postgresql/*/main"))
    if host not in ("127.0.0.1", "localhost", "::1") or not clusters:
        raise SetupError(f"PostgreSQL does not answer at {host}: {first_error}")
    version = Path(clusters[-1]).parent.name
    print(f"PostgreSQL is down; starting the local cluster {version}/main", flush=True)
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
    )
    for _attempt in range(30):
        try:
            _connect().close()
            return
        except Exception:  # noqa: BLE001
            time.sleep(1)
    raise SetupError(f"PostgreSQL did not start at {host}: {first_error}")


def database_exists(name):
    with _connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return bool(cr.fetchone())


def drop_database(name):
    conn = _connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
