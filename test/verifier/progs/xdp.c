/* xdp: parse Ethernet/IPv4/UDP with bounds checks, drop DNS to a blocked port, count per protocol. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") stats = { .type = BPF_MAP_TYPE_PERCPU_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 256 };
struct bpf_map_def SEC("maps") blocked = { .type = BPF_MAP_TYPE_HASH, .key_size = 2, .value_size = 1, .max_entries = 64 };

SEC("xdp")
int xdp_filter(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	__u32 proto = ip->protocol;
	__u64 *cnt = bpf_map_lookup_elem(&stats, &proto);
	if (cnt)
		*cnt += 1;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	__u32 ihl = (ip->ihl_version & 0x0f) * 4;
	if (ihl < sizeof(*ip))
		return XDP_DROP;
	struct udphdr *udp = (void *)ip + ihl;
	if ((void *)(udp + 1) > data_end)
		return XDP_DROP;
	__u16 port = bpf_ntohs(udp->dest);
	if (bpf_map_lookup_elem(&blocked, &port))
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp/swap")
int xdp_swap_mac(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	__u8 tmp[6];
	__builtin_memcpy(tmp, eth->h_dest, 6);
	__builtin_memcpy(eth->h_dest, eth->h_source, 6);
	__builtin_memcpy(eth->h_source, tmp, 6);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
