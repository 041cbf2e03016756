from . import service_desk_stage, service_desk_team, service_desk_ticket
