from . import test_crm_full_ui
from . import test_duplicates
from . import test_followup
from . import test_lifecycle
from . import test_pool
from . import test_pool_concurrency
from . import test_assignment
from . import test_assignment_concurrency
