/* A map-free program for `nodix bpf run --elf`: adds the first two bytes of its memory. */
#define SEC(n) __attribute__((section(n), used))
SEC("xdp")
int add_bytes(unsigned char *p)
{
	return p[0] + p[1];
}
char _license[] SEC("license") = "GPL";
