// Placeholder until the plating feature lands; replaced by its screen.
export function PlatingScreen(_props: { batchId: string | null }) {
  return null;
}
