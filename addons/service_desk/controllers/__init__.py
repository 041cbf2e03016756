from . import ces
from . import portal
