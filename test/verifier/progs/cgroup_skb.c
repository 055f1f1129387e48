/* cgroup_skb: per-cgroup byte accounting; drop packets above a configured size. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") bytes = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 2 };
struct bpf_map_def SEC("maps") config = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 1 };

SEC("cgroup_skb/egress")
int account(struct __sk_buff *skb)
{
	__u32 dir = 1, zero = 0;
	__u64 *b = bpf_map_lookup_elem(&bytes, &dir);
	if (b)
		__sync_fetch_and_add(b, skb->len);
	__u32 *limit = bpf_map_lookup_elem(&config, &zero);
	if (limit && *limit && skb->len > *limit)
		return 0;
	return 1;
}

char _license[] SEC("license") = "GPL";
