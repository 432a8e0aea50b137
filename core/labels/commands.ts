import type { Command } from '../cli/command';

// The labels commands of hq (joined in core/cli/commands.ts).
export const labelCommands: Record<string, Command> = {};
