import type { Request, Response } from 'express';
import { ExportError } from '../export/export-error';
import type { Authenticate, UserContext } from '../session/user-session';
import { sendError, sendRefusal } from './json-errors';

/**
 * Runs an API handler for the logged-in caller (401 otherwise), answering the refusals it throws
 * (ExportError) with their status, code and details. Answers are never cached.
 */
export const withApiUser = (authenticate: Authenticate) =>
  async (req: Request, res: Response, then: (user: UserContext) => Promise<unknown>) => {
    const user = await authenticate(req.headers);
    if (!user) {
      return sendError(res, 401, 'Log in first: send an AuthSession cookie from POST /_session, or basic auth');
    }
    try {
      res.set('Cache-Control', 'no-store');
      return await then(user);
    } catch (error) {
      if (error instanceof ExportError) {
        return sendRefusal(res, error);
      }
      throw error;
    }
  };
