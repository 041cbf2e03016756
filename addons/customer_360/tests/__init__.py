from . import test_c360_counts
from . import test_customer_360_ui
from . import test_customer_timeline
from . import test_customer_health
