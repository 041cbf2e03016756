from . import dingtalk_user_sync
