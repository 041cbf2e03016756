from . import test_dingtalk_activity
from . import test_dingtalk_connector_ui
from . import test_dingtalk_neutralize
from . import test_dingtalk_robot
from . import test_dingtalk_server_action
from . import test_dingtalk_settings
from . import test_dingtalk_user_sync
