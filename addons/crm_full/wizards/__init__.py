from . import crm_pool_release
from . import crm_lifecycle_move
