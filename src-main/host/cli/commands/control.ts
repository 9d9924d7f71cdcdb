import type { KillProgress } from '../../../../src-shared/contract/risk';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import type { ControlStatus } from '../../../../src-shared/contract/risk';
import {
  EXIT_FAILURE,
  EXIT_NOT_DURABLE,
  EXIT_NOT_RECORDED,
  EXIT_OK,
  UsageError,
  type CliIo,
} from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { integerFlag, parseFlags } from '../parse-flags';

const modeFlags = {
  reason: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

function modeCommand(command: 'pause' | 'resume' | 'reduce' | 'rearm') {
  return async (args: readonly string[], io: CliIo): Promise<number> => {
    const { values } = parseFlags(args, modeFlags);
    const host = await connectToHost(resolveDataDir(values['data-dir'], io));
    try {
      const input = {
        via: 'cli' as const,
        ...(values.reason !== undefined ? { reason: values.reason } : {}),
      };
      const state =
        command === 'rearm'
          ? await host.client.call('rearm', { ...input, confirm: 'REARM' })
          : await host.client.call(command, input);
      if (values.json === true) io.stdout(`${JSON.stringify(state)}\n`);
      else io.stdout(`control mode: ${state.mode} (${state.reason})\n`);
      return EXIT_OK;
    } finally {
      host.close();
    }
  };
}

export const pauseCommand = modeCommand('pause');
export const resumeCommand = modeCommand('resume');
export const reduceCommand = modeCommand('reduce');
export const rearmCommand = modeCommand('rearm');

/**
 * `vigil kill`: the host latches HALTED before it replies; then we follow the kill's progress
 * events until every venue is clean (or --timeout), unless --no-wait. The exit code says
 * whether HALTED reached the disk: 3 when it is in memory only, 4 when the latch file holds
 * it but the database could not record the kill (see the README's table).
 */
export async function killCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    ...modeFlags,
    flatten: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    timeout: { type: 'string' },
  });
  if (values.reason !== undefined && values.reason.trim() === '')
    throw new UsageError('--reason must not be empty');
  const timeoutSec = integerFlag('timeout', values.timeout, 1, 3600) ?? 60;
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const wait = new Promise<KillProgress | null>((resolve) => {
      let killId: string | null = null;
      const seen = (e: EventEnvelope): void => {
        if (e.kind !== 'killProgress' || killId === null || e.payload.killId !== killId) return;
        if (values.json !== true) io.stdout(`  ${e.payload.step}: ${e.payload.message}\n`);
        if (e.payload.done) resolve(e.payload);
      };
      const timer = setTimeout(() => resolve(null), timeoutSec * 1000);
      timer.unref();
      host.client
        .call('kill', {
          via: 'cli',
          ...(values.flatten === true ? { flatten: true } : {}),
          ...(values.reason !== undefined ? { reason: values.reason } : {}),
        })
        .then(
          (out) => {
            if (values.json !== true)
              io.stdout(`HALTED (kill ${out.killId}${out.flatten ? ', flattening' : ''})\n`);
            if (values['no-wait'] === true) return resolve(null);
            killId = out.killId;
            // Events that arrived before the reply, then the live ones.
            for (const e of host.received) seen(e);
            host.client.on('killProgress', (p) => seen({ kind: 'killProgress', payload: p }));
          },
          (error: unknown) => {
            io.stderr(`vigil kill: ${error instanceof Error ? error.message : String(error)}\n`);
            resolve(null);
            killId = 'failed';
          },
        );
    });
    const final = await wait;
    const status = await host.client.call('getControlStatus', {});
    if (values.json === true) io.stdout(`${JSON.stringify({ final, status })}\n`);
    if (status.control.mode !== 'HALTED') return EXIT_FAILURE;
    const persisted = durabilityExit(status, io);
    if (persisted !== EXIT_OK) return persisted;
    if (values['no-wait'] === true) return EXIT_OK;
    if (final === null) {
      io.stderr(
        `vigil kill: HALTED, but the venues were not clean within ${timeoutSec} s; see \`vigil status\`\n`,
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } finally {
    host.close();
  }
}

/** 3: HALTED in memory only; 4: on disk but not in the database; 0: both. Said on stderr. */
function durabilityExit(status: ControlStatus, io: CliIo): number {
  const { durability } = status;
  const problems = durability.problems.map((p) => `  ${p.message}\n`).join('');
  if (!durability.latchDurable) {
    io.stderr(
      `vigil kill: HALTED IN MEMORY ONLY: neither the kill latch file nor the database took it; a restart would come back RUNNING. Keep Vigil running, free the disk, and kill again.\n${problems}`,
    );
    return EXIT_NOT_DURABLE;
  }
  const unrecorded =
    durability.pendingAuditRows > 0 || durability.problems.some((p) => p.topic !== 'latch-file');
  if (unrecorded) {
    io.stderr(
      `vigil kill: HALTED on disk (kill latch file), but the database has not recorded the kill; a restart comes back HALTED, and the records are written once the disk has room.\n${problems}`,
    );
    return EXIT_NOT_RECORDED;
  }
  return EXIT_OK;
}
