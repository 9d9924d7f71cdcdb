import { z } from 'zod';
import {
  ConnectionInputSchema,
  ConnectionListSchema,
  ConnectionNameSchema,
  ConnectionViewSchema,
  KeyStatusSchema,
  MarketSourceSchema,
  SymbolSchema,
} from '../domain/connection';

const named = z.object({ name: ConnectionNameSchema }).strict();
const forConnection = z.object({ connection: ConnectionNameSchema }).strict();

/**
 * Exchange connections, the market source, and exchange keys. A key goes in through
 * setExchangeKey and never comes out: every output and event carries only its status (set or
 * not, the last four characters of the public key, the last permission check).
 */
export const connectionCommands = {
  listConnections: { input: z.object({}).strict(), output: ConnectionListSchema },
  /** Checked live against the exchange (exchange, symbols, timeframes); nothing saved on error. */
  addConnection: { input: ConnectionInputSchema, output: ConnectionViewSchema },
  /** Removes the connection and its key (from the keychain too). */
  removeConnection: { input: named, output: ConnectionListSchema },
  watchSymbols: {
    input: z
      .object({
        name: ConnectionNameSchema,
        add: z.array(SymbolSchema).max(50).default([]),
        remove: z.array(SymbolSchema).max(50).default([]),
      })
      .strict(),
    output: ConnectionViewSchema,
  },
  /** Loads markets and one candle and ticker per symbol; says what works. */
  testConnection: {
    input: named,
    output: z.object({
      name: z.string(),
      ok: z.boolean(),
      checks: z.array(z.object({ check: z.string(), ok: z.boolean(), detail: z.string() })),
    }),
  },
  /** Replay or live prices; remembered across restarts. */
  setMarketSource: {
    input: z.object({ source: MarketSourceSchema }).strict(),
    output: ConnectionListSchema,
  },
  setExchangeKey: {
    input: z
      .object({
        connection: ConnectionNameSchema,
        apiKey: z.string().max(4096),
        secret: z.string().max(8192),
        /** The passphrase some exchanges issue with a key (OKX). */
        password: z.string().max(512).optional(),
        /** 'UNVERIFIABLE' to store a key whose permissions the exchange cannot report. */
        acknowledge: z.string().max(32).optional(),
      })
      .strict(),
    output: KeyStatusSchema,
  },
  deleteExchangeKey: { input: forConnection, output: KeyStatusSchema },
  verifyExchangeKey: { input: forConnection, output: KeyStatusSchema },
  getKeyStatus: {
    input: z.object({ connection: ConnectionNameSchema.optional() }).strict(),
    output: z.object({ keys: z.array(KeyStatusSchema) }),
  },
} as const;

export const connectionEvents = {
  /** The connections, their health and key status changed (never key material). */
  connectionsChanged: ConnectionListSchema,
} as const;
