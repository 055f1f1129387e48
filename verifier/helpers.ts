// Helper prototypes by Linux id (enum bpf_func_id; struct bpf_func_proto): the
// argument and return types the verifier checks every call against. Program
// types choose which of these they may call (progtypes.ts).

export enum Arg {
  DONTCARE = 0,
  ANYTHING,
  CONST_MAP_PTR,
  PTR_TO_MAP_KEY,
  PTR_TO_MAP_VALUE,
  /** Readable memory of the size given by the next argument. */
  PTR_TO_MEM,
  /** Same, or NULL (size must then be 0). */
  PTR_TO_MEM_OR_NULL,
  /** Writable memory the helper fills (need not be initialised). */
  PTR_TO_UNINIT_MEM,
  CONST_SIZE,
  CONST_SIZE_OR_ZERO,
  PTR_TO_CTX,
  /** A record from ringbuf_reserve (releases it). */
  PTR_TO_ALLOC_MEM,
  /** A constant size for an allocation. */
  CONST_ALLOC_SIZE_OR_ZERO,
  PTR_TO_FUNC,
  PTR_TO_STACK_OR_NULL,
  /** A constant zero (reserved flags). */
  CONST_ZERO,
}

export enum Ret {
  INTEGER = 0,
  VOID,
  PTR_TO_MAP_VALUE_OR_NULL,
  PTR_TO_ALLOC_MEM_OR_NULL,
}

export interface HelperProto {
  readonly id: number;
  readonly name: string;
  readonly args: readonly Arg[];
  readonly ret: Ret;
  /** Map types accepted by the CONST_MAP_PTR argument (undefined: any map a program may access). */
  readonly mapTypes?: readonly number[];
  /** The helper may move or resize the packet: every packet pointer is invalidated. */
  readonly changesPkt?: boolean;
  /** Needs privileges (not for unprivileged programs). */
  readonly priv?: boolean;
  /** Returns in [0, 2^32) (e.g. get_prandom_u32). */
  readonly ret32?: boolean;
}


const HASHLIKE = [1, 2, 5, 6, 9, 10];
const P = (id: number, name: string, args: Arg[], ret: Ret = Ret.INTEGER, extra: Partial<HelperProto> = {}): HelperProto =>
  ({ id, name, args, ret, ...extra });

export const HELPERS: readonly HelperProto[] = [
  P(1, 'map_lookup_elem', [Arg.CONST_MAP_PTR, Arg.PTR_TO_MAP_KEY], Ret.PTR_TO_MAP_VALUE_OR_NULL, { mapTypes: HASHLIKE }),
  P(2, 'map_update_elem', [Arg.CONST_MAP_PTR, Arg.PTR_TO_MAP_KEY, Arg.PTR_TO_MAP_VALUE, Arg.ANYTHING], Ret.INTEGER, { mapTypes: HASHLIKE }),
  P(3, 'map_delete_elem', [Arg.CONST_MAP_PTR, Arg.PTR_TO_MAP_KEY], Ret.INTEGER, { mapTypes: HASHLIKE }),
  P(4, 'probe_read', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(5, 'ktime_get_ns', []),
  P(6, 'trace_printk', [Arg.PTR_TO_MEM, Arg.CONST_SIZE], Ret.INTEGER, { priv: true }),
  P(7, 'get_prandom_u32', [], Ret.INTEGER, { ret32: true }),
  P(8, 'get_smp_processor_id', [], Ret.INTEGER, { ret32: true }),
  P(9, 'skb_store_bytes', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.PTR_TO_MEM, Arg.CONST_SIZE, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(10, 'l3_csum_replace', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(11, 'l4_csum_replace', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(12, 'tail_call', [Arg.PTR_TO_CTX, Arg.CONST_MAP_PTR, Arg.ANYTHING], Ret.VOID, { mapTypes: [3] }),
  P(13, 'clone_redirect', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(14, 'get_current_pid_tgid', []),
  P(15, 'get_current_uid_gid', []),
  P(16, 'get_current_comm', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE]),
  P(17, 'get_cgroup_classid', [Arg.PTR_TO_CTX], Ret.INTEGER, { ret32: true }),
  P(18, 'skb_vlan_push', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(19, 'skb_vlan_pop', [Arg.PTR_TO_CTX], Ret.INTEGER, { changesPkt: true }),
  P(22, 'perf_event_read', [Arg.CONST_MAP_PTR, Arg.ANYTHING], Ret.INTEGER, { mapTypes: [4] }),
  P(23, 'redirect', [Arg.ANYTHING, Arg.ANYTHING]),
  P(24, 'get_route_realm', [Arg.PTR_TO_CTX], Ret.INTEGER, { ret32: true }),
  P(25, 'perf_event_output', [Arg.PTR_TO_CTX, Arg.CONST_MAP_PTR, Arg.ANYTHING, Arg.PTR_TO_MEM, Arg.CONST_SIZE_OR_ZERO], Ret.INTEGER, { mapTypes: [4] }),
  P(26, 'skb_load_bytes', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE]),
  P(27, 'get_stackid', [Arg.PTR_TO_CTX, Arg.CONST_MAP_PTR, Arg.ANYTHING], Ret.INTEGER, { mapTypes: [7] }),
  P(28, 'csum_diff', [Arg.PTR_TO_MEM_OR_NULL, Arg.CONST_SIZE_OR_ZERO, Arg.PTR_TO_MEM_OR_NULL, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING]),
  P(31, 'skb_change_proto', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(32, 'skb_change_type', [Arg.PTR_TO_CTX, Arg.ANYTHING]),
  P(34, 'get_hash_recalc', [Arg.PTR_TO_CTX], Ret.INTEGER, { ret32: true }),
  P(35, 'get_current_task', [], Ret.INTEGER, { priv: true }),
  P(36, 'probe_write_user', [Arg.ANYTHING, Arg.PTR_TO_MEM, Arg.CONST_SIZE], Ret.INTEGER, { priv: true }),
  P(38, 'skb_change_tail', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(39, 'skb_pull_data', [Arg.PTR_TO_CTX, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(41, 'set_hash_invalid', [Arg.PTR_TO_CTX], Ret.VOID),
  P(42, 'get_numa_node_id', [], Ret.INTEGER, { ret32: true }),
  P(43, 'skb_change_head', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(44, 'xdp_adjust_head', [Arg.PTR_TO_CTX, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(45, 'probe_read_str', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(46, 'get_socket_cookie', [Arg.PTR_TO_CTX]),
  P(47, 'get_socket_uid', [Arg.PTR_TO_CTX], Ret.INTEGER, { ret32: true }),
  P(48, 'set_hash', [Arg.PTR_TO_CTX, Arg.ANYTHING]),
  P(50, 'skb_adjust_room', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(51, 'redirect_map', [Arg.CONST_MAP_PTR, Arg.ANYTHING, Arg.ANYTHING], Ret.INTEGER, { mapTypes: [14, 16, 17, 25] }),
  P(54, 'xdp_adjust_meta', [Arg.PTR_TO_CTX, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(58, 'override_return', [Arg.PTR_TO_CTX, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(65, 'xdp_adjust_tail', [Arg.PTR_TO_CTX, Arg.ANYTHING], Ret.INTEGER, { changesPkt: true }),
  P(67, 'get_stack', [Arg.PTR_TO_CTX, Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(68, 'skb_load_bytes_relative', [Arg.PTR_TO_CTX, Arg.ANYTHING, Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE, Arg.ANYTHING]),
  P(80, 'get_current_cgroup_id', []),
  P(109, 'send_signal', [Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(112, 'probe_read_user', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(113, 'probe_read_kernel', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(114, 'probe_read_user_str', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(115, 'probe_read_kernel_str', [Arg.PTR_TO_UNINIT_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(117, 'send_signal_thread', [Arg.ANYTHING], Ret.INTEGER, { priv: true }),
  P(118, 'jiffies64', []),
  P(125, 'ktime_get_boot_ns', []),
  P(130, 'ringbuf_output', [Arg.CONST_MAP_PTR, Arg.PTR_TO_MEM, Arg.CONST_SIZE_OR_ZERO, Arg.ANYTHING], Ret.INTEGER, { mapTypes: [27] }),
  P(131, 'ringbuf_reserve', [Arg.CONST_MAP_PTR, Arg.CONST_ALLOC_SIZE_OR_ZERO, Arg.ANYTHING], Ret.PTR_TO_ALLOC_MEM_OR_NULL, { mapTypes: [27] }),
  P(132, 'ringbuf_submit', [Arg.PTR_TO_ALLOC_MEM, Arg.ANYTHING], Ret.VOID),
  P(133, 'ringbuf_discard', [Arg.PTR_TO_ALLOC_MEM, Arg.ANYTHING], Ret.VOID),
  P(134, 'ringbuf_query', [Arg.CONST_MAP_PTR, Arg.ANYTHING], Ret.INTEGER, { mapTypes: [27] }),
  P(160, 'ktime_get_coarse_ns', []),
  P(181, 'loop', [Arg.ANYTHING, Arg.PTR_TO_FUNC, Arg.PTR_TO_STACK_OR_NULL, Arg.ANYTHING], Ret.INTEGER, { priv: true }),
];

export const BPF_FUNC_tail_call = 12;
export const BPF_FUNC_ringbuf_reserve = 131;
export const BPF_FUNC_loop = 181;

const byId = new Map(HELPERS.map((h) => [h.id, h]));
export const helperById = (id: number): HelperProto | undefined => byId.get(id);
export const helperName = (id: number): string => `bpf_${byId.get(id)?.name ?? 'unknown'}#${id}`;
