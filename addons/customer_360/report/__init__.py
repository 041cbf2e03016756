from . import customer_timeline
