from . import service_desk_category
from . import service_desk_routing_rule
from . import service_desk_stage
from . import service_desk_team
from . import service_desk_team_assignment
from . import service_desk_ticket
from . import service_desk_ticket_routing
