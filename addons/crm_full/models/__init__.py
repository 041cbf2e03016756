from . import crm_assignment_rule
from . import crm_followup
from . import crm_lead

# before crm_lead_pool: a lead a rule takes must never enter the pool
from . import crm_lead_assignment
from . import crm_lead_duplicate
from . import crm_lead_followup
from . import crm_lead_pool
from . import crm_lifecycle_history
from . import crm_lifecycle_stage
from . import crm_pool_log
from . import crm_pool_log_assign
from . import crm_team
from . import res_company
from . import res_partner
