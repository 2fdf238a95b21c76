import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { institutionStylesheet } from './institution-style.js';

/** GET /assets/institution.css: the request's institution's colours (layout links it with ?v=colour). */
export function institutionAssetRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/assets/institution.css', (c) =>
    c.body(institutionStylesheet(c.get('institution')?.colourPrimary ?? null), 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  );
  return app;
}
