from . import test_c360_counts
from . import test_customer_360_ui
from . import test_customer_timeline
from . import test_clv_model
from . import test_lunar_calendar
from . import test_customer_value
from . import test_customer_care
from . import test_customer_value_dashboard
