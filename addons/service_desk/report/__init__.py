from . import service_desk_ticket_report
