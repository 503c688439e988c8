import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

/**
 * The widget, the console and the demo shop, from their build folders. A missing build is a warning, not a
 * crash: the API still works, and the log says which command builds what is missing.
 */
export default fp(
  async (app) => {
    const { widgetDir, consoleDir, demoDir } = app.config;

    // One instance decorates `reply.sendFile`; the routes below name their root explicitly, and set their own
    // cache-control (`cacheControl: false`, or send's max-age=0 would replace it).
    await app.register(fastifyStatic, { root: widgetDir, serve: false });

    const widgetFile = join(widgetDir, 'widget.js');
    app.get('/widget.js', { schema: { hide: true } }, async (_req, reply) => {
      if (!existsSync(widgetFile)) return reply.code(404).type('text/plain').send('widget not built: run pnpm build');
      // Short cache: shops pick up a new widget within minutes, without a versioned URL. It is the small bootstrap
      // that names the current, hashed core chunk (below).
      return reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').sendFile('widget.js', widgetDir, { cacheControl: false });
    });

    // The widget's ES-module chunks (the core widget.js imports, the panel the core imports on first open), fetched
    // cross-origin from shop pages: module scripts are CORS requests, so they need the CORS header. Their names carry
    // a content hash, so they are cached for good. Only plain names of files in the widget's own dist folder are
    // served: no slashes or dots besides `.js`, so no path leaves the folder.
    const chunkDir = join(widgetDir, 'widget');
    app.get<{ Params: { file: string } }>('/widget/:file', { schema: { hide: true } }, async (req, reply) => {
      const { file } = req.params;
      if (!/^[\w-]+\.js$/.test(file) || !existsSync(join(chunkDir, file)))
        return reply.code(404).send({ error: { code: 'not_found', message: 'Not found.' } });
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('access-control-allow-origin', '*')
        .sendFile(file, chunkDir, { cacheControl: false });
    });

    if (existsSync(join(consoleDir, 'index.html'))) {
      await app.register(fastifyStatic, { root: consoleDir, prefix: '/console/', wildcard: false, decorateReply: false, index: ['index.html'] });
      // The console routes on the client: any other /console path is the app itself.
      app.get('/console', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/console/'));
      app.get('/console/*', { schema: { hide: true } }, async (req, reply) => {
        // A missing asset (a stale hashed file name) is a 404, not the app's HTML in its place.
        if (/\.[a-z0-9]+$/i.test(req.url.split('?')[0]!)) return reply.code(404).send({ error: { code: 'not_found', message: 'Not found.' } });
        return reply.type('text/html').sendFile('index.html', consoleDir);
      });
    } else {
      app.log.warn(`console not built (${consoleDir}); run pnpm build`);
    }

    if (existsSync(demoDir)) {
      await app.register(fastifyStatic, { root: demoDir, prefix: '/demo/', decorateReply: false, index: ['index.html'] });
      app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/demo/'));
    }
  },
  { name: 'static', dependencies: ['services'] },
);
