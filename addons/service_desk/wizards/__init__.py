from . import service_desk_sla_replan
