from . import ces
from . import portal
from . import rating
