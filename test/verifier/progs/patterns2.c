/* More shapes from real programs: a loop over a map value array with a
 * variable bound, IPv4/IPv6 dispatch with nested header parsing, a kernel
 * struct read through probe_read, and a per-CPU scratch buffer indexed by a
 * masked length. */
#include "bpf_nodix.h"

struct stats { __u32 n; __u32 pad; __u64 hist[16]; };
struct bpf_map_def SEC("maps") st = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = sizeof(struct stats), .max_entries = 4 };
struct bpf_map_def SEC("maps") scratch = { .type = BPF_MAP_TYPE_PERCPU_ARRAY, .key_size = 4, .value_size = 256, .max_entries = 1 };

struct ipv6hdr { __u8 vtc; __u8 flow[3]; __u16 payload_len; __u8 nexthdr; __u8 hop_limit; __u8 saddr[16]; __u8 daddr[16]; };
struct task { int pid; int tgid; char comm[16]; };

SEC("tracepoint/sum")
int sum_hist(void *ctx)
{
	__u32 key = 0;
	struct stats *s = bpf_map_lookup_elem(&st, &key);
	if (!s)
		return 0;
	__u64 sum = 0;
	__u32 n = s->n;
#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < 16 && i < n; i++)
		sum += s->hist[i];
	s->hist[0] = sum;
	return 0;
}

SEC("tc/dispatch")
int dispatch(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return TC_ACT_OK;
	__u8 l4;
	void *l4h;
	switch (bpf_ntohs(eth->h_proto)) {
	case ETH_P_IP: {
		struct iphdr *ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > end)
			return TC_ACT_SHOT;
		l4 = ip->protocol;
		l4h = (void *)(ip + 1);
		break;
	}
	case 0x86dd: {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > end)
			return TC_ACT_SHOT;
		l4 = ip6->nexthdr;
		l4h = (void *)(ip6 + 1);
		break;
	}
	default:
		return TC_ACT_OK;
	}
	if (l4 == IPPROTO_UDP) {
		struct udphdr *udp = l4h;
		if ((void *)(udp + 1) > end)
			return TC_ACT_SHOT;
		skb->mark = bpf_ntohs(udp->dest);
	}
	return TC_ACT_OK;
}

SEC("kprobe/task")
int read_task(struct pt_regs *ctx)
{
	struct task t;
	if (bpf_probe_read_kernel(&t, sizeof(t), (void *)ctx->a0) < 0)
		return 0;
	__u32 zero = 0;
	char *buf = bpf_map_lookup_elem(&scratch, &zero);
	if (!buf)
		return 0;
	__u32 len = t.pid & 0xff;
	buf[len] = t.comm[0];
	bpf_probe_read_kernel(buf, len & 0x7f, (void *)ctx->a1);
	return t.tgid == t.pid;
}

char _license[] SEC("license") = "GPL";
