from . import res_partner
from . import customer_event
from . import customer_nps_response
from . import customer_nps_survey
from . import res_partner_feedback
