import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { agentEventSchemas, visitorEventSchemas } from '@causette/shared';

// A plain, bounded email shape; the real proof of an address is a mail that arrives.
FormatRegistry.Set('email', (v) => v.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));

function compileAll<T extends Record<string, TSchema>>(schemas: T): { [K in keyof T]: TypeCheck<T[K]> } {
  const out = {} as { [K in keyof T]: TypeCheck<T[K]> };
  for (const key of Object.keys(schemas) as Array<keyof T>) out[key] = TypeCompiler.Compile(schemas[key]);
  return out;
}

/** Compiled once at start-up: validation runs on every event. */
export const visitorValidators = compileAll(visitorEventSchemas);
export const agentValidators = compileAll(agentEventSchemas);

/** A short, safe description of the first problem, for the client. */
export function describeInvalid(check: TypeCheck<TSchema>, value: unknown): string {
  const first = check.Errors(value).First();
  if (!first) return 'Invalid payload.';
  return `${first.path || '(root)'}: ${first.message}`.slice(0, 200);
}
