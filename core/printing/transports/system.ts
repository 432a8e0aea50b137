import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../kernel/errors';

// The operating system's printer, so the operating system keeps the device: RAW bytes through the
// Windows spooler (winspool's OpenPrinter/StartDocPrinter/WritePrinter, from PowerShell) or CUPS's
// `lp -o raw`. A spooler only says it took the job, never whether it printed: "sent, not confirmed".

/** Runs a program with bytes on stdin; answers its exit code and stderr. Tests pass a recording one for the Windows spooler. */
export type Runner = (command: string, args: string[], stdin: Buffer | null) => Promise<{ code: number; stderr: string }>;

export const runProcess: Runner = (command, args, stdin) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? undefined);
  });

/** The classic RawPrinterHelper: hands the file's bytes to the named printer as one RAW document. */
export const rawPrinterScript = `param([string]$Printer, [string]$File, [string]$Title)
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
public static class RawPrinter {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern bool OpenPrinter(string name, out IntPtr handle, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool ClosePrinter(IntPtr handle);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)]
  public static extern int StartDocPrinter(IntPtr handle, int level, [In] DOCINFO info);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndDocPrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool StartPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)] public static extern bool EndPagePrinter(IntPtr handle);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool WritePrinter(IntPtr handle, byte[] bytes, int count, out int written);
  public static int Send(string printer, string title, byte[] bytes) {
    IntPtr h;
    if (!OpenPrinter(printer, out h, IntPtr.Zero)) return 2;
    try {
      var info = new DOCINFO { pDocName = title, pDataType = "RAW" };
      if (StartDocPrinter(h, 1, info) == 0) return 3;
      StartPagePrinter(h);
      int written;
      bool ok = WritePrinter(h, bytes, bytes.Length, out written);
      EndPagePrinter(h);
      EndDocPrinter(h);
      return ok && written == bytes.Length ? 0 : 4;
    } finally { ClosePrinter(h); }
  }
}
"@
exit [RawPrinter]::Send($Printer, $Title, [System.IO.File]::ReadAllBytes($File))`;

/** Exit codes of the script: 2 no such printer, 3 the spooler refused the document, 4 written short. */
async function windowsSpooler(printer: string, bytes: Buffer, title: string, run: Runner): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'karakana-print-'));
  try {
    const script = join(dir, 'raw.ps1');
    const file = join(dir, 'job.bin');
    await writeFile(script, rawPrinterScript);
    await writeFile(file, bytes);
    const { code, stderr } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', script, '-Printer', printer, '-File', file, '-Title', title], null);
    if (code === 2) throw new AppError('printing.noSuchPrinter', `Windows has no printer named "${printer}"`, { printer });
    if (code === 4) throw new AppError('printing.spoolerShort', `The spooler took only part of the job for "${printer}"`, { printer });
    if (code !== 0) throw new AppError('printing.spoolerRefused', `The spooler refused the job for "${printer}": ${stderr.trim()}`, { printer });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function cups(printer: string, bytes: Buffer, title: string, run: Runner): Promise<void> {
  const result = await run('lp', ['-d', printer, '-o', 'raw', '-t', title], bytes).catch((e: NodeJS.ErrnoException) => {
    throw new AppError('printing.noSpooler', `This computer has no print spooler (${e.code ?? e.message})`, { printer });
  });
  if (result.code !== 0) throw new AppError('printing.spoolerRefused', `The spooler refused the job for "${printer}": ${result.stderr.trim()}`, { printer });
}

/**
 * Hands a job to the operating system's printer. A refusal means the spooler kept nothing, so the
 * job may be sent again; the spooler's "taken" is all a system printer tells.
 */
export function spool(printer: string, bytes: Buffer, title: string, options: { platform?: NodeJS.Platform; run?: Runner } = {}): Promise<void> {
  const run = options.run ?? runProcess;
  return (options.platform ?? process.platform) === 'win32' ? windowsSpooler(printer, bytes, title, run) : cups(printer, bytes, title, run);
}
