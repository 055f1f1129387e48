/* Legacy `maps` section (struct bpf_map_def) as older samples use. */
#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def {
	unsigned int type, key_size, value_size, max_entries, map_flags;
};
struct bpf_map_def SEC("maps") events = { 2, 4, 16, 8, 0 };
struct bpf_map_def SEC("maps") table = { 1, 8, 8, 1024, 1 };

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

SEC("socket")
int filter(void *skb)
{
	unsigned int k = 0;
	unsigned long long k2 = 0;
	void *a = bpf_map_lookup_elem(&events, &k);
	void *b = bpf_map_lookup_elem(&table, &k2);
	return (a != 0) + (b != 0);
}

char _license[] SEC("license") = "Dual BSD/GPL";
