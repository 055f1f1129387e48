/* Maps declared the libbpf way (BTF-defined, section ".maps"; built with -g). */
#include "bpf_nodix.h"

#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("kprobe/btf")
int count_and_log(struct pt_regs *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 *c = bpf_map_lookup_elem(&counts, &pid);
	if (c)
		__sync_fetch_and_add(c, 1);
	else {
		__u64 one = 1;
		bpf_map_update_elem(&counts, &pid, &one, BPF_ANY);
	}
	bpf_ringbuf_output(&events, &pid, sizeof(pid), 0);
	return 0;
}

char _license[] SEC("license") = "GPL";
