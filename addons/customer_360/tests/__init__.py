from . import test_c360_counts
from . import test_customer_360_ui
from . import test_customer_timeline
from . import test_customer_event_api
from . import test_customer_nps
from . import test_customer_nps_http
from . import test_customer_timeline_sources
from . import test_customer_timeline_ui
