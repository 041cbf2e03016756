# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Compare the terms Odoo really exports for our addons with their zh_CN.po."""

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from odoo_env import ADDONS_DIR, addons_path, db_args


def export_templates(odoo_env, package_dir, dbname, addons, workdir):
    """Let Odoo export one .pot per addon from the installed database."""
    archive = Path(workdir) / "templates.tgz"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            f"--addons-path={addons_path(package_dir)}",
            *db_args(),
            f"--database={dbname}",
            f"--i18n-export={archive}",
            f"--modules={','.join(addons)}",
            "--log-level=warn",
        ],
        env=odoo_env,
        check=True,
        capture_output=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return {addon: Path(workdir) / addon / "i18n" / f"{addon}.pot" for addon in addons}


def untranslated_terms(odoo_env, package_dir, dbname, addons, update_pot=False):
    """Return the problems found; with ``update_pot`` also refresh each addon's .pot."""
    import polib  # an Odoo requirement, importable once Odoo was found

    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        templates = export_templates(odoo_env, package_dir, dbname, addons, workdir)
        for addon, template in templates.items():
            i18n_dir = ADDONS_DIR / addon / "i18n"
            if update_pot:
                (i18n_dir / f"{addon}.pot").write_bytes(template.read_bytes())
            translated = {
                entry.msgid
                for entry in polib.pofile(str(i18n_dir / "zh_CN.po"))
                if entry.msgstr and not entry.obsolete
            }
            missing = [e.msgid for e in polib.pofile(str(template)) if e.msgid not in translated]
            problems += [f"{addon}: zh_CN.po lacks {msgid!r}" for msgid in missing]
    return problems
