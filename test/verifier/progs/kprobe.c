/* kprobe: trace openat with the file name and process name, sent through a perf event array and a ringbuf. */
#include "bpf_nodix.h"

struct bpf_map_def SEC("maps") events = { .type = BPF_MAP_TYPE_PERF_EVENT_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 8 };
struct bpf_map_def SEC("maps") rb = { .type = BPF_MAP_TYPE_RINGBUF, .key_size = 0, .value_size = 0, .max_entries = 4096 };
struct bpf_map_def SEC("maps") calls = { .type = BPF_MAP_TYPE_HASH, .key_size = 4, .value_size = 8, .max_entries = 1024 };

struct event { __u32 pid; __u32 uid; __u64 ts; char comm[16]; char path[64]; };

SEC("kprobe/do_sys_openat2")
int trace_openat(struct pt_regs *ctx)
{
	struct event e = {};
	e.pid = bpf_get_current_pid_tgid() >> 32;
	e.uid = (__u32)bpf_get_current_uid_gid();
	e.ts = bpf_ktime_get_ns();
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_probe_read_user_str(e.path, sizeof(e.path), (void *)PT_REGS_PARM2(ctx));
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}

SEC("kretprobe/do_sys_openat2")
int trace_openat_ret(struct pt_regs *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->ts = bpf_ktime_get_ns();
	if ((long)PT_REGS_RC(ctx) < 0) {
		bpf_ringbuf_discard(e, 0);
		return 0;
	}
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/count")
int count_calls(struct pt_regs *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *v = bpf_map_lookup_elem(&calls, &pid);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&calls, &pid, &one, BPF_NOEXIST);
	return 0;
}

char _license[] SEC("license") = "GPL";
