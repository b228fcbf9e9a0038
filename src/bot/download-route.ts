import type restify from 'restify';
import type { Request, Response } from 'restify';
import { describeError, type Logger } from '../logging/logger.js';
import type { DownloadTokens } from '../services/helpdesk/downloads.js';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** `GET /downloads/:token` for the given links; an unknown or expired token is a plain 404. */
export function downloadRouteFor(tokens: DownloadTokens, logger: Logger): (server: restify.Server) => void {
  return (server) => {
    server.get('/downloads/:token', async (req: Request, res: Response) => {
      const token = String(req.params?.token ?? '');
      let file;
      try {
        file = TOKEN.test(token) ? await tokens.get(token) : undefined;
      } catch (error) {
        // The token is the link: it is never logged.
        logger.error('download link lookup failed', { error: describeError(error) });
        res.send(503, { error: 'The download is unavailable right now. Try the link again in a moment.' });
        return;
      }
      if (!file) {
        res.send(404, { error: 'This download link has expired. Export the timeline again for a new one.' });
        return;
      }
      const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
      res.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${safeName}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(file.body);
    });
  };
}
