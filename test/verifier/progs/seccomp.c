/* seccomp (nodix's eBPF seccomp type): deny a few syscalls by number, allow the rest, count denials. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") denied = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 1 };

SEC("seccomp")
int filter(struct seccomp_data *ctx)
{
	__u32 zero = 0;
	if (ctx->arch != 0xc00000f3) /* AUDIT_ARCH_RISCV64 */
		return SECCOMP_RET_KILL_PROCESS;
	switch (ctx->nr) {
	case 221: /* execve */
	case 129: /* kill */
	{
		__u64 *n = bpf_map_lookup_elem(&denied, &zero);
		if (n)
			*n += 1;
		return SECCOMP_RET_ERRNO | 1;
	}
	default:
		return SECCOMP_RET_ALLOW;
	}
}

char _license[] SEC("license") = "GPL";
