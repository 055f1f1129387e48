/* tracepoint: per-syscall counters from raw_syscalls/sys_enter, with a bounded loop over the arguments. */
#include "bpf_nodix.h"

struct sys_enter_args { __u64 common; long id; unsigned long args[6]; };

struct bpf_map_def SEC("maps") syscalls = { .type = BPF_MAP_TYPE_PERCPU_HASH, .key_size = 4, .value_size = 8, .max_entries = 512 };
struct bpf_map_def SEC("maps") argsum = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 1 };

SEC("tracepoint/raw_syscalls/sys_enter")
int count_syscalls(struct sys_enter_args *ctx)
{
	__u32 id = ctx->id;
	__u64 init = 1, *v = bpf_map_lookup_elem(&syscalls, &id);
	if (v) {
		*v += 1;
		return 0;
	}
	bpf_map_update_elem(&syscalls, &id, &init, BPF_ANY);
	return 0;
}

SEC("tp/raw_syscalls/sys_enter_args")
int sum_args(struct sys_enter_args *ctx)
{
	__u64 a[6], sum = 0;
	__u32 zero = 0;
	if (bpf_probe_read_kernel(a, sizeof(a), &ctx->args[0]) < 0)
		return 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 6; i++)
		sum += a[i];
	__u64 *slot = bpf_map_lookup_elem(&argsum, &zero);
	if (slot)
		*slot = sum;
	return 0;
}

char _license[] SEC("license") = "GPL";
