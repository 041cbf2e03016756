from . import crm_lead
from . import crm_lead_pool
from . import crm_lifecycle_history
from . import crm_lifecycle_stage
from . import crm_pool_log
from . import crm_team
from . import res_company
from . import res_partner
