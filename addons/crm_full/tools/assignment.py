# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who gets which lead of one assignment rule. Plain Python, no ORM."""

import heapq


def distribute(lead_ids, members, loads, method, cap=0, last_member=None, excluded=None):
    """Hand ``lead_ids`` out to ``members`` in order; leads nobody can take stay out.

    :param lead_ids: ids in the order they should be handed out
    :param members: member ids, in the rule's fixed order
    :param loads: {member: open leads held}; updated in place with what is handed out
    :param method: "round_robin" (next after ``last_member``) or "balanced" (fewest open)
    :param cap: most open leads a member may hold, 0 for no cap
    :param last_member: who got the previous lead of this rule (round-robin position)
    :param excluded: {lead: members who may not get it}, e.g. who released it lately
    :return: ({lead: member}, last member served or ``last_member``)
    """
    result = {}
    excluded = excluded or {}
    if not members or not lead_ids:
        return result, last_member

    def has_room(member):
        return not cap or loads.get(member, 0) < cap

    if method == "balanced":
        # (load, rank) keeps ties in the rule's member order, so runs are repeatable.
        heap = [(loads.get(m, 0), rank, m) for rank, m in enumerate(members) if has_room(m)]
        heapq.heapify(heap)
        for lead_id in lead_ids:
            if not heap:
                break
            barred, skipped = excluded.get(lead_id, ()), []
            while heap and heap[0][2] in barred:
                skipped.append(heapq.heappop(heap))
            if heap:
                load, rank, member = heapq.heappop(heap)
                result[lead_id] = member
                loads[member] = load + 1
                last_member = member
                if has_room(member):
                    heapq.heappush(heap, (load + 1, rank, member))
            for entry in skipped:
                heapq.heappush(heap, entry)
        return result, last_member

    position = members.index(last_member) + 1 if last_member in members else 0
    count = len(members)
    for lead_id in lead_ids:
        barred = excluded.get(lead_id, ())
        for step in range(count):
            member = members[(position + step) % count]
            if has_room(member) and member not in barred:
                break
        else:
            if any(has_room(member) for member in members):
                continue  # only barred members have room: this lead falls through
            break  # everybody is full: the rest falls through to the next rule
        result[lead_id] = member
        loads[member] = loads.get(member, 0) + 1
        last_member = member
        position = (position + step + 1) % count
    return result, last_member
