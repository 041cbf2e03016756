from . import test_dingtalk_robot
