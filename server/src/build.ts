import Fastify, { type FastifyInstance } from 'fastify';
import causette, { fastifyOptions } from './app.js';
import type { Config } from './config.js';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify(fastifyOptions(config));
  await app.register(causette, { config });
  return app;
}
