from . import res_partner
from . import res_company_clv
from . import res_config_settings_clv
from . import res_partner_clv
from . import res_partner_care
from . import customer_care_rule
from . import customer_care_log
