from . import dingtalk_robot
