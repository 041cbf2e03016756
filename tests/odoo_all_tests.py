# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``python tests/odoo_all_tests.py <odoo server options>``: Odoo's test run on an
installed database, at_install tests included.

Odoo runs a module's at_install tests only while it installs it, before the
modules that depend on it (ours) are loaded. Run with ``--test-enable`` and no
``-i``/``-u``, Odoo runs only the post_install tests of the registry; this adds
the at_install ones ahead of them, so they run with every installed module's code.
"""

import sys

import odoo.cli
from odoo.tests import loader

_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    suite = _make_suite(module_names, position)
    if position == "post_install":
        suite = loader.OdooSuite([*_make_suite(module_names, "at_install"), *suite])
    return suite


if __name__ == "__main__":
    loader.make_suite = make_suite
    sys.argv = ["odoo", *sys.argv[1:]]
    odoo.cli.main()
