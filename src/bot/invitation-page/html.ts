import { createHash } from 'node:crypto';
import type { Language } from '../../domain/model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values as HTML shows them literally: every value on the page goes through this. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** HTML that is already escaped (built only by `html` below), so it is not escaped twice. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = string | number | SafeHtml | readonly SafeHtml[] | false | null | undefined;

/** A tagged template: every interpolated string is escaped; nested `html` fragments and lists are kept. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value instanceof SafeHtml) out += value.value;
    else if (Array.isArray(value)) out += value.map((v: SafeHtml) => v.value).join('');
    else if (value !== false && value !== null && value !== undefined) out += escapeHtml(value as string | number);
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;background:#f5f5f5;color:#242424}
main{max-width:44rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}dd{margin:0}.button{display:inline-block;background:#5b5fc7;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600}
.code{display:block;font-family:Consolas,monospace;font-size:1.05rem;background:#f0f0f0;padding:.6rem;border-radius:4px;user-select:all;word-break:break-all}
.note{color:#616161}`;

/** The page's only style sheet; the Content-Security-Policy allows exactly this one by its hash, and no script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Kept out of the `html` template below: a formatter reflows text inside it, and the hash must match byte for byte.
const STYLE_ELEMENT = new SafeHtml(`<style>${STYLE}</style>`);

export function page(language: Language, title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <main>${body}</main>
      </body>
    </html> `.value;
}
