from . import report_xlsx
from . import export_audit
