from . import customer_timeline
from . import customer_timeline_page
from . import customer_repurchase_report
from . import customer_churn_risk
from . import customer_region_report
