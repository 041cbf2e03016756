from . import crm_pool_release
