from . import crm_pool_release
from . import crm_assignment_preview
