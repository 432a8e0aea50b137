// Placeholder until the qc feature lands; replaced by its screen.
export function QcScreen(_props: { lotId: string | null }) {
  return null;
}
