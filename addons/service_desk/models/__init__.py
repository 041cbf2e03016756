from . import service_desk_stage, service_desk_team, service_desk_ticket
from . import service_desk_ces_response
from . import service_desk_ticket_metrics
from . import service_desk_ticket_rating
