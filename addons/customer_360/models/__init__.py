from . import res_partner
from . import customer_health_model
from . import customer_health_snapshot
from . import res_partner_health
from . import service_desk_ticket
