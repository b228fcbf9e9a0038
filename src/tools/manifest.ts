import type { CommandDefinition } from '../bot/commands.js';

/** What the package needs from the environment, already resolved (see {@link manifestEnvFrom}). */
export interface ManifestEnv {
  teamsAppId: string;
  botId: string;
  /** Domains for validDomains (host names, no scheme). */
  botDomains?: string[];
  /** The developer's website, privacy and terms pages (the Teams store refuses the example.com defaults). */
  developerUrls?: DeveloperUrls;
}

export interface DeveloperUrls {
  website: string;
  privacy: string;
  terms: string;
}

/** Placeholders for sideloading only: a store submission needs APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL. */
export const PLACEHOLDER_DEVELOPER_URLS: DeveloperUrls = {
  website: 'https://partnerdesk.example.com',
  privacy: 'https://partnerdesk.example.com/privacy',
  terms: 'https://partnerdesk.example.com/terms',
};

/** Every variable {@link manifestEnvFrom} reads (the Agents Toolkit files are checked against it). */
export const MANIFEST_VARIABLES = [
  'MicrosoftAppId',
  'TEAMS_APP_ID',
  'BOT_DOMAIN',
  'APP_WEBSITE_URL',
  'APP_PRIVACY_URL',
  'APP_TERMS_URL',
] as const;

export type ManifestJson = Record<string, unknown> & {
  bots: { botId: string; commandLists: { scopes: BotScope[]; commands: { title: string; description: string }[] }[] }[];
};

export const BOT_SCOPES = ['personal', 'groupChat', 'team'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

/** Teams' limits for a bot's command menu (the schema allows longer titles; the Teams store does not). */
export const MAX_COMMANDS_PER_SCOPE = 10;
export const MAX_TITLE = 32;
export const MAX_DESCRIPTION = 128;

/** Where `npm run package` writes the zip, relative to the project (the Agents Toolkit files name it). */
export const PACKAGE_FILE = 'dist/appPackage/partner-desk.zip';

/** App id used when TEAMS_APP_ID is not set (local sideloading only: each real tenant app needs its own). */
export const LOCAL_TEAMS_APP_ID = 'b6f4a0e2-3c1d-4e5f-9a8b-7c6d5e4f3a2b';

/**
 * Reads TEAMS_APP_ID (default {@link LOCAL_TEAMS_APP_ID}), MicrosoftAppId (required: the Azure Bot's
 * app id), BOT_DOMAIN (optional, comma-separated; a scheme or path is dropped) and the developer pages
 * APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_URL (https; example.com placeholders when unset).
 */
export function manifestEnvFrom(env: Record<string, string | undefined>): ManifestEnv {
  const botId = (env.MicrosoftAppId ?? '').trim();
  if (!botId) {
    throw new Error(
      "MicrosoftAppId is empty: set it (in .env or the environment) to the Azure Bot's app id to build the Teams package.",
    );
  }
  const botDomains = (env.BOT_DOMAIN ?? '')
    .split(',')
    .map((d) =>
      d
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/[/?#].*$/, ''),
    )
    .filter((d) => d.length > 0);
  const url = (name: 'APP_WEBSITE_URL' | 'APP_PRIVACY_URL' | 'APP_TERMS_URL', fallback: string) => {
    const value = env[name]?.trim() || fallback;
    if (!/^https:\/\/[^\s/]+/.test(value)) throw new Error(`${name} must be an https:// URL (got "${value}")`);
    return value;
  };
  const developerUrls = {
    website: url('APP_WEBSITE_URL', PLACEHOLDER_DEVELOPER_URLS.website),
    privacy: url('APP_PRIVACY_URL', PLACEHOLDER_DEVELOPER_URLS.privacy),
    terms: url('APP_TERMS_URL', PLACEHOLDER_DEVELOPER_URLS.terms),
  };
  return { teamsAppId: env.TEAMS_APP_ID?.trim() || LOCAL_TEAMS_APP_ID, botId, botDomains, developerUrls };
}

/** The bot's command menu: the router's commands marked inManifest, checked against Teams' limits. */
export function commandMenu(commands: readonly CommandDefinition[]): { title: string; description: string }[] {
  const menu = commands.filter((c) => c.inManifest).map((c) => ({ title: c.title, description: c.description }));
  const problems: string[] = [];
  if (menu.length > MAX_COMMANDS_PER_SCOPE)
    problems.push(`${menu.length} commands have inManifest: true, Teams shows at most ${MAX_COMMANDS_PER_SCOPE}`);
  for (const { title, description } of menu) {
    if (!title.trim() || title.length > MAX_TITLE)
      problems.push(`title "${title}" must be 1 to ${MAX_TITLE} characters`);
    if (!description.trim() || description.length > MAX_DESCRIPTION)
      problems.push(`description of "${title}" must be 1 to ${MAX_DESCRIPTION} characters`);
  }
  if (problems.length > 0)
    throw new Error(`The command table does not fit the Teams manifest:\n  ${problems.join('\n  ')}`);
  return menu;
}

/** Replaces ${{NAME}} in every string of a parsed JSON value (so values need no JSON escaping). */
function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
      const replacement = vars[name];
      if (replacement === undefined) throw new Error(`The manifest template uses ${whole}, which nothing fills`);
      return replacement;
    });
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/**
 * The Teams manifest (pure): the template with the ids filled in, one command list per bot scope from
 * the router's table, and validDomains from the environment.
 */
export function buildManifest(
  template: string | Record<string, unknown>,
  commands: readonly CommandDefinition[],
  env: ManifestEnv,
): ManifestJson {
  const parsed: unknown = typeof template === 'string' ? JSON.parse(template) : template;
  const urls = env.developerUrls ?? PLACEHOLDER_DEVELOPER_URLS;
  const manifest = fill(parsed, {
    TEAMS_APP_ID: env.teamsAppId,
    BOT_ID: env.botId,
    APP_WEBSITE_URL: urls.website,
    APP_PRIVACY_URL: urls.privacy,
    APP_TERMS_URL: urls.terms,
  }) as ManifestJson;
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error('The manifest template has no bot');
  const menu = commandMenu(commands);
  bot.commandLists = BOT_SCOPES.map((scope) => ({ scopes: [scope], commands: menu.map((c) => ({ ...c })) }));
  manifest.validDomains = [...new Set(env.botDomains ?? [])];
  return manifest;
}
