from . import crm_report_xlsx
from . import crm_report_stage_funnel
from . import crm_report_lifecycle_funnel
from . import crm_report_leaderboard
from . import crm_report_forecast
from . import crm_report_followup_delay
from . import crm_report_renewal
from . import crm_report_activity
