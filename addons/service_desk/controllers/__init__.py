from . import ces
