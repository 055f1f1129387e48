// Module parameters (Linux kernel/params.c): "key=value key2=value2" with
// quoting ("key=\"a b\""), typed int/string/bool; defaults for the rest.
// An unknown key or a value of the wrong type is refused (EINVAL) with a
// message naming the parameter.

export type ParamValue = number | string | boolean;
export type ParamSpecs = Readonly<Record<string, { type?: unknown; default?: unknown; description?: unknown }>>;

/** Splits the parameter string into [key, value|null] pairs. */
export function splitParams(text: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    let tok = '', quoted = false;
    while (i < text.length && (quoted || !/\s/.test(text[i]))) {
      if (text[i] === '"') quoted = !quoted; else tok += text[i];
      i++;
    }
    const eq = tok.indexOf('=');
    out.push(eq < 0 ? [tok, null] : [tok.slice(0, eq), tok.slice(eq + 1)]);
  }
  return out;
}

/** Parses text against specs; returns the values or a message. */
export function parseParams(specs: ParamSpecs, text: string): Record<string, ParamValue> | string {
  const out: Record<string, ParamValue> = {};
  for (const [key, s] of Object.entries(specs)) {
    const t = s.type;
    if (t !== 'int' && t !== 'string' && t !== 'bool') return `parameter ${key}: unknown type ${String(t)}`;
    const d = s.default;
    out[key] = t === 'int' ? (typeof d === 'number' ? d : 0) : t === 'bool' ? d === true : typeof d === 'string' ? d : '';
  }
  for (const [rawKey, v] of splitParams(text)) {
    const key = rawKey.replace(/-/g, '_');
    const s = Object.hasOwn(specs, key) ? specs[key] : undefined;
    if (s === undefined) return `unknown parameter '${rawKey}' ignored`;
    if (s.type === 'int') {
      if (v === null || !/^[+-]?(0x[0-9a-fA-F]+|\d+)$/.test(v)) return `invalid int value '${v ?? ''}' for parameter '${key}'`;
      const n = v.replace(/^[+-]/, '').startsWith('0x') ? parseInt(v, 16) : parseInt(v, 10);
      if (!Number.isSafeInteger(n) || n > 2147483647 || n < -2147483648) return `int value '${v}' out of range for parameter '${key}'`;
      out[key] = n;
    } else if (s.type === 'bool') {
      if (v === null || /^(1|y|Y|true|on)$/.test(v)) out[key] = true;
      else if (/^(0|n|N|false|off)$/.test(v)) out[key] = false;
      else return `invalid bool value '${v}' for parameter '${key}'`;
    } else {
      if (v === null) return `parameter '${key}' needs a value`;
      out[key] = v;
    }
  }
  return out;
}
