from . import events_api
from . import nps
