import { useState } from 'react';
import { ApiError, type Problem } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

type BlobResult = Promise<{ data?: Blob; error?: unknown; response: Response }>;

/** Saves a file the gateway answered (its name from Content-Disposition) through a temporary link, as a download. */
export async function saveDownload(result: BlobResult, fallbackName: string): Promise<void> {
  const { data, error, response } = await result;
  if (!response.ok || !data) {
    const problem = (error && typeof error === 'object' ? error : { title: response.statusText, status: response.status }) as Problem;
    throw new ApiError(response.status, { ...problem, status: problem.status ?? response.status });
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A download of an export (CSV, XLSX) the API answers only with the bearer token, which a plain link cannot send: the
 * button fetches the file through the API client and saves it.
 */
export function DownloadButton({ label, fileName, download }: { label: string; fileName: string; download: () => BlobResult }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <button
        type="button"
        className="button button-secondary download-button"
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          saveDownload(download(), fileName)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {label}
      </button>
      {error !== undefined && <ProblemAlert error={error} />}
    </>
  );
}
