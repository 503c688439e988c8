/**
 * Validates the environment against `EnvSchema`, all variables at once, so an operator sees every mistake
 * in one start rather than one per restart. Messages are worded from the schema itself.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ENV_NAMES, EnvSchema, type Env, type EnvVariableSchema } from './env-schema.js';

/** A bad environment: `problems` holds one line per variable, each naming it and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function readEnv(env: NodeJS.ProcessEnv): Env {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of ENV_NAMES) {
    const schema = EnvSchema.properties[name] as EnvVariableSchema;
    const raw = env[name];
    // An empty variable counts as unset, as `FOO= pnpm start` means "no FOO" to most people.
    if (raw === undefined || raw === '') {
      if (schema.default !== undefined) values[name] = schema.default;
      continue;
    }
    const value = isNumeric(schema) ? toNumber(raw) : raw;
    if (Value.Check(schema, value)) values[name] = value;
    else problems.push(`${name} must be ${expects(schema)}, got ${shown(raw, schema)}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as Env;
}

function isNumeric(schema: TSchema): boolean {
  return schema[Kind] === 'Integer' || schema[Kind] === 'Number';
}

function toNumber(raw: string): number {
  // Number(' ') is 0: blank is not a number here.
  return raw.trim() === '' ? Number.NaN : Number(raw);
}

/** "a whole number ≥ 100", "one of "public", "admins"", … from the schema's kind and bounds. */
export function expects(schema: EnvVariableSchema): string {
  if (schema.expects) return schema.expects;
  if (isNumeric(schema)) {
    const noun = schema[Kind] === 'Integer' ? 'a whole number' : 'a number';
    const { minimum, maximum, exclusiveMinimum } = schema as { minimum?: number; maximum?: number; exclusiveMinimum?: number };
    if (minimum !== undefined && maximum !== undefined) return `${noun} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${noun} ≥ ${minimum}`;
    if (exclusiveMinimum !== undefined) return `${noun} > ${exclusiveMinimum}`;
    return noun;
  }
  if (schema[Kind] === 'Union') {
    const options = (schema.anyOf as { const: string }[]).map((option) => `"${option.const}"`);
    return `one of ${options.join(', ')}`;
  }
  if (typeof schema.minLength === 'number') return `at least ${schema.minLength} characters long`;
  return 'a string';
}

function shown(raw: string, schema: EnvVariableSchema): string {
  if (schema.redact === 'secret') return `a value of ${raw.length} characters`;
  if (schema.redact === 'userinfo') return `"${raw.replace(/\/\/[^@/]*@/, '//…@')}"`;
  return `"${raw}"`;
}
