import type { Command } from '../cli/command';

// The qc commands of hq (joined in core/cli/commands.ts).
export const qcCommands: Record<string, Command> = {};
