from . import main
from . import login
from . import decision
