import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { EventEnvelope, EventName, EventPayload } from './events';
import { ContractCallError } from './contract-error';
import type { CommandResult } from './wire';

/**
 * What a transport must provide: Electron's preload bridge and the WebSocket connection both
 * implement it, so the renderer never knows which one it runs on.
 */
export interface ContractTransport {
  invoke(name: string, input: unknown): Promise<CommandResult<unknown>>;
  subscribe(listener: (event: EventEnvelope) => void): () => void;
}

/** The typed API object the renderer talks to. */
export interface VigilClient {
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<E extends EventName>(kind: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createVigilClient(transport: ContractTransport): VigilClient {
  return {
    async call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
      const result = await transport.invoke(name, input);
      if (!result.ok) throw new ContractCallError(result.error);
      // The main side validated the output against the same schema before sending it.
      return result.output as CommandOutput<N>;
    },
    on<E extends EventName>(kind: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe((event) => {
        if (event.kind === kind) listener(event.payload as EventPayload<E>);
      });
    },
  };
}
