import { parentPort, workerData } from 'node:worker_threads';
import { exportReport, reportSummary } from './export-report';
import { MemoryReportSource } from './memory-report-source';
import type { ReportWorkerMessage, ReportWorkerRequest } from './report-worker-protocol';

/**
 * Worker thread for one report export: builds and renders off the engine's event loop (which
 * carries the kill path), posting progress and then the file's bytes.
 */
async function main(job: ReportWorkerRequest): Promise<ReportWorkerMessage> {
  const source = new MemoryReportSource({ [job.request.book]: job.data });
  const out = await exportReport(
    source,
    job.request,
    job.nowMs,
    (stage, fraction) =>
      parentPort?.postMessage({ type: 'progress', stage, fraction } satisfies ReportWorkerMessage),
    // Nothing else runs on this thread: no need to pause between slices.
    async () => {},
  );
  return {
    type: 'done',
    fileName: out.fileName,
    mimeType: out.mimeType,
    bytes: new Uint8Array(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength),
    summary: reportSummary(out.report),
  };
}

main(workerData as ReportWorkerRequest).then(
  (message) => parentPort?.postMessage(message),
  (error: unknown) =>
    parentPort?.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies ReportWorkerMessage),
);
