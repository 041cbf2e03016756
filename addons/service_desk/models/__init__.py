from . import service_desk_stage
from . import service_desk_team
from . import service_desk_ticket
from . import service_desk_sla_event
from . import service_desk_sla_policy
from . import service_desk_sla_status
from . import service_desk_ticket_sla
