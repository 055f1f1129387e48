/* A libbpf-style object without libbpf headers: a BTF-defined hash map, global
 * data in .bss and .rodata, a static subprogram in .text called from two
 * program sections, and a license. Built by test/verifier/elf-read.test.ts. */
#define SEC(n) __attribute__((section(n), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
typedef unsigned int __u32;
typedef unsigned long long __u64;

struct {
	__uint(type, 1); /* BPF_MAP_TYPE_HASH */
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

int hits;
const volatile int scale = 3;

static __attribute__((noinline)) int triple(int x)
{
	return x * scale;
}

SEC("kprobe/sys_open")
int count_open(void *ctx)
{
	__u32 key = 1;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		*v += 1;
	hits++;
	return triple(key);
}

SEC("xdp")
int pass(void *ctx)
{
	return triple(2) - 4;
}

char _license[] SEC("license") = "GPL";
