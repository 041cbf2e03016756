# Copyright 2026 Full Customer Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared by bench_service_desk_sla.py and its OCA worker: one scenario, two helpdesks.

Both sides run the same steps on their own database, through the same measuring
code, so the ratios compare like with like:

- create ``size`` tickets in calls of ``CREATE_BATCH`` (an import, an e-mail burst)
  and ``single`` more tickets one ``create`` call each (a ticket arriving);
- move every ticket through the same stage changes (in progress, waiting on the
  customer, in progress again, solved), in calls of ``WRITE_BATCH`` for the bulk and
  one ``write`` per ticket for the single ones.

Each figure is the median over its calls, per ticket.
"""

import os
import statistics
import time

CREATE_BATCH = 100
WRITE_BATCH = 500
# stage changes of the scenario, as keys of a system's "stages" mapping
TRANSITIONS = ("in_progress", "waiting", "in_progress", "done")
# 3 SLAs, split by priority: (priority or None for "any other", resolution hours)
SLAS = (("3", 2), ("2", 4), (None, 8))


def settings():
    """Scale from the environment (set by ``tests/benchmarks/run --size/--quick``)."""
    size = int(os.environ.get("BENCH_SIZE") or 50000)
    return {
        "size": size,
        "single": min(size, int(os.environ.get("BENCH_SINGLE") or 200)),
    }


def ticket_values(index, team_id):
    """Same subject, description, priority spread and team on both sides."""
    return {
        "name": f"Bench ticket {index}",
        "description": f"<p>Printer {index} does not print.</p>",
        "team_id": team_id,
        "priority": str(index % 4),
    }


class Meter:
    """Per-ticket time and query count of one call, database work included."""

    def __init__(self, env):
        self.env = env
        self.cr = env.cr

    def __call__(self, count, function):
        self.env.flush_all()
        self.env.invalidate_all()
        queries, start = self.cr.sql_log_count, time.perf_counter()
        result = function()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - queries
        return result, (elapsed * 1000 / count, queries / count)


def median_pair(samples):
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
    )


def run_scenario(env, model, stages, values, size, single, checkpoints=None, log=print):
    """Run the scenario; :return: {label: (ms per ticket, queries per ticket)}.

    ``stages``: {transition key: stage id}; ``values(index)``: create values;
    ``checkpoints``: {open ticket count: callable(tickets so far)} run between batches.
    """
    meter = Meter(env)
    Model = env[model]
    checkpoints = dict(checkpoints or {})
    results = {}
    bulk_ids, samples = [], []
    started = time.perf_counter()
    first = 0
    while first < size:
        # a batch never crosses a checkpoint: it runs at exactly that many tickets
        count = min([CREATE_BATCH, size - first] + [at - first for at in checkpoints if at > first])
        tickets, sample = meter(
            count, lambda f=first, c=count: Model.create([values(f + i) for i in range(c)])
        )
        bulk_ids += tickets.ids
        samples.append(sample)
        for at in sorted(at for at in checkpoints if at <= len(bulk_ids)):
            checkpoints.pop(at)(Model.browse(bulk_ids))
        if len(samples) % 50 == 0:
            log(
                f"  {model}: {len(bulk_ids)} tickets created ({time.perf_counter() - started:.0f} s)"
            )
        first += count
    results[f"create, {CREATE_BATCH} per call"] = median_pair(samples)
    single_ids, samples = [], []
    for index in range(size, size + single):
        ticket, sample = meter(1, lambda i=index: Model.create([values(i)]))
        single_ids.append(ticket.id)
        samples.append(sample)
    results["create, 1 per call"] = median_pair(samples)

    batch_all, single_all = [], []
    for step, key in enumerate(TRANSITIONS, start=1):
        vals = {"stage_id": stages[key]}
        samples = []
        for first in range(0, len(bulk_ids), WRITE_BATCH):
            chunk = Model.browse(bulk_ids[first : first + WRITE_BATCH])
            samples.append(meter(len(chunk), lambda c=chunk, v=vals: c.write(v))[1])
        batch_all += samples
        results[f"stage {step} -> {key}, {WRITE_BATCH} per call"] = median_pair(samples)
        samples = []
        for ticket_id in single_ids:
            ticket = Model.browse(ticket_id)
            samples.append(meter(1, lambda t=ticket, v=vals: t.write(v))[1])
        single_all += samples
        results[f"stage {step} -> {key}, 1 per call"] = median_pair(samples)
        log(f"  {model}: stage change {step} done ({time.perf_counter() - started:.0f} s)")
    results[f"stage change, {WRITE_BATCH} per call"] = median_pair(batch_all)
    results["stage change, 1 per call"] = median_pair(single_all)
    return results


def print_table(title, results, baseline=None):
    """Figures side by side; ``baseline``: the OCA figures of the same labels."""
    print(f"\n{title}")
    if baseline:
        print(
            f"{'':<34} {'ours ms':>8} {'OCA ms':>8} {'ratio':>6}   "
            f"{'ours q':>7} {'OCA q':>7} {'ratio':>6}"
        )
    for label, (ms, queries) in results.items():
        if baseline and label in baseline:
            oca_ms, oca_q = baseline[label]
            print(
                f"{label:<34} {ms:8.2f} {oca_ms:8.2f} {_ratio(ms, oca_ms):>6}   "
                f"{queries:7.2f} {oca_q:7.2f} {_ratio(queries, oca_q):>6}"
            )
        else:
            print(f"{label:<34} {ms:8.2f} ms/ticket {queries:7.2f} queries/ticket")


def _ratio(ours, theirs):
    return f"{ours / theirs:.2f}x" if theirs else "-"
