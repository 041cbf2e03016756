from . import test_service_desk_sla
from . import test_service_desk_sla_flow
from . import test_service_desk_sla_performance
from . import test_service_desk_sla_replan
from . import test_service_desk_sla_security
from . import test_service_desk_ticket
from . import test_service_desk_ui
