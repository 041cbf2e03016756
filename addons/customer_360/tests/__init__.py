from . import test_c360_counts
