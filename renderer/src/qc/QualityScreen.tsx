// Placeholder until the qc feature lands; replaced by its screen.
export function QualityScreen(_props: { artisanId: string | null }) {
  return null;
}
