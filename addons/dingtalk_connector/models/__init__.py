from . import dingtalk_message
from . import dingtalk_robot
from . import dingtalk_token
from . import ir_actions_server
from . import mail_activity
from . import res_company
from . import res_config_settings
from . import res_users
