from . import crm_lead, crm_lifecycle_history, crm_lifecycle_stage, res_partner
