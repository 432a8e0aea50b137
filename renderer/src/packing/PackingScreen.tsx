// Placeholder until the packing feature lands; replaced by its screen.
export function PackingScreen(_props: { orderId: string | null }) {
  return null;
}
