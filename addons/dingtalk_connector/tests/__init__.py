from . import test_dingtalk_approval
from . import test_dingtalk_callback
from . import test_dingtalk_connector_ui
from . import test_dingtalk_crypto
from . import test_dingtalk_event
from . import test_dingtalk_fault
from . import test_dingtalk_message
from . import test_dingtalk_robot
