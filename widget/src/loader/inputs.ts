import type { Cart, IdentifyInput, TrackInput } from '@causette/shared';

// Shops pass richer objects than the contract takes (image URLs, numeric ids); the server refuses unknown
// fields outright, so only the contract's fields go out, in the contract's types.

export function toCart(input: any): Cart {
  return {
    items: (input?.items || []).map((i: any) => ({
      sku: String(i.sku),
      name: String(i.name ?? ''),
      price: +i.price || 0,
      qty: Math.round(+i.qty) || 0,
    })),
    total: +input?.total || 0,
    currency: String(input?.currency || '').toUpperCase(),
  };
}

export function toIdentity(input: any): IdentifyInput {
  const out: IdentifyInput = {};
  for (const key of ['id', 'email', 'name', 'hash'] as const) if (input?.[key] != null) out[key] = String(input[key]);
  return out;
}

export function toTrack(name: unknown, props: unknown): TrackInput {
  return props && typeof props == 'object' ? { name: String(name), props: props as TrackInput['props'] } : { name: String(name) };
}
