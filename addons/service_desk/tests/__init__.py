from . import test_service_desk_mail
from . import test_service_desk_portal
from . import test_service_desk_routing
from . import test_service_desk_ticket
from . import test_service_desk_ui
