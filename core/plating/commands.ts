import type { Command } from '../cli/command';

// The plating commands of hq (joined in core/cli/commands.ts).
export const platingCommands: Record<string, Command> = {};
