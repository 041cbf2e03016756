from . import service_desk_sla_replan
from . import service_desk_cn_holiday_load
