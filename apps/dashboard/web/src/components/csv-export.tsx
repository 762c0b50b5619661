// CSV export of what a list shows: RFC 4180 quoting, a header row, one row per item, downloaded
// as a file. Every page of the list is fetched, not only the ones scrolled to.
import { useState } from 'react';

/** One field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function CsvExportButton({ fileName, build, label = 'Download CSV' }: { fileName: string; build(): Promise<{ header: string[]; rows: unknown[][] }>; label?: string }) {
  const [state, setState] = useState<'idle' | 'working' | 'failed'>('idle');
  const run = async () => {
    setState('working');
    try {
      const { header, rows } = await build();
      download(fileName, toCsv(header, rows));
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="export">
      <button type="button" className="secondary" onClick={() => void run()} disabled={state === 'working'}>{state === 'working' ? 'Preparing CSV…' : label}</button>
      {state === 'failed' && <span role="alert" className="error-text"> The export failed; try again.</span>}
    </span>
  );
}
