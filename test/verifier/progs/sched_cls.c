/* sched_cls: mark packets by IPv4 TOS using direct packet access, with a tail call to a second stage. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") stages = { .type = BPF_MAP_TYPE_PROG_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 4 };

SEC("tc")
int classify(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return TC_ACT_SHOT;
	skb->mark = ip->tos >> 2;
	skb->priority = ip->tos & 3;
	if (ip->ttl <= 1)
		return TC_ACT_SHOT;
	bpf_tail_call(skb, &stages, 1);
	return TC_ACT_OK;
}

SEC("classifier/stage1")
int stage1(struct __sk_buff *skb)
{
	__u32 word;
	if (bpf_skb_load_bytes(skb, 12, &word, sizeof(word)) < 0)
		return TC_ACT_SHOT;
	skb->cb[1] = word;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
