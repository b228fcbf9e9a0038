import type { CommandDefinition } from '../bot/commands.js';

export interface ManifestEnv {
  teamsAppId: string;
  botId: string;
  botDomain?: string;
}

const SCOPES = ['personal', 'groupChat', 'team'] as const;
const MAX_COMMANDS_PER_SCOPE = 10;

/** The Teams manifest: the template with ids from the environment and the command menu from the router's table. */
export function buildManifest(
  template: string,
  commands: readonly CommandDefinition[],
  env: ManifestEnv,
): Record<string, unknown> {
  const filled = template.replaceAll('${{TEAMS_APP_ID}}', env.teamsAppId).replaceAll('${{BOT_ID}}', env.botId);
  const manifest = JSON.parse(filled) as Record<string, unknown> & { bots: { commandLists: unknown[] }[] };
  const menu = commands
    .filter((c) => c.inManifest)
    .slice(0, MAX_COMMANDS_PER_SCOPE)
    .map((c) => ({ title: c.title.slice(0, 32), description: c.description.slice(0, 128) }));
  manifest.bots[0]!.commandLists = [{ scopes: [...SCOPES], commands: menu }];
  manifest.validDomains = env.botDomain ? [env.botDomain] : [];
  return manifest;
}
