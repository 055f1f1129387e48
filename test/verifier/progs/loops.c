/* Loops and calls as clang emits them: a bounded scan of a map value, a
 * checksum over a stack buffer with a variable index, and bpf-to-bpf calls. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") table = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 64, .max_entries = 4 };

static __noinline __u64 mix(__u64 a, __u64 b)
{
	return (a ^ b) * 0x9e3779b97f4a7c15ULL;
}

static __noinline int find_byte(__u8 *buf, __u32 n, __u8 want)
{
#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < 64; i++) {
		if (i >= n)
			break;
		if (buf[i] == want)
			return i;
	}
	return -1;
}

SEC("kprobe/scan")
int scan(struct pt_regs *ctx)
{
	__u32 key = ctx->a0 & 3;
	__u8 *v = bpf_map_lookup_elem(&table, &key);
	if (!v)
		return 0;
	int at = find_byte(v, ctx->a1 & 63, 0x2f);
	__u8 buf[32];
	__builtin_memset(buf, 0, sizeof(buf));
	if (at >= 0 && at < 32)
		buf[at] = 1;
	__u64 h = 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 32; i++)
		h = mix(h, buf[i]);
	return h & 1;
}

char _license[] SEC("license") = "GPL";
