# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks that need no database: manifests, XML, access rows, translations, ruff."""

import ast
import csv
import importlib.util
import re
import shutil
import subprocess
import sys
from xml.etree import ElementTree

from odoo_env import ADDONS_DIR, ENTERPRISE_LICENSES, REPO, SUITE_ADDONS, module_license

MANIFEST_KEYS = (
    "name",
    "summary",
    "version",
    "category",
    "author",
    "website",
    "license",
    "depends",
)
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")


def _manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text(encoding="utf-8"))


def check_manifests(odoo_addon_dirs):
    problems = []
    for addon in SUITE_ADDONS:
        addon_dir = ADDONS_DIR / addon
        try:
            manifest = _manifest(addon_dir)
        except (OSError, SyntaxError, ValueError) as error:
            problems.append(f"{addon}: __manifest__.py does not parse: {error}")
            continue
        problems += [
            f"{addon}: manifest lacks {key!r}" for key in MANIFEST_KEYS if not manifest.get(key)
        ]
        if not VERSION_RE.match(manifest.get("version", "")):
            problems.append(f"{addon}: version {manifest.get('version')!r} is not 18.0.x.y.z")
        if manifest.get("license") != "LGPL-3":
            problems.append(f"{addon}: license must be LGPL-3")
        if not (addon_dir / "static/description/icon.png").is_file():
            problems.append(f"{addon}: static/description/icon.png is missing")
        for key in ("data", "demo"):
            problems += [
                f"{addon}: {key} file {name} does not exist"
                for name in manifest.get(key, [])
                if not (addon_dir / name).is_file()
            ]
        for dependency in manifest.get("depends", []):
            problems += _check_dependency(addon, dependency, odoo_addon_dirs)
    return problems


def _check_dependency(addon, dependency, odoo_addon_dirs):
    if dependency in SUITE_ADDONS:
        return []
    for addons_dir in odoo_addon_dirs:
        license_ = module_license(addons_dir / dependency)
        if license_:
            if license_ in ENTERPRISE_LICENSES:
                return [f"{addon}: depends on {dependency}, an Enterprise module ({license_})"]
            return []
    return [f"{addon}: depends on {dependency}, which is not an Odoo Community module"]


def check_xml():
    problems = []
    for path in sorted(ADDONS_DIR.rglob("*.xml")):
        try:
            ElementTree.parse(path)
        except ElementTree.ParseError as error:
            problems.append(f"{path.relative_to(REPO)}: {error}")
    return problems


def _declared_models(addon_dir):
    """Models an addon creates (``_name`` set, not abstract)."""
    models = set()
    for path in (addon_dir / "models").rglob("*.py") if (addon_dir / "models").is_dir() else []:
        models |= _models_in(path)
    for extra in ("wizards", "wizard", "report"):
        if (addon_dir / extra).is_dir():
            for path in (addon_dir / extra).rglob("*.py"):
                models |= _models_in(path)
    return models


def _models_in(path):
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base) for base in node.bases}
        if bases & {"models.AbstractModel", "AbstractModel"}:
            continue
        names, inherits = set(), set()
        for statement in node.body:
            if not isinstance(statement, ast.Assign):
                continue
            targets = {getattr(target, "id", None) for target in statement.targets}
            if "_name" in targets and isinstance(statement.value, ast.Constant):
                names.add(statement.value.value)
            if "_inherit" in targets:
                values = getattr(statement.value, "elts", [statement.value])
                inherits |= {v.value for v in values if isinstance(v, ast.Constant)}
        # _name = "res.partner" with _inherit = ["res.partner", mixin] extends, as in mail.
        found |= names - inherits
    return found


def check_access_rows():
    problems = []
    for addon in SUITE_ADDONS:
        addon_dir = ADDONS_DIR / addon
        csv_path = addon_dir / "security/ir.model.access.csv"
        covered = set()
        if csv_path.is_file():
            with csv_path.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            covered = {row["model_id:id"].split(".")[-1] for row in rows}
            # a repeated id fails the install ("cannot affect row a second time")
            ids = [row["id"] for row in rows]
            problems += [
                f"{addon}: ir.model.access.csv repeats the id {row_id}"
                for row_id in sorted({i for i in ids if ids.count(i) > 1})
            ]
        for model in sorted(_declared_models(addon_dir)):
            if "model_" + model.replace(".", "_") not in covered:
                problems.append(f"{addon}: model {model} has no ir.model.access row")
    return problems


def check_translations():
    problems = []
    for addon in SUITE_ADDONS:
        po_path = ADDONS_DIR / addon / "i18n/zh_CN.po"
        if not po_path.is_file():
            problems.append(f"{addon}: i18n/zh_CN.po is missing")
            continue
        import polib

        try:
            po = polib.pofile(str(po_path))
        except OSError as error:
            problems.append(f"{addon}: i18n/zh_CN.po does not parse: {error}")
            continue
        untranslated = [entry.msgid for entry in po if not entry.msgstr and not entry.obsolete]
        fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
        # two entries for one term (a merge keeping both sides): Odoo loads either
        keys = [(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete]
        problems += [
            f"{addon}: zh_CN.po has {msgid!r} twice"
            for _ctxt, msgid in sorted({key for key in keys if keys.count(key) > 1})
        ][:5]
        problems += [
            f"{addon}: zh_CN.po leaves {msgid!r} untranslated" for msgid in untranslated[:5]
        ]
        problems += [f"{addon}: zh_CN.po marks {msgid!r} fuzzy" for msgid in fuzzy[:5]]
        problems += [
            f"{addon}: zh_CN.po entry {msgid!r} is used in {kind} code but lacks '#. odoo-{kind}'"
            for msgid, kind in _unmarked_code_terms(po)
        ][:5]
    return problems


def _unmarked_code_terms(po):
    """Odoo loads a term for _() in Python or JS only when the entry says odoo-python /
    odoo-javascript; a hand merge that keeps the occurrence but drops the marker leaves
    that text in English."""
    for entry in po:
        markers = set((entry.comment or "").splitlines())
        code_files = [path for path, _line in entry.occurrences if path.startswith("code:")]
        for kind, wanted in (("python", True), ("javascript", False)):
            used = any(path.endswith(".py") == wanted for path in code_files)
            if used and f"odoo-{kind}" not in markers:
                yield entry.msgid, kind


def check_ruff():
    # This Python's ruff first (the checkout's virtualenv is not on PATH), then PATH's.
    ruff = shutil.which("ruff")
    own = importlib.util.find_spec("ruff") is not None
    command = [sys.executable, "-m", "ruff"] if own or not ruff else [ruff]
    probe = subprocess.run([*command, "--version"], capture_output=True, text=True)
    if probe.returncode != 0:
        return ["ruff is not installed: pip install -r requirements-dev.txt"]
    problems = []
    for args in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        result = subprocess.run(
            [*command, *args, "addons", "tests"], cwd=REPO, capture_output=True, text=True
        )
        if result.returncode != 0:
            problems.append(f"ruff {args[0]}:\n{result.stdout}{result.stderr}".rstrip())
    return problems


def run_all(odoo_addon_dirs):
    """Run every check; return the list of problems (empty when all pass)."""
    problems = []
    for check in (
        lambda: check_manifests(odoo_addon_dirs),
        check_xml,
        check_access_rows,
        check_translations,
        check_ruff,
    ):
        problems += check()
    return problems
