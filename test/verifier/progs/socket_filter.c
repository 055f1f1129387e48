/* socket_filter: count IPv4 packets per L4 protocol with legacy packet loads; keep TCP only. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") proto_count = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8, .max_entries = 256 };

SEC("socket")
int count_protocols(struct __sk_buff *skb)
{
	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 0;
	__u32 proto = load_byte(skb, 14 + 9);
	__u64 *count = bpf_map_lookup_elem(&proto_count, &proto);
	if (count)
		__sync_fetch_and_add(count, 1);
	return proto == IPPROTO_TCP ? skb->len : 0;
}

SEC("socket/copy")
int copy_header(struct __sk_buff *skb)
{
	__u8 hdr[14];
	if (bpf_skb_load_bytes(skb, 0, hdr, sizeof(hdr)) < 0)
		return 0;
	skb->cb[0] = hdr[12] << 8 | hdr[13];
	return hdr[0] & 1 ? 0 : skb->len;
}

char _license[] SEC("license") = "GPL";
