# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``python tests/odoo_all_tests.py <odoo server options>``: Odoo's test run on an
installed database, at_install tests included, with every installed module loaded.

Without ``-i``/``-u``, Odoo 18 runs each module's at_install tests while it loads
that module, before the modules that depend on it (ours) are loaded: crm's tests
would never see crm_full's code, and mail's would see a half-loaded registry.
Here they run after the whole registry is loaded, ahead of the post_install ones.
"""

import sys

import odoo.cli
from odoo.tests import loader

_make_suite = loader.make_suite


def make_suite(module_names, position="at_install"):
    if position == "at_install":  # while a module loads: later, with everything loaded
        return loader.OdooSuite([])
    return loader.OdooSuite(
        [*_make_suite(module_names, "at_install"), *_make_suite(module_names, position)]
    )


if __name__ == "__main__":
    loader.make_suite = make_suite
    sys.argv = ["odoo", *sys.argv[1:]]
    odoo.cli.main()
