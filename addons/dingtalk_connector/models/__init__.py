from . import dingtalk_approval
from . import dingtalk_event
from . import dingtalk_message
from . import dingtalk_robot
from . import dingtalk_token
from . import res_company
