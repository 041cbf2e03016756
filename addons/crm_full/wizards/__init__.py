from . import crm_pool_release
from . import crm_approval_decision
from . import crm_lifecycle_move
from . import crm_assignment_preview
from . import crm_lead_to_opportunity
from . import crm_handover_wizard
