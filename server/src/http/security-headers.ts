import type { RequestHandler } from 'express';

/** No other site may frame any page or answer of this server (so none can dress up its buttons). */
export const noFraming = (): RequestHandler => (_req, res, next) => {
  res.set({ 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Frame-Options': 'DENY' });
  next();
};
