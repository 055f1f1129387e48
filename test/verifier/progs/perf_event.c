/* perf_event: sample counting per CPU, folding the sample period in a bounded loop.
 * (A bpf_loop callback version needs the ELF reader to turn an lddw of a function
 * symbol into BPF_PSEUDO_FUNC; see calls.case for bpf_loop in assembly.) */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") samples = { .type = BPF_MAP_TYPE_PERCPU_ARRAY, .key_size = 4, .value_size = 16, .max_entries = 1 };

SEC("perf_event")
int on_sample(struct bpf_perf_event_data *ctx)
{
	__u32 zero = 0;
	__u64 period = ctx->sample_period, acc = 0;
#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < 8; i++)
		acc = acc * 31 + (period >> i);
	__u64 *v = bpf_map_lookup_elem(&samples, &zero);
	if (!v)
		return 0;
	v[0] += 1;
	v[1] ^= acc ^ ctx->regs.pc;
	return 0;
}

char _license[] SEC("license") = "GPL";
