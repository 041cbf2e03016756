from . import test_service_desk_ces_http
from . import test_service_desk_csat
from . import test_service_desk_metrics
from . import test_service_desk_report
from . import test_service_desk_solve_ui
from . import test_service_desk_ticket
from . import test_service_desk_ui
