import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';

/** Hands text to the browser as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The inspections as CSV (one artisan's, or everyone's last year), downloaded. */
export function useCsvExport(artisanId: string | null): () => void {
  const feedback = useFeedback();
  return () =>
    void call('qc.exportCsv', { artisanId })
      .then((file) => downloadText(file.filename, file.csv))
      .catch(feedback.error);
}
