/**
 * Keeps the station's upstream token sealed in the store where the platform can: Electron's
 * safeStorage (DPAPI on Windows) in the desktop app. Elsewhere the token is stored as it is,
 * and the store file itself must be protected.
 */
export interface TokenVault {
  seal(token: string): string;
  open(sealed: string): string;
}

export const plainVault: TokenVault = {
  seal: (token) => token,
  open: (sealed) => sealed,
};
