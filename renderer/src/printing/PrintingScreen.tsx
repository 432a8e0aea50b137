// Placeholder until the printing feature lands; replaced by its screen.
export function PrintingScreen(_props: { jobId: string | null }) {
  return null;
}
