/* Common clang -O2 shapes from real programs: global data (.rodata/.bss), a
 * bounded byte scan of the packet with the check inside the loop, an index
 * from the packet into a map value array, a masked variable-length probe read,
 * struct values updated with atomics, and 32-bit arithmetic. */
#include "bpf_nodix.h"

struct flow { __u64 packets; __u64 bytes; __u32 last_len; __u32 hist[16]; };

struct bpf_map_def SEC("maps") flows = { .type = BPF_MAP_TYPE_LRU_HASH, .key_size = 8, .value_size = sizeof(struct flow), .max_entries = 1024 };
struct bpf_map_def SEC("maps") rb = { .type = BPF_MAP_TYPE_RINGBUF, .key_size = 0, .value_size = 0, .max_entries = 4096 };

const volatile __u32 max_scan = 48;
__u64 total_packets = 0;

SEC("xdp/scan")
int scan_payload(struct xdp_md *ctx)
{
	__u8 *p = (void *)(long)ctx->data;
	__u8 *end = (void *)(long)ctx->data_end;
	__u32 colons = 0;
	__sync_fetch_and_add(&total_packets, 1);
#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < 64; i++) {
		if (i >= max_scan)
			break;
		if (p + i + 1 > end)
			break;
		if (p[i] == ':')
			colons++;
	}
	return colons > 3 ? XDP_DROP : XDP_PASS;
}

SEC("xdp/flow")
int track_flow(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	__u64 key = ((__u64)ip->saddr << 32) | ip->daddr;
	__u32 len = data_end - data;
	struct flow *f = bpf_map_lookup_elem(&flows, &key);
	if (!f) {
		struct flow nf = {};
		nf.packets = 1;
		nf.bytes = len;
		bpf_map_update_elem(&flows, &key, &nf, BPF_NOEXIST);
		return XDP_PASS;
	}
	__sync_fetch_and_add(&f->packets, 1);
	__sync_fetch_and_add(&f->bytes, len);
	f->last_len = len;
	__u32 bucket = ip->ttl >> 4;
	if (bucket < 16)
		f->hist[bucket]++;
	return XDP_PASS;
}

struct exec_event { __u32 pid; __u32 len; char arg[64]; };

SEC("kprobe/execve")
int probe_exec(struct pt_regs *ctx)
{
	struct exec_event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	__u32 len = (__u32)PT_REGS_PARM3(ctx) & 63;
	e->len = len;
	bpf_probe_read_user(e->arg, len, (void *)PT_REGS_PARM1(ctx));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("socket/hash")
int hash_packet(struct __sk_buff *skb)
{
	__u32 h = 2166136261u;
	__u8 buf[16];
	if (bpf_skb_load_bytes(skb, 0, buf, sizeof(buf)) < 0)
		return 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 16; i++)
		h = (h ^ buf[i]) * 16777619u;
	skb->cb[2] = h;
	return (h & 7) == 0 ? skb->len : 0;
}

char _license[] SEC("license") = "GPL";
