import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const HASHED = /-[A-Z0-9]{8}\.(js|css|woff2?)$/;

/**
 * The built Angular app: hashed files cached for a year, index.html revalidated, and every other
 * page path answered with index.html so deep links and reloads work.
 */
export const staticApp = (appDir: string) => {
  const router = Router();
  const index = path.join(appDir, 'index.html');
  router.use(express.static(appDir, {
    index: false,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }));
  router.get(/.*/, (req, res, next) => {
    if (req.path.startsWith('/api/') || path.extname(req.path) !== '') {
      return next();
    }
    if (!existsSync(index)) {
      return res.status(503).type('text').send('The web app is not built yet: run "npm run build" (npm start does it), then reload.');
    }
    res.setHeader('Cache-Control', 'no-cache');
    return res.sendFile(index);
  });
  return router;
};
