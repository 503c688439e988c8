/** The process: configuration, first start, listen, and a graceful stop. Everything else is in app.ts. */
import { buildApp } from './build.js';
import { loadConfigOrExit } from './config.js';
import { bootstrap } from './domain/bootstrap.js';

const config = loadConfigOrExit();
const app = await buildApp(config);
await app.ready();

const first = await bootstrap(app.services.store, { email: config.adminEmail, password: config.adminPassword });
if (first.generatedPassword) {
  // Printed once, to the terminal only; it is stored hashed.
  process.stdout.write(
    `\n  First start: admin account created\n    email:    ${first.adminEmail}\n    password: ${first.generatedPassword}\n  Change it in the console, or set CAUSETTE_ADMIN_EMAIL / CAUSETTE_ADMIN_PASSWORD before the first start.\n\n`,
  );
}

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
app.log.info(`Causette is up: console http://localhost:${port}/console/  demo shop http://localhost:${port}/demo/`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    app.log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await app.close();
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
