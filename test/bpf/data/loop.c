/* bpf_loop with C callbacks: a static one (relocated against .text + offset)
 * and a global one (relocated against its symbol). */
typedef unsigned long long __u64;
typedef unsigned int __u32;
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_loop)(__u32 nr, void *fn, void *ctx, __u64 flags) = (void *)181;

struct acc { __u64 sum; };

static int add_index(__u32 i, void *ctx) {
	struct acc *a = ctx;
	a->sum += i;
	return 0;
}

__attribute__((noinline)) int stop_at_five(__u32 i, void *ctx) {
	struct acc *a = ctx;
	a->sum += 100;
	return i >= 4;
}

SEC("raw_tracepoint/sys_enter")
int sum(void *ctx) {
	struct acc a = { 0 };
	bpf_loop(10, add_index, &a, 0);
	bpf_loop(1000, stop_at_five, &a, 0);
	return (int)a.sum;
}

char LICENSE[] SEC("license") = "GPL";
