from . import test_crm_full_ui
from . import test_lifecycle
