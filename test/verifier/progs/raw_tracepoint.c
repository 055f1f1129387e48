/* raw_tracepoint: sched_switch events into a ringbuf, with a bpf-to-bpf helper function. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") rb = { .type = BPF_MAP_TYPE_RINGBUF, .key_size = 0, .value_size = 0, .max_entries = 8192 };

struct switch_event { __u64 prev; __u64 next; __u64 ts; __u32 cpu; __u32 flags; };

static __noinline __u32 classify(__u64 prev, __u64 next)
{
	if (prev == next)
		return 0;
	return prev < next ? 1 : 2;
}

SEC("raw_tracepoint/sched_switch")
int on_switch(struct bpf_raw_tracepoint_args *ctx)
{
	struct switch_event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->prev = ctx->args[1];
	e->next = ctx->args[2];
	e->ts = bpf_ktime_get_ns();
	e->cpu = bpf_get_smp_processor_id();
	e->flags = classify(e->prev, e->next);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char _license[] SEC("license") = "GPL";
