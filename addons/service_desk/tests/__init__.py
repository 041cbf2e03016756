from . import test_service_desk_ticket
