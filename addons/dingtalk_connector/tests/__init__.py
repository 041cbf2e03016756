from . import test_dingtalk_connector_ui
from . import test_dingtalk_fault
from . import test_dingtalk_message
from . import test_dingtalk_robot
