import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { procedures, type ProcedureName } from '../../../core/api/contract';
import { allows, rolesParam } from '../../../core/api/roles';
import { DevicesScreen } from '../admin/DevicesScreen';
import { StationScreen } from '../admin/StationScreen';
import { UsersScreen } from '../admin/UsersScreen';
import { BackupScreen } from '../backup/BackupScreen';
import { call, CallError } from '../client/client';
import { Messages, useErrorText, useFeedback } from '../feedback/Feedback';
import { playScanOk } from '../feedback/sounds';
import { LotPage } from '../lots/LotPage';
import { LotsScreen } from '../lots/LotsScreen';
import { go, hrefOf, scanRoute, useRoute, type Route } from '../router';
import { ScannerCheck, scannerChecked } from '../scanner/ScannerCheck';
import { ScannerProvider } from '../scanner/ScannerProvider';
import { LanguageSwitch } from '../session/LanguageSwitch';
import { useSession, useUser } from '../session/Session';
import { GoToLot } from './GoToLot';
import { landingFor } from './landing';
import { useShortcut } from './shortcuts';
import { StatusBar } from './StatusBar';
import { SyncScreen } from '../sync/SyncScreen';
import { ArtisanScreen } from '../receiving/ArtisanScreen';
import { ReceivingScreen } from '../receiving/ReceivingScreen';
import { PackingScreen } from '../packing/PackingScreen';
import { PlatingScreen } from '../plating/PlatingScreen';
import { PrintingScreen } from '../printing/PrintingScreen';
import { QcScreen } from '../qc/QcScreen';
import { QualityScreen } from '../qc/QualityScreen';
import { QuarantineScreen } from '../quarantine/QuarantineScreen';

// Each screen is offered to those who may call the procedure it is built on (the core checks again),
// always under the same Alt+number, whoever is logged in.
const screens: { route: Route; label: string; needs: ProcedureName; key: number }[] = [
  { route: { screen: 'receiving', code: null }, label: 'nav.receiving', needs: 'receiving.open', key: 1 },
  { route: { screen: 'lots' }, label: 'nav.lots', needs: 'lots.page', key: 2 },
  { route: { screen: 'sync' }, label: 'nav.sync', needs: 'sync.status', key: 3 },
  { route: { screen: 'scanner' }, label: 'nav.scanner', needs: 'scan.resolve', key: 4 },
  { route: { screen: 'devices' }, label: 'nav.devices', needs: 'devices.list', key: 5 },
  { route: { screen: 'users' }, label: 'nav.users', needs: 'users.list', key: 6 },
  { route: { screen: 'station' }, label: 'nav.station', needs: 'station.update', key: 7 },
  { route: { screen: 'qc', arg: null }, label: 'nav.qc', needs: 'qc.open', key: 8 },
  { route: { screen: 'packing', arg: null }, label: 'nav.packing', needs: 'packing.open', key: 9 },
  { route: { screen: 'plating', arg: null }, label: 'nav.plating', needs: 'plating.board', key: 0 },
];

function ScreenFor({ route }: { route: Route }) {
  switch (route.screen) {
    case 'lot':
      return <LotPage lotId={route.lotId} />;
    case 'users':
      return <UsersScreen />;
    case 'station':
      return <StationScreen />;
    case 'backups':
      return <BackupScreen />;
    case 'devices':
      return <DevicesScreen />;
    case 'scanner':
      return <ScannerCheck />;
    case 'sync':
      return <SyncScreen />;
    case 'receiving':
      return <ReceivingScreen code={route.code} />;
    case 'artisan':
      return <ArtisanScreen artisanId={route.artisanId} />;
    case 'qc':
      return <QcScreen lotId={route.arg} />;
    case 'quality':
      return <QualityScreen artisanId={route.arg} />;
    case 'packing':
      return <PackingScreen orderId={route.arg} />;
    case 'plating':
      return <PlatingScreen batchId={route.arg} />;
    case 'printing':
      return <PrintingScreen jobId={route.arg} />;
    case 'quarantine':
      return <QuarantineScreen />;
    default:
      return <LotsScreen />;
  }
}

// Every Alt+number answers: a screen not offered says in words who may open it.
function NavShortcut({ screen, offered }: { screen: (typeof screens)[number]; offered: boolean }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  useShortcut({ key: String(screen.key), alt: true }, () =>
    offered ? go(screen.route) : feedback.error(notYourScreen(screen.needs, t(screen.label))),
  );
  return null;
}

function notYourScreen(needs: ProcedureName, screen: string): CallError {
  return new CallError({ code: 'auth.notYourScreen', message: '', params: { screen, roles: rolesParam(procedures[needs].access) } });
}

export function Shell() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  // Before the first render, so that no other screen flashes: a login starts at the page's root
  // (logging out empties it), a reload keeps its screen.
  useState(() => {
    if (!scannerChecked()) go({ screen: 'scanner' });
    else if (location.hash.replace(/^#\/?/, '') === '') go(landingFor(user.roles));
  });
  const route = useRoute();
  const feedback = useFeedback();
  const errorText = useErrorText();
  const offered = screens.filter((s) => allows(procedures[s.needs].access, user.roles));
  // O for out and for "ondoka" (leave): one key in both languages.
  useShortcut({ key: 'o', alt: true }, () => void logout());
  // Screens reached from others (a lot, an artisan's quality, the print queue, quarantine) check their own procedures.
  const denied = screens.find((s) => s.route.screen === route.screen && !offered.includes(s));

  const openCode = useCallback(
    async (code: string) => {
      try {
        const target = await call('scan.resolve', { code });
        playScanOk();
        go(scanRoute(target));
      } catch (error) {
        feedback.error(error);
      }
    },
    [feedback],
  );

  const badSuffix = useCallback(
    (burst: { text: string }) => feedback.error(new CallError({ code: 'scan.noEnter', message: '', params: { code: burst.text.slice(0, 40) } })),
    [feedback],
  );

  return (
    <ScannerProvider fallback={openCode} onBadSuffix={badSuffix}>
      <div className="shell">
        <header className="top-bar">
          <span className="brand">Karakana</span>
          <nav aria-label={t('nav.label')}>
            {offered.map((s) => (
              <a
                key={s.route.screen}
                href={hrefOf(s.route)}
                aria-current={route.screen === s.route.screen ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${s.key}`}
              >
                {t(s.label)} <kbd>Alt+{s.key}</kbd>
              </a>
            ))}
          </nav>
          {screens.map((s) => (
            <NavShortcut key={s.key} screen={s} offered={offered.includes(s)} />
          ))}
          <GoToLot open={openCode} />
          <LanguageSwitch />
          <button type="button" onClick={() => void logout()} data-testid="logout" aria-keyshortcuts="Alt+O">
            {t('shell.logout')} <kbd>Alt+O</kbd>
          </button>
        </header>
        <main className="screen">{denied ? <p role="alert">{errorText(notYourScreen(denied.needs, t(denied.label)))}</p> : <ScreenFor route={route} />}</main>
        <Messages />
        <StatusBar />
      </div>
    </ScannerProvider>
  );
}
