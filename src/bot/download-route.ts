import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { DownloadTokens } from '../services/helpdesk/downloads.js';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** `GET /downloads/:token` for the given links; an unknown or expired token is a plain 404. */
export function downloadRouteFor(tokens: DownloadTokens): (server: restify.Server) => void {
  return (server) => {
    server.get('/downloads/:token', async (req: Request, res: Response) => {
      const token = String(req.params?.token ?? '');
      const file = TOKEN.test(token) ? tokens.get(token) : undefined;
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
