import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createServices, type Services } from '../services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const services = await createServices(config);
    app.decorate('services', services);
    app.decorate('config', config);
    app.addHook('onClose', async () => services.close());
  },
  { name: 'services' },
);
